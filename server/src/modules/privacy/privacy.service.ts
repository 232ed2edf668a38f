// Personal information requests (issue 21, 个人信息保护法 Art. 45 access/copy, Art. 47 deletion).
//
// Who: the security administrator (secadmin) of the tenant handles them. Of the 三权分立 roles it is
// the one responsible for protecting data (security policy); the system administrator, who manages
// the accounts and organisation, does not also read out everything held about a person; the auditor
// reviews every request in the audit log (each export and each masking writes a row). Business roles
// never export personal data wholesale.
//
// What: for an enterprise contact (identified by the mobile number) — the registry's contact entries,
// the appeals naming them as contact, portal registration requests and accounts, SMS sent to them;
// for a staff member (by username) — the account, and the latest 1,000 audit rows of their actions.
//
// Masking (where the law and the retention of records allow): the registry's contact entries (name
// and mobile replaced by masked forms) and the numbers of SMS already sent. Kept as they are, and
// named so in the export: appeals (official records of the department's handling, kept under the
// records rules), registration requests and accounts (records of account decisions; an account is
// disabled by the system administrator), staff members' accounts and audit rows (等保: the audit log
// is never altered). The mobile-number masking on pages (138****1234) is unchanged.
import ExcelJS from 'exceljs';
import type { EnterpriseContact } from '../../db/schema-enterprises.ts';
import { invalid, notFound } from '../../errors.ts';
import { audit, withTx, type AuthedCtx } from '../../lib/context.ts';
import { appealsByContactPhone } from '../appeals/index.ts';
import { rowsOfActor } from '../audit/index.ts';
import { contactsWithMobile, maskContacts } from '../enterprises/index.ts';
import { maskSentSms, registrationsByMobile, smsToPhone } from '../portal/index.ts';
import { accountsByMobile, maskMobile, staffAccount } from '../users/index.ts';
import { unitName } from '../units/index.ts';

const fmt = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' });
const at = (d: Date | null | undefined) => (d ? fmt.format(d) : '');

/** 张三 → 张*, a one-character name → *. */
export const maskName = (name: string) => (name.length <= 1 ? '*' : `${name[0]}${'*'.repeat(name.length - 1)}`);

const MOBILE = /^1\d{10}$/;

function checkMobile(mobile: string) {
  if (!MOBILE.test(mobile)) throw invalid({ mobile: '请输入 11 位手机号码' });
}

type Sheet = { name: string; note: string; columns: string[]; rows: (string | number)[][] };

