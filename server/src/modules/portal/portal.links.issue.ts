// Evaluation without logging in (issue 7): every reply carries a signed, single-use link to a
// public page where the enterprise evaluates it (R3.2 closed loop with feedback).
//
// Who issues it: a background task (`evaluation-links`, every 5 s, jobs/tasks.ts) rather than the
// reply transaction, so the appeals service needs no portal code. It is not a cursor over events
// but a set-based query — "every appeal awaiting evaluation (state replied) whose current cycle
// has no link" — so no reply is ever left without its link, whatever crashed or committed late.
// For each one, in one transaction: the link (only the token's sha256 is stored), older links of
// the appeal revoked (a new reply after a reopen replaces them), the SMS to the appeal's contact
// phone in the outbox (the only place besides the in-app notice that holds the token), an in-app
// notification to the enterprise's portal accounts, and an audit row.
import { EVALUATION_RATING_LABELS } from '../../../../shared/appeals.ts';
import type { Db, Tx } from '../../db/client.ts';
import type { WorkCalendar, WorkdaysResult } from '../../domain/calendar/index.ts';
import { loadConfig } from '../../config.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { audit, systemActor } from '../../lib/context.ts';
import { randomToken, sha256 } from '../../lib/crypto.ts';
import type { TaskDef } from '../../jobs/scheduler.ts';
import { lockReplied, tenantEnv, type TenantEnv } from '../appeals/index.ts';
import { insertNotifications } from '../notifications/index.ts';
import { activeEnterpriseAccountIds, maskMobile } from '../users/index.ts';
import * as repo from './portal.links.repository.ts';
import { queueSms } from './portal.sms.ts';

/** Public page path; the token follows. */
export const LINK_PATH = '/e/';
/** 32 random bytes (256 bits), base64url without padding. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
export const tokenHash = (token: string) => sha256(token);
export const linkUrl = (publicUrl: string, token: string) => `${publicUrl.replace(/\/+$/, '')}${LINK_PATH}${token}`;

/** evaluationLinkWorkdays working days after `from` (24:00 of the Nth working day); null while that year's calendar is not loaded. */
export function linkExpiry(from: Date, workdays: number, calendar: WorkCalendar): WorkdaysResult | null {
  try {
    return calendar.addWorkdays(from, workdays);
  } catch (err) {
    if (err instanceof AppError && err.code === ErrorCode.CALENDAR_YEAR_NOT_LOADED) return null;
    throw err;
  }
}

