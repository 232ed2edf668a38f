// SQL of intake (issue 20): the appeal's number, the new appeals with everything written with them in
// one statement, and the Idempotency-Keys of the requests that carried one. The rest of the appeals'
// SQL is appeals.repository.ts.
import crypto from 'node:crypto';
import { and, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import { queryPrepared, queryRows, type Db, type DbOrTx } from '../../db/client.ts';
import { coalesced } from '../../db/coalesce.ts';
import { fromRaw, tableColumnNames } from '../../db/rows.ts';
import { appealCounters, appealEvents, appeals, idempotencyKeys } from '../../db/schema.ts';
import { auditRowsSql, type AuditRecord } from '../../lib/context.ts';
import { APPEAL_COLUMNS_TEXT, type AppealInsert, type AppealRow, type DetailExtras, type EventInsert } from './appeals.repository.ts';

/** Next human number ZQT-<tenant code>-<year>-<000123> (row lock on the tenant-year counter). */
export async function nextNumber(db: DbOrTx, tenantId: string, tenantCode: string, year: number): Promise<string> {
  const [r] = await queryRows<{ last: number }>(
    db,
    sql`
    INSERT INTO appeal_counters (tenant_id, year, last) VALUES (${tenantId}, ${year}, 1)
    ON CONFLICT (tenant_id, year) DO UPDATE SET last = appeal_counters.last + 1
    RETURNING last`,
  );
  return `ZQT-${tenantCode}-${year}-${String(r.last).padStart(6, '0')}`;
}
void appealCounters;

/**
 * The same, drawn as its own transaction (autocommit: call it with the pool, never inside a
 * transaction, whose commit it would make asynchronous too). The counter row stays locked until the
 * commit, and 16 intakes at once queued on it for each other's WAL flush (≈ 410 draws/s on the 2-core
 * machine): this commit does not wait for its flush (synchronous_commit off for this one statement).
 * Safe: the appeal that uses the number commits later with a flush, which writes the WAL up to and
 * past the counter's commit; a crash before that loses only an unused number (unique, not gapless).
 *
 * Draws of one tenant-year meet on that row anyway, so they are made one at a time per process, and
 * the intakes that asked meanwhile share the next statement (db/coalesce.ts): it moves the counter by
 * their number and hands the numbers out in the order asked (issue 20: under load one statement serves
 * several intakes; alone, an intake draws at once as before).
 */
export function drawNumber(db: Db, tenantId: string, tenantCode: string, year: number): Promise<string> {
  return drawNumbers(db, `${tenantId}:${year}`, { tenantId, year }).then((n) => `ZQT-${tenantCode}-${year}-${String(n).padStart(6, '0')}`);
}

const drawNumbers = coalesced<{ tenantId: string; year: number }, number>(async (db, _key, batch) => {
  const { tenantId, year } = batch[0]!;
  const [r] = await queryPrepared<{ last: number }>(
    db,
    'appeal_number_draw',
    sql`
    WITH nf AS (SELECT set_config('synchronous_commit', 'off', true) AS v)
    INSERT INTO appeal_counters (tenant_id, year, last) SELECT ${tenantId}, ${year}, ${batch.length}::int FROM nf
    ON CONFLICT (tenant_id, year) DO UPDATE SET last = appeal_counters.last + EXCLUDED.last
    RETURNING last`,
  );
  const first = Number(r.last) - batch.length + 1;
  return batch.map((_, i) => ({ ok: true, value: first + i }));
});

/** Every column but the search vector (written, never read back), unqualified (a RETURNING list). */
const RETURNING_COLUMNS_TEXT = tableColumnNames(appeals)
  .filter((n) => n !== 'search_vector')
  .join(', ');

export type IntakeWrite = {
  /** The new appeal with its id (made by the service: the events and the audit row name it). */
  appeal: AppealInsert & { id: string };
  searchWords: string;
  coUnits: { unitId: string; part: string }[];
  events: EventInsert[];
  /** Its audit row (lib/context.ts auditRecord). */
  audit: AuditRecord;
};

/**
 * Intake in ONE statement (issue 20): each appeal with its search vector, its co-handling units, its
 * timeline events and its audit row, as a data-modifying CTE — one statement per set of written columns,
 * usually one for a whole batch of intakes written together (appeals.intake.ts). Answers each appeal as
 * the appeal page reads it (`detail`: getDetailRow's shape, from what was just written — no re-read), or
 * its id, in the order of `ws`.
 *
 * The rows travel as JSON documents (the appeals with their search words, the co-units, the events,
 * the audit rows) expanded by json_populate_record(set), so the statement's text depends only on WHICH
 * columns are written (a handful of shapes: dispatched, answered on the spot, a repeat …), never on the
 * values or on how many appeals there are. Each shape is a named prepared statement (queryPrepared):
 * PostgreSQL parses and plans this ≈ 60-column CTE once per connection instead of on every intake. A
 * column an appeal leaves out takes its default, as with a VALUES list: appeals are grouped by their
 * written columns, never padded with NULLs.
 */
export async function insertIntakes(db: DbOrTx, ws: IntakeWrite[], answer: 'detail'): Promise<(AppealRow & DetailExtras)[]>;
export async function insertIntakes(db: DbOrTx, ws: IntakeWrite[], answer: 'id'): Promise<{ id: string }[]>;
export async function insertIntakes(db: DbOrTx, ws: IntakeWrite[], answer: 'detail' | 'id'): Promise<((AppealRow & DetailExtras) | { id: string })[]> {
  const groups = new Map<string, { appeals: Record<string, unknown>[]; ws: IntakeWrite[] }>();
  for (const w of ws) {
    const appeal = byColumnName(APPEAL_COLUMN_NAMES, w.appeal);
    const key = Object.keys(appeal).join(',');
    let g = groups.get(key);
    if (!g) {
      g = { appeals: [], ws: [] };
      groups.set(key, g);
    }
    g.appeals.push({ ...appeal, [WORDS_KEY]: w.searchWords });
    g.ws.push(w);
  }
  const byId = new Map<string, Record<string, unknown>>();
  for (const [appealKey, g] of groups) {
    const events = g.ws.flatMap((w) => w.events.map((e) => byColumnName(EVENT_COLUMN_NAMES, e)));
    const eventColumns = [...new Set(events.flatMap((e) => Object.keys(e)))].sort();
    const co = g.ws.flatMap((w) => w.coUnits.map((c) => ({ appeal_id: w.appeal.id, tenant_id: w.appeal.tenantId, unit_id: c.unitId, part: c.part })));
    const [name, p] = intakeShape(appealKey, eventColumns, answer);
    const rows = await queryPrepared<Record<string, unknown>>(
      db,
      name,
      sql`${p[0]}${JSON.stringify(g.appeals)}${p[1]}${JSON.stringify(co)}${p[2]}${JSON.stringify(events)}${p[3]}${auditRowsSql(g.ws.map((w) => w.audit))}${p[4]}`,
    );
    for (const r of rows) byId.set(String(r.id), r);
  }
  return ws.map((w) => {
    const r = byId.get(w.appeal.id);
    if (!r) throw new Error(`insertIntakes: appeal ${w.appeal.id} was not written`);
    return answer === 'id' ? { id: String(r.id) } : fromRaw<AppealRow & DetailExtras>(r);
  });
}

/** The search words' key in an appeal's document (no column has it: json_populate_record ignores it). */
const WORDS_KEY = '$words';

const columnNames = (cols: Record<string, { name: string }>) => new Map(Object.entries(cols).map(([k, c]) => [k, c.name]));
const APPEAL_COLUMN_NAMES = columnNames(getTableColumns(appeals));
const EVENT_COLUMN_NAMES = columnNames(getTableColumns(appealEvents));

/** A row keyed by column names (json_populate_record's keys); undefined values are left out (their column takes its default). */
function byColumnName(names: Map<string, string>, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (v === undefined) continue;
    const name = names.get(k);
    if (!name) throw new Error(`insertIntakes: no column for ${k}`);
    out[name] = v;
  }
  return out;
}