async function workbook(title: string, summary: [string, string][], sheets: Sheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '政企通';
  const s = wb.addWorksheet('概要');
  s.addRow([title]).font = { bold: true, size: 14 };
  for (const row of summary) s.addRow(row);
  s.getColumn(1).width = 22;
  s.getColumn(2).width = 80;
  for (const sh of sheets) {
    s.addRow([`${sh.name}`, `${sh.rows.length} 条。${sh.note}`]);
    const ws = wb.addWorksheet(sh.name);
    ws.addRow(sh.columns).font = { bold: true };
    // Spreadsheet formula injection guard (values come from forms).
    for (const r of sh.rows) ws.addRow(r.map((v) => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v)));
    sh.columns.forEach((_, i) => {
      ws.getColumn(i + 1).width = 20;
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Everything the tenant holds about an enterprise contact (by mobile), as .xlsx; audited. */
export async function exportContact(ctx: AuthedCtx, q: { mobile: string }) {
  checkMobile(q.mobile);
  const t = ctx.actor.tenantId;
  const [contacts, appeals, registrations, accounts, sms] = await Promise.all([
    contactsWithMobile(ctx.db, t, q.mobile),
    appealsByContactPhone(ctx.db, t, q.mobile),
    registrationsByMobile(ctx.db, t, q.mobile),
    accountsByMobile(ctx.db, t, q.mobile),
    smsToPhone(ctx.db, t, q.mobile),
  ]);
  const counts = { contacts: contacts.length, appeals: appeals.length, registrations: registrations.length, accounts: accounts.length, sms: sms.length };
  await withTx(ctx, (tx) =>
    audit(tx, ctx, {
      action: 'privacy.export',
      entity: 'personal_information',
      entityId: maskMobile(q.mobile),
      summary: `个人信息查阅复制：企业联系人 ${maskMobile(q.mobile)}（${Object.values(counts).reduce((a, b) => a + b, 0)} 条记录）`,
      after: { subject: 'enterprise_contact', mobile: maskMobile(q.mobile), ...counts },
    }),
  );
  const file = await workbook(
    '个人信息查阅复制（企业联系人）',
    [
      ['手机号码', q.mobile],
      ['导出时间', at(new Date())],
      ['导出人', ctx.actor.displayName],
      ['说明', '依据《个人信息保护法》第四十五条，列出本单位系统中与该手机号码相关的全部个人信息。'],
    ],
    [
      {
        name: '企业名录联系人',
        note: '可依申请删除（脱敏）。',
        columns: ['企业名称', '统一社会信用代码', '姓名', '职务', '手机', '固定电话'],
        rows: contacts.map((c) => [c.enterpriseName, c.uscc, c.contact.name, c.contact.post ?? '', c.contact.mobile ?? '', c.contact.landline ?? '']),
      },
      {
        name: '诉求记录',
        note: '诉求办理记录属于公务档案，按档案规定保存，不予删除。',
        columns: ['编号', '标题', '企业', '联系人', '联系电话', '状态', '受理时间'],
        rows: appeals.map((a) => [a.number, a.title, a.enterpriseName, a.contactName, a.contactPhone, a.state, at(a.receivedAt)]),
      },
      {
        name: '门户注册申请',
        note: '账号审批记录，予以保留。',
        columns: ['企业名称', '统一社会信用代码', '联系人', '手机', '用户名', '状态', '申请时间'],
        rows: registrations.map((r) => [r.enterpriseName, r.uscc, r.contactName, r.mobile, r.username, r.status, at(r.createdAt)]),
      },
      {
        name: '账号',
        note: '账号停用由系统管理员办理；账号记录予以保留。',
        columns: ['用户名', '姓名', '角色', '手机', '状态', '创建时间', '最近登录'],
        rows: accounts.map((a) => [
          a.username,
          a.displayName,
          a.roles.join('、'),
          a.mobile ?? '',
          a.disabled ? '已停用' : '正常',
          at(a.createdAt),
          at(a.lastLoginAt),
        ]),
      },
      {
        name: '短信',
        note: '已发送短信的号码可依申请脱敏。',
        columns: ['类型', '号码', '内容', '状态', '创建时间', '发送时间'],
        rows: sms.map((m) => [m.kind, m.toPhone, m.body, m.status, at(m.createdAt), at(m.sentAt)]),
      },
    ],
  );
  return { file, counts };
}

/** Masks what may be deleted of an enterprise contact (registry entries, numbers of sent SMS); audited. */
export async function maskContact(ctx: AuthedCtx, body: { mobile: string }) {
  checkMobile(body.mobile);
  const masked = maskMobile(body.mobile)!;
  const mask = (c: EnterpriseContact): EnterpriseContact => ({ ...c, name: maskName(c.name), mobile: masked });
  return withTx(ctx, async (tx) => {
    const enterprises = await maskContacts(tx, ctx.actor.tenantId, body.mobile, mask);
    const sms = await maskSentSms(tx, ctx.actor.tenantId, body.mobile, masked);
    const kept = await appealsByContactPhone(tx, ctx.actor.tenantId, body.mobile);
    const result = { enterprises: enterprises.length, sms, keptAppeals: kept.length };
    await audit(tx, ctx, {
      action: 'privacy.mask',
      entity: 'personal_information',
      entityId: masked,
      summary: `个人信息删除（脱敏）：企业联系人 ${masked}，企业名录 ${enterprises.length} 家、短信 ${sms} 条；诉求记录 ${kept.length} 件按档案规定保留`,
      after: { subject: 'enterprise_contact', mobile: masked, ...result },
    });
    return result;
  });
}

/** Everything held about a staff member (account, latest audit rows of their actions), as .xlsx; audited. */
export async function exportStaff(ctx: AuthedCtx, q: { username: string }) {
  const account = await staffAccount(ctx.db, ctx.actor.tenantId, q.username);
  if (!account) throw notFound('工作人员账号');
  const actions = await rowsOfActor(ctx.db, ctx.actor.tenantId, account.id, 1000);
  const unit = account.unitId ? await unitName(ctx.db, account.unitId) : null;
  await withTx(ctx, (tx) =>
    audit(tx, ctx, {
      action: 'privacy.export',
      entity: 'personal_information',
      entityId: account.id,
      summary: `个人信息查阅复制：工作人员 ${account.displayName}（${account.username}）`,
      after: { subject: 'staff', username: account.username, auditRows: actions.length },
    }),
  );
  const file = await workbook(
    '个人信息查阅复制（工作人员）',
    [
      ['姓名', account.displayName],
      ['用户名', account.username],
      ['导出时间', at(new Date())],
      ['导出人', ctx.actor.displayName],
      ['说明', '账号信息与本人操作的审计记录（最近 1000 条）。审计记录依等级保护要求不可删除或修改。'],
    ],
    [
      {
        name: '账号',
        note: '账号停用由系统管理员办理。',
        columns: ['用户名', '姓名', '角色', '处室单位', '手机', '状态', '创建时间', '最近登录', '最近修改密码'],
        rows: [
          [
            account.username,
            account.displayName,
            account.roles.join('、'),
            unit ?? '',
            account.mobile ?? '',
            account.disabled ? '已停用' : '正常',
            at(account.createdAt),
            at(account.lastLoginAt),
            at(account.passwordChangedAt),
          ],
        ],
      },
      {
        name: '操作记录',
        note: '审计日志，不可删除或修改。',
        columns: ['时间', '操作', '对象类型', '摘要', 'IP'],
        rows: actions.map((a) => [at(a.at), a.action, a.entity, a.summary, a.ip ?? '']),
      },
    ],
  );
  return { file, account };
}