const cnDate = (isoDate: string) => {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

const validity = (due: WorkdaysResult | null, workdays: number) => (due ? `${cnDate(due.dueDate)}（含当日）前有效` : `自发送之日起${workdays}个工作日内有效`);

export function smsBody(number: string, url: string, due: WorkdaysResult | null, workdays: number) {
  return `【政企通】您反映的诉求（编号${number}）已答复。请打开链接查看答复并评价（${Object.values(EVALUATION_RATING_LABELS).join('/')}）：${url} 该链接仅可使用一次，${validity(due, workdays)}。`;
}

export function noticeText(number: string, title: string, url: string, due: WorkdaysResult | null, workdays: number) {
  return {
    title: `诉求已答复，请评价：${number}`,
    body: `您的诉求「${title}」已答复。请打开评价链接查看答复并评价：${url}（仅可使用一次，${validity(due, workdays)}）`,
  };
}

export type IssueResult = { issued: number; revoked: number; expiryFilled: number; failed: number; error?: string };

/**
 * Issues the missing links (see the header). `tenantIds` narrows the run (tests); `now` is the
 * issue time the expiry counts from.
 */
export async function issueEvaluationLinks(
  db: Db,
  opts: { publicUrl: string; now?: Date; tenantIds?: readonly string[]; limit?: number },
): Promise<IssueResult> {
  const now = opts.now ?? new Date();
  const envs = new Map<string, TenantEnv>();
  const envOf = async (tenantId: string) => {
    if (!envs.has(tenantId)) envs.set(tenantId, await tenantEnv(db, tenantId));
    return envs.get(tenantId)!;
  };
  let issued = 0;
  let revoked = 0;
  let failed = 0;
  let error: string | undefined;
  for (const cand of await repo.candidates(db, { tenantIds: opts.tenantIds, limit: opts.limit ?? 500 })) {
    // One appeal failing (its transaction rolled back) must not hold up the others; it is retried next run.
    try {
      const env = await envOf(cand.tenantId);
      const r = await db.transaction(async (tx) => issueOne(tx, cand.id, cand.reopenCount, env, opts.publicUrl, now));
      if (r) {
        issued++;
        revoked += r.revoked;
      }
    } catch (err) {
      failed++;
      error ??= `${cand.number}: ${err instanceof Error ? err.message : String(err)}`;
    }
  }
  const expiryFilled = await fillMissingExpiry(db, envOf);
  if (failed && !issued) throw new Error(`evaluation links: ${failed} failed, e.g. ${error}`);
  return { issued, revoked, expiryFilled, failed, ...(error ? { error } : {}) };
}

async function issueOne(tx: Tx, appealId: string, cycle: number, env: TenantEnv, publicUrl: string, now: Date) {
  const c = await lockReplied(tx, appealId, cycle);
  if (!c) return null; // evaluated meanwhile, or another instance is on it
  const token = randomToken(32);
  const workdays = env.settings.evaluationLinkWorkdays;
  const due = linkExpiry(now, workdays, env.calendar);
  const linkId = await repo.insertLink(tx, {
    tenantId: c.tenantId,
    appealId: c.id,
    cycle: c.reopenCount,
    tokenHash: tokenHash(token),
    expiresAt: due?.dueAt ?? null,
    createdAt: now,
  });
  if (!linkId) return null;
  const revoked = await repo.revokeOlder(tx, c.id, c.reopenCount, now);
  const url = linkUrl(publicUrl, token);
  await queueSms(tx, [
    {
      tenantId: c.tenantId,
      appealId: c.id,
      kind: 'evaluation_link',
      toPhone: c.contactPhone,
      body: smsBody(c.number, url, due, workdays),
      createdAt: now,
    },
  ]);
  const accounts = await activeEnterpriseAccountIds(tx, c.tenantId, c.enterpriseId);
  const notice = noticeText(c.number, c.title, url, due, workdays);
  await insertNotifications(
    tx,
    accounts.map((u) => ({
      tenant_id: c.tenantId,
      type: 'evaluation_link',
      user_id: u,
      appeal_id: c.id,
      title: notice.title,
      body: notice.body,
      source_key: `link:${linkId}:u:${u}`,
    })),
  );
  await audit(
    tx,
    { db: tx as Db, actor: systemActor(c.tenantId, 'evaluation-links'), ip: '', requestId: 'evaluation-links' },
    {
      action: 'evaluation_link.issue',
      entity: 'appeal',
      entityId: c.id,
      summary: `${c.number} 已答复，发送免登录评价链接（短信至 ${maskMobile(c.contactPhone)}${accounts.length ? `，站内通知企业账号${accounts.length}个` : ''}）${revoked ? `，原链接${revoked}个作废` : ''}`,
      after: { linkId, cycle: c.reopenCount, expiresAt: due?.dueAt.toISOString() ?? null, notifiedAccounts: accounts.length, revoked },
    },
  );
  return { linkId, revoked };
}

/** Links issued while the calendar year was missing get their expiry once the year is loaded. */
async function fillMissingExpiry(db: Db, envOf: (tenantId: string) => Promise<TenantEnv>) {
  let filled = 0;
  for (const l of await repo.linksWithoutExpiry(db, 500)) {
    const env = await envOf(l.tenantId);
    const due = linkExpiry(l.createdAt, env.settings.evaluationLinkWorkdays, env.calendar);
    if (!due) continue;
    await repo.setExpiry(db, l.id, due.dueAt);
    filled++;
  }
  return filled;
}

let publicUrlFromEnv: string | undefined;

/**
 * The scheduled task. Background tasks receive only the database; the base URL of the links comes
 * from the same environment the server validated at start (PUBLIC_URL, default http://127.0.0.1:PORT).
 */
export const evaluationLinksTask: TaskDef = {
  name: 'evaluation-links',
  intervalSeconds: 5,
  run: async ({ db, now }) => {
    publicUrlFromEnv ??= loadConfig().publicUrl;
    return { result: { ...(await issueEvaluationLinks(db, { publicUrl: publicUrlFromEnv, now })) } };
  },
};
