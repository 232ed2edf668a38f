// Mirrors the server password rule: at least 8 characters and 3 of 4 character classes.
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_HINT = '至少 8 位（以安全策略为准），包含大写字母、小写字母、数字、特殊符号中的至少 3 类，且不含用户名';

export function passwordClasses(pw: string): number {
  return [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(pw)).length;
}

/** Returns a Chinese error message, or null when the password satisfies the rule. */
export function checkPassword(pw: string, username?: string): string | null {
  if (pw.length < PASSWORD_MIN_LENGTH) return `密码长度至少 ${PASSWORD_MIN_LENGTH} 位`;
  if (pw.length > 128) return '密码长度不能超过 128 位';
  if (passwordClasses(pw) < 3) return '密码须包含大写字母、小写字母、数字、特殊符号中的至少 3 类';
  if (username && pw.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  return null;
}
