// Passwords that pass the complexity rule (≥ 8, 3 of 4 classes) yet are among the first an attacker
// tries: leaked-list favourites, keyboard walks, "Name@123" patterns, and this system's public demo
// password (README). Compared case-insensitively. Demo accounts keep signing in with the demo
// password (sign-in never checks this list); nobody can choose it, or any of these, as a new one.
const LIST = `
password1 password12 password123 password1234 password@1 password@123 password#1 password!1 passw0rd p@ssw0rd p@ssword p@ssword1 p@ssw0rd1
p@ssw0rd123 p@55w0rd pa$$w0rd pa$$word1 password1! password01 passw0rd1 passw0rd! passw0rd123
abcdefg1 abcdefgh1 abcd1234 abcd@1234 abcd#1234 abc12345 abc@1234 abc@12345 abc#1234 abc123456 abcde123 a1234567 a12345678 a123456789
aa123456 aa12345678 aaa11111 aa112233 abc123abc a1b2c3d4 a1b2c3d4e5 1a2b3c4d
admin123 admin1234 admin@123 admin@1234 admin#123 admin!123 admin12345 administrator1 adm1n123 root@123 root1234 root@1234 test@123 test1234 test@1234
qwerty12 qwerty123 qwerty1234 qwer1234 qwer@1234 qwe@1234 qweasd123 qweasdzxc1 qwertyui1 qwerty@123 1qaz2wsx 1qaz@wsx 1qaz2wsx3edc 1qaz@wsx3edc
1q2w3e4r 1q2w3e4r5t 1q2w3e4r! zaq12wsx zaq1@wsx zaq1xsw2 q1w2e3r4 q1w2e3r4t5 asdf1234 asdf@1234 zxcv1234 zxcvbnm1 zxc@1234 asd@1234
welcome1 welcome123 welcome@1 welcome@123 letmein1 letmein123 iloveyou1 iloveyou123 monkey123 dragon123 sunshine1 princess1 football1 baseball1
master123 shadow123 superman1 batman123 trustno1 starwars1 changeme1 changeme123 secret123 login123 user1234 user@123 guest123 hello123 hello@123
china123 china@123 beijing123 beijing@123 shandong1 shandong123 jinan123 qingdao123 woaini123 woaini1314 5201314a a5201314 aini1314 love1314
zhangsan1 wangwei123 lilei123 huawei123 huawei@123 xiaomi123 baidu123 taobao123 tencent123 wechat123 qq123456 qq@123456
summer2024 summer2025 summer2026 winter2024 winter2025 winter2026 spring2025 spring2026 autumn2025 autumn2026
password2024 password2025 password2026 password@2024 password@2025 password@2026 admin2024 admin2025 admin2026 admin@2024 admin@2025 admin@2026
company1 company123 company@123 office123 office@123 system123 system@123 system@1234 sysadmin1 sysadmin123 sysadmin@123 secadmin1 secadmin@123
auditor1 auditor@123 security1 security@123 manager1 manager123 manager@123 service1 service@123 support1 support@123 default1 default@123
zqt@2026demo zqt@2025demo zqt@2027demo zqt2026demo zqt@123456 zqt@1234 zhengqitong1 zhengqitong@123 yingji123 yingji@123 anquan123 anquan@123
`;

export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(LIST.split(/\s+/).filter(Boolean));

/** True for a password on the list (case-insensitive), also with one trailing symbol added (Password1!). */
export function isCommonPassword(password: string): boolean {
  const p = password.toLowerCase();
  return COMMON_PASSWORDS.has(p) || COMMON_PASSWORDS.has(p.replace(/[^a-z0-9]$/, ''));
}