const intakeShapes = new Map<string, [string, SQL[]]>();

/**
 * The statement's name and its fixed text around the parameters (the appeals, co-units, events and
 * audit rows as documents), one per set of written columns and answer.
 */
function intakeShape(appealKey: string, eventColumns: string[], answer: 'detail' | 'id'): [string, SQL[]] {
  const key = `${appealKey}|${eventColumns.join(',')}|${answer}`;
  let shape = intakeShapes.get(key);
  if (shape) return shape;
  const ac = appealKey.split(',').join(', ');
  const ec = eventColumns.join(', ');
  const texts = [
    `
    WITH a AS (
      INSERT INTO appeals (${ac}, search_vector)
      SELECT ${ac}, to_tsvector('simple', j.doc->>'${WORDS_KEY}')
      FROM json_array_elements(`,
    `::json) AS j(doc) CROSS JOIN LATERAL json_populate_record(NULL::appeals, j.doc)
      RETURNING ${RETURNING_COLUMNS_TEXT}),
    cu AS (
      INSERT INTO appeal_units (appeal_id, tenant_id, unit_id, part)
      SELECT appeal_id, tenant_id, unit_id, part FROM json_populate_recordset(NULL::appeal_units, `,
    `::json)
      RETURNING appeal_id, unit_id, part, status, submitted_text, submitted_at, submitted_by_name, assigned_at),
    e AS (
      INSERT INTO appeal_events (${ec})
      SELECT ${ec} FROM json_populate_recordset(NULL::appeal_events, `,
    `::json)
      RETURNING appeal_id, id, type, at, actor_id, actor_name, unit_id, unit_name, state_before, state_after, payload),
    au AS (`,
    `)
    ${answer === 'id' ? 'SELECT a.id FROM a' : DETAIL_OF_WRITTEN_TEXT}`,
  ];
  shape = [`appeal_intakes_${crypto.createHash('sha1').update(key).digest('hex').slice(0, 16)}`, texts.map((t) => sql.raw(t))];
  intakeShapes.set(key, shape);
  return shape;
}

