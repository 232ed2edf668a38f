// Hand-built appeals for the sweep tests: rows inserted directly with chosen deadlines and states,
// so each test states exactly which clock is where.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../src/db/client.ts';
import { parseInstant } from '../../src/domain/calendar/index.ts';

export const at = (s: string) => parseInstant(s);

export type HandAppeal = {
  state: 'received' | 'returned' | 'dispatched' | 'handling' | 'paused' | 'replied' | 'closed';
  leadUnitId?: string | null;
  receivedAt?: Date;
  contactDueAt?: Date | null;
  contactDoneAt?: Date | null;
  contactState?: string;
  opinionDueAt?: Date | null;
  opinionDoneAt?: Date | null;
  opinionState?: string;
  resolutionDueAt?: Date | null;
  resolutionDoneAt?: Date | null;
  resolutionState?: string;
  reopenCount?: number;
  repliedAt?: Date | null;
  closedAt?: Date | null;
  title?: string;
  isMajor?: boolean;
};

const earliestOpen = (a: HandAppeal) => {
  if (['paused', 'replied', 'closed'].includes(a.state)) return null;
  const open = [
    [a.contactDueAt, a.contactDoneAt],
    [a.opinionDueAt, a.opinionDoneAt],
    [a.resolutionDueAt, a.resolutionDoneAt],
  ]
    .filter(([due, done]) => due && !done)
    .map(([due]) => (due as Date).getTime());
  return open.length ? new Date(Math.min(...open)) : null;
};

export async function insertAppeal(db: Db, tenantId: string, a: HandAppeal): Promise<string> {
  const id = crypto.randomUUID();
  const received = a.receivedAt ?? at('2026-03-01T09:00:00');
  const dispatched = a.leadUnitId ? received : null;
  await db.execute(sql`
    INSERT INTO appeals (id, tenant_id, number, enterprise_name, contact_name, contact_phone, channel, category, title, content,
      received_at, state, lead_unit_id, dispatched_at, cycle_started_at,
      contact_due_at, contact_done_at, contact_state, opinion_due_at, opinion_done_at, opinion_state,
      resolution_due_at, resolution_done_at, resolution_state, next_due_at, reopen_count, replied_at, reply_text, result_kind,
      closed_at, close_reason, is_major, search_vector)
    VALUES (${id}, ${tenantId}, ${`ZQT-T-${id.slice(0, 8)}`}, '巡检测试企业', '联系人', '13800000000', 'hotline', 'policy',
      ${a.title ?? '巡检测试诉求'}, '内容', ${received}, ${a.state}, ${a.leadUnitId ?? null}, ${dispatched}, ${received},
      ${a.contactDueAt ?? null}, ${a.contactDoneAt ?? null}, ${a.contactState ?? (a.contactDoneAt ? 'met_on_time' : 'pending')},
      ${a.opinionDueAt ?? null}, ${a.opinionDoneAt ?? null}, ${a.opinionState ?? (a.opinionDoneAt ? 'met_on_time' : 'pending')},
      ${a.resolutionDueAt ?? null}, ${a.resolutionDoneAt ?? null}, ${a.resolutionState ?? (a.resolutionDoneAt ? 'met_on_time' : 'pending')},
      ${earliestOpen(a)}, ${a.reopenCount ?? 0}, ${a.repliedAt ?? null}, ${a.repliedAt ? '答复内容' : null}, ${a.repliedAt ? 'solved' : null},
      ${a.closedAt ?? null}, ${a.closedAt ? 'satisfied' : null}, ${a.isMajor ?? false}, to_tsvector('simple', '巡检'))`);
  return id;
}

export type AppealState = {
  state: string;
  contact_state: string;
  opinion_state: string;
  resolution_state: string;
  urge_count: number;
  version: number;
  close_reason: string | null;
};

export async function appealRow(db: Db, id: string): Promise<AppealState> {
  const [r] = await queryRows<AppealState>(
    db,
    sql`
    SELECT state, contact_state, opinion_state, resolution_state, urge_count, version, close_reason FROM appeals WHERE id = ${id}`,
  );
  return r;
}

export async function eventsOf(db: Db, id: string) {
  return queryRows<{ type: string; actor_name: string; payload: Record<string, unknown> }>(
    db,
    sql`
    SELECT type, actor_name, payload FROM appeal_events WHERE appeal_id = ${id} ORDER BY id`,
  );
}

export async function notificationsOfTenant(db: Db, tenantId: string) {
  return queryRows<{ type: string; user_id: string | null; unit_id: string | null; role: string | null; appeal_id: string | null; title: string }>(
    db,
    sql`
    SELECT type, user_id, unit_id, role, appeal_id, title FROM notifications WHERE tenant_id = ${tenantId} ORDER BY created_at, id`,
  );
}

export async function setTenantOverrides(db: Db, tenantId: string, overrides: Record<string, unknown>) {
  await db.execute(sql`INSERT INTO tenant_settings (tenant_id, overrides) VALUES (${tenantId}, ${JSON.stringify(overrides)}::jsonb)
    ON CONFLICT (tenant_id) DO UPDATE SET overrides = EXCLUDED.overrides`);
}