/** The appeal page's rows (getDetailRow) of what insertIntakes wrote: the CTEs a, cu, e. */
const DETAIL_OF_WRITTEN_TEXT = `
    SELECT ${APPEAL_COLUMNS_TEXT}, lu.name AS lead_unit_name, NULL::text AS origin_tenant_name,
      (SELECT coalesce(json_agg(json_build_object('unitId', cu.unit_id, 'unitName', u.name, 'part', cu.part, 'status', cu.status,
          'submittedText', cu.submitted_text, 'submittedAt', cu.submitted_at, 'submittedByName', cu.submitted_by_name,
          'assignedAt', cu.assigned_at) ORDER BY u.sort_order, u.name), '[]')
        FROM cu JOIN units u ON u.id = cu.unit_id WHERE cu.appeal_id = a.id) AS co_units,
      (SELECT coalesce(json_agg(json_build_object('id', e.id, 'type', e.type, 'at', e.at, 'actorId', e.actor_id, 'actorName', e.actor_name,
          'unitId', e.unit_id, 'unitName', coalesce(e.unit_name, eu.name), 'stateBefore', e.state_before, 'stateAfter', e.state_after,
          'payload', e.payload) ORDER BY e.id), '[]')
        FROM e LEFT JOIN units eu ON eu.id = e.unit_id WHERE e.appeal_id = a.id) AS events,
      '[]'::json AS requests, '[]'::json AS attachments,
      (SELECT coalesce(json_agg(json_build_object('id', l.id, 'name', l.name, 'title', l.title) ORDER BY l.sort_order), '[]')
        FROM leaders l JOIN leader_units lu2 ON lu2.leader_id = l.id WHERE lu2.unit_id = a.lead_unit_id AND NOT l.archived) AS leaders
    FROM a LEFT JOIN units lu ON lu.id = a.lead_unit_id`;

// ---- idempotency ----

export type IdempotencyClaim = { tenantId: string; userId: string; key: string; hash: string };
const claimId = (c: Pick<IdempotencyClaim, 'tenantId' | 'userId' | 'key'>) => `${c.tenantId} ${c.userId} ${c.key}`;

/**
 * Claims the keys (one statement for a batch of intakes); answers which of them were claimed — the
 * others were already used (the caller then reads the stored response), or named twice in `claims`
 * (the first claims). Waits for a concurrent holder of a key to finish.
 */
export async function claimIdempotencyKeys(db: DbOrTx, claims: IdempotencyClaim[]): Promise<(c: IdempotencyClaim) => boolean> {
  // Prepared (issue 20): runs on every intake with a key.
  const r = await queryPrepared<{ tenant_id: string; user_id: string; key: string }>(
    db,
    'idempotency_claims',
    sql`INSERT INTO idempotency_keys (tenant_id, user_id, key, request_hash)
        SELECT tenant_id, user_id, key, request_hash FROM json_populate_recordset(NULL::idempotency_keys, ${JSON.stringify(
          claims.map((c) => ({ tenant_id: c.tenantId, user_id: c.userId, key: c.key, request_hash: c.hash })),
        )}::json)
        ON CONFLICT DO NOTHING RETURNING tenant_id, user_id, key`,
  );
  const claimed = new Set(r.map((x) => claimId({ tenantId: x.tenant_id, userId: x.user_id, key: x.key })));
  return (c) => claimed.delete(claimId(c));
}

export async function readIdempotencyKey(db: DbOrTx, tenantId: string, userId: string, key: string) {
  const [r] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.tenantId, tenantId), eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
  return r ?? null;
}

/**
 * The answers to the claimed keys (the intakes' transaction: they commit with the appeals). Written as
 * an upsert of the rows just claimed, so each row is found through the key's own index whatever the
 * planner thinks of the table: an UPDATE … FROM the batch was planned as a hash join over a sequential
 * scan of every key while the table was small, and a prepared statement kept that plan as it grew.
 */
export async function storeIdempotentResponses(db: DbOrTx, answers: (IdempotencyClaim & { statusCode: number; response: unknown })[]) {
  await queryPrepared(
    db,
    'idempotency_store_many',
    sql`INSERT INTO idempotency_keys (tenant_id, user_id, key, request_hash, status_code, response)
        SELECT tenant_id, user_id, key, request_hash, status_code, response FROM json_populate_recordset(NULL::idempotency_keys, ${JSON.stringify(
          answers.map((a) => ({ tenant_id: a.tenantId, user_id: a.userId, key: a.key, request_hash: a.hash, status_code: a.statusCode, response: a.response })),
        )}::json)
        ON CONFLICT (tenant_id, user_id, key) DO UPDATE SET status_code = EXCLUDED.status_code, response = EXCLUDED.response`,
  );
}
