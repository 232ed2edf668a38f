// Excel import of enterprises as a background job (stored in import_jobs, so it survives a page
// reload and any instance's worker can run it):
//   upload → 'uploaded' → worker: read + validate every row → 'ready' (preview: bad rows with row,
//   column and message; existing USCCs with what would change) or 'rejected' (bad file)
//   → user confirms with onExisting = 'update' | 'skip' → 'queued' → worker: one transaction
//   writes all valid rows (jsonb_to_recordset, set-based) → 'done'; any failure rolls the whole
//   import back → 'failed' (nothing written). Or the user cancels → 'cancelled'.
// Update semantics: required columns replace the stored value; an empty optional cell keeps it;
// the row's contact replaces the stored contact of the same name (or is added first).
import { sql } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../db/client.ts';
import { queryRows } from '../../db/client.ts';
import { importJobs } from '../../db/schema.ts';
import { ownerOf } from '../../db/versioned.ts';
import { AppError, ErrorCode, invalid, notFound } from '../../errors.ts';
import { audit, withTx, type AuthedCtx, type Ctx } from '../../lib/context.ts';
import { checkZipArchive, ZipRefused } from '../../lib/zip-guard.ts';
import { FileProblem, readWorkbook } from './enterprises.excel.ts';
import { getTenant } from '../tenants/index.ts';
import { listUnits } from '../units/index.ts';
import { findByUsccs, getJob, insertJob, listJobs } from './enterprises.repository.ts';
import { eq, and } from 'drizzle-orm';
import { cutTextEnd } from '../../../../shared/text.ts';
import {
  type ImportRecord,
  type ImportSummary,
  type RowChange,
  type RowError,
  type ValidateEnv,
  diffForUpdate,
  validateRows,
} from './enterprises.import-rows.ts';

// ---------------------------------------------------------------- job steps (worker side)

async function setProgress(db: Db, id: string, progress: number, total?: number) {
  await db
    .update(importJobs)
    .set({ progress, ...(total !== undefined ? { total } : {}), lockedAt: sql`now()`, updatedAt: sql`now()` })
    .where(eq(importJobs.id, id));
}

/** Policy resource 'enterpriseImport': the import job's tenant. */
export const owner = (db: DbOrTx, id: string) => ownerOf(db, importJobs, id);

export async function validateEnv(db: DbOrTx, tenantId: string): Promise<ValidateEnv> {
  const t = await getTenant(db, tenantId);
  if (!t) throw notFound('单位');
  const us = await listUnits(db, tenantId, false);
  return { tenantKind: t.kind, tenantCode: t.code, unitIds: new Set(us.map((u) => u.id)), units: us };
}

/** Reads and validates a file; pure apart from reading the tenant's units and existing USCCs. */
export async function analyse(db: DbOrTx, tenantId: string, file: Buffer, onProgress?: (done: number, total: number) => void) {
  const { rows: raw, sheet } = await readWorkbook(file);
  if (raw.length === 0) throw new FileProblem('文件中没有数据行（第1行为列名，数据从第2行开始）');
  const env = await validateEnv(db, tenantId);
  onProgress?.(0, raw.length);
  const { valid, errors } = validateRows(raw, env, (done) => onProgress?.(done, raw.length));
  const existing = await findByUsccs(
    db,
    tenantId,
    valid.map((v) => v.uscc),
  );
  const byUscc = new Map(existing.map((e) => [e.uscc, e]));
  const unitNames = new Map(env.units.map((u) => [u.id, u.name]));
  const unitName = (id: string | null) => (id ? (unitNames.get(id) ?? '（已归档处室）') : '');
  const changes: RowChange[] = [];
  let existingCount = 0;
  for (const r of valid) {
    const e = byUscc.get(r.uscc);
    if (!e) continue;
    existingCount++;
    const fields = diffForUpdate(e, r, unitName);
    if (fields.length) changes.push({ row: r.row, uscc: r.uscc, name: r.name, archived: e.archived, fields });
  }
  const invalidRows = new Set(errors.map((e) => e.row)).size;
  const summary: ImportSummary = {
    sheet,
    rows: raw.length,
    valid: valid.length,
    invalid: invalidRows,
    newCount: valid.length - existingCount,
    existing: existingCount,
    existingChanged: changes.length,
  };
  return { valid, errors, changes, summary };
}

const CHUNK = 5000;

const RECORDSET = sql.raw(`r(name text, uscc text, region_code text, sector text, sub_sector text, ownership text, size text, status text,
  struggling boolean, struggling_reason text, supervising_unit_id uuid, address text, tags text[], contact jsonb)`);

export type Actorish = { tenantId: string; actorId: string | null; actorName: string; ip: string | null; requestId: string | null; jobId: string };

/**
 * Writes the valid rows inside the caller's transaction, set-based, chunk by chunk, with one audit
 * row per enterprise created or changed. Returns counts. Throws on any failure (the caller's
 * transaction then writes nothing).
 */
export async function commitRows(
  tx: Tx,
  rows: ImportRecord[],
  onExisting: 'update' | 'skip',
  who: Actorish,
  onProgress?: (done: number) => Promise<void> | void,
) {
  let inserted = 0;
  let updated = 0;
  const tag = `（Excel 导入，任务 ${who.jobId.slice(0, 8)}）`;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const json = JSON.stringify(rows.slice(i, i + CHUNK));
    if (onExisting === 'update') {
      const [u] = await queryRows<{ n: number }>(
        tx,
        sql`WITH src AS (SELECT * FROM jsonb_to_recordset(${json}::jsonb) AS ${RECORDSET}),
        n AS (
          SELECT e.id, s.name, s.region_code, s.sector, s.sub_sector, s.ownership, s.size,
                 coalesce(s.status, e.status) AS status,
                 coalesce(s.struggling, e.struggling) AS struggling,
                 CASE WHEN s.struggling IS NULL THEN e.struggling_reason WHEN s.struggling THEN s.struggling_reason ELSE NULL END AS struggling_reason,
                 coalesce(s.supervising_unit_id, e.supervising_unit_id) AS supervising_unit_id,
                 coalesce(s.address, e.address) AS address,
                 coalesce(s.tags, e.tags) AS tags,
                 CASE WHEN s.contact IS NULL THEN e.contacts
                      ELSE jsonb_build_array(CASE WHEN oc.id IS NULL THEN s.contact ELSE s.contact || jsonb_build_object('id', oc.id) END)
                           || coalesce((SELECT jsonb_agg(c ORDER BY o) FROM jsonb_array_elements(e.contacts) WITH ORDINALITY AS x(c, o)
                                         WHERE c->>'name' IS DISTINCT FROM s.contact->>'name'), '[]'::jsonb)
                 END AS contacts
            FROM src s
            JOIN enterprises e ON e.tenant_id = ${who.tenantId} AND e.uscc = s.uscc
            LEFT JOIN LATERAL (SELECT c->>'id' AS id FROM jsonb_array_elements(e.contacts) c WHERE c->>'name' = s.contact->>'name' LIMIT 1) oc ON true
        ),
        upd AS (
          UPDATE enterprises e SET name = n.name, region_code = n.region_code, sector = n.sector, sub_sector = n.sub_sector,
                 ownership = n.ownership, size = n.size, status = n.status, struggling = n.struggling,
                 struggling_reason = n.struggling_reason, supervising_unit_id = n.supervising_unit_id, address = n.address,
                 tags = n.tags, contacts = n.contacts, version = e.version + 1, updated_at = now()
            FROM n
           WHERE e.id = n.id
             AND (e.name, e.region_code, e.sector, e.sub_sector, e.ownership, e.size, e.status, e.struggling, e.struggling_reason,
                  e.supervising_unit_id, e.address, e.tags, e.contacts)
                 IS DISTINCT FROM
                 (n.name, n.region_code, n.sector, n.sub_sector, n.ownership, n.size, n.status, n.struggling, n.struggling_reason,
                  n.supervising_unit_id, n.address, n.tags, n.contacts)
          RETURNING e.id, e.name
        ),
        aud AS (
          INSERT INTO audit_log (tenant_id, actor_id, actor_name, action, entity, entity_id, summary, ip, request_id)
          SELECT ${who.tenantId}, ${who.actorId}, ${who.actorName}, 'enterprise.import_update', 'enterprise', upd.id::text,
                 '导入更新企业「' || upd.name || '」' || ${tag}, ${who.ip}, ${who.requestId}
            FROM upd
        )
        SELECT count(*)::int AS n FROM upd`,
      );
      updated += u.n;
    }
    const [ins] = await queryRows<{ n: number }>(
      tx,
      sql`WITH src AS (SELECT * FROM jsonb_to_recordset(${json}::jsonb) AS ${RECORDSET}),
      ins AS (
        INSERT INTO enterprises (tenant_id, name, uscc, region_code, sector, sub_sector, ownership, size, status, struggling,
                                 struggling_reason, supervising_unit_id, address, tags, contacts)
        SELECT ${who.tenantId}, s.name, s.uscc, s.region_code, s.sector, s.sub_sector, s.ownership, s.size,
               coalesce(s.status, 'operating'), coalesce(s.struggling, false), s.struggling_reason, s.supervising_unit_id,
               s.address, coalesce(s.tags, '{}'::text[]),
               CASE WHEN s.contact IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(s.contact) END
          FROM src s
        ON CONFLICT (tenant_id, uscc) DO NOTHING
        RETURNING id, name
      ),
      aud AS (
        INSERT INTO audit_log (tenant_id, actor_id, actor_name, action, entity, entity_id, summary, ip, request_id)
        SELECT ${who.tenantId}, ${who.actorId}, ${who.actorName}, 'enterprise.import_create', 'enterprise', ins.id::text,
               '导入登记企业「' || ins.name || '」' || ${tag}, ${who.ip}, ${who.requestId}
          FROM ins
      )
      SELECT count(*)::int AS n FROM ins`,
    );
    inserted += ins.n;
    await onProgress?.(Math.min(rows.length, i + CHUNK));
  }
  const existing = rows.length - inserted;
  return onExisting === 'update' ? { inserted, updated, unchanged: existing - updated, skipped: 0 } : { inserted, updated: 0, unchanged: 0, skipped: existing };
}

/**
 * Worker: read + validate an uploaded file, store the preview. A file refused as unreadable returns
 * the reader's own error, for the worker's log.
 */
export async function runValidation(db: Db, jobId: string): Promise<{ unreadable?: unknown }> {
  const [job] = await db.select({ file: importJobs.file, tenantId: importJobs.tenantId }).from(importJobs).where(eq(importJobs.id, jobId));
  if (!job?.file) throw new Error(`import job ${jobId} has no file`);
  try {
    let last = 0;
    const { valid, errors, changes, summary } = await analyse(db, job.tenantId, Buffer.from(job.file), (done, total) => {
      if (done === 0 || done - last >= 5000) {
        last = done;
        void setProgress(db, jobId, done, total).catch(() => {});
      }
    });
    await db
      .update(importJobs)
      .set({
        status: 'ready',
        rows: valid,
        errors,
        changes,
        summary,
        file: null,
        progress: summary.rows,
        total: summary.rows,
        lockedBy: null,
        lockedAt: null,
        updatedAt: sql`now()`,
      })
      .where(and(eq(importJobs.id, jobId), eq(importJobs.status, 'validating')));
  } catch (err) {
    if (!(err instanceof FileProblem)) throw err;
    await db
      .update(importJobs)
      .set({ status: 'rejected', message: err.message, file: null, lockedBy: null, lockedAt: null, finishedAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(importJobs.id, jobId));
    if (err.cause !== undefined) return { unreadable: err.cause };
  }
  return {};
}

/** Worker: the all-or-nothing write. `progressDb` is a handle outside the transaction (server mode). */
export async function runCommit(db: Db, jobId: string, progressDb: Db | null) {
  try {
    await db.transaction(async (tx) => {
      // No row lock here: progress is written to this row from outside the transaction (server
      // mode); the claim (status 'importing', locked_by) already makes this worker the only one.
      const [job] = await tx.select().from(importJobs).where(eq(importJobs.id, jobId));
      if (job?.status !== 'importing') return;
      const rows = (job.rows ?? []) as ImportRecord[];
      const summary = job.summary as ImportSummary;
      const by = summary.confirmedBy;
      const who: Actorish = {
        tenantId: job.tenantId,
        actorId: by?.id ?? job.createdBy,
        actorName: by?.name ?? job.createdByName,
        ip: by?.ip ?? null,
        requestId: by?.requestId ?? null,
        jobId,
      };
      const counts = await commitRows(tx, rows, job.onExisting === 'update' ? 'update' : 'skip', who, async (done) => {
        if (progressDb) await setProgress(progressDb, jobId, done, rows.length);
      });
      const ctx: Ctx = { db, actor: null, ip: who.ip ?? '', requestId: who.requestId ?? '' };
      await audit(tx, ctx, {
        tenantId: job.tenantId,
        actorId: who.actorId,
        actorName: who.actorName,
        action: 'enterprise.import',
        entity: 'import_job',
        entityId: jobId,
        summary: `Excel 导入企业「${job.fileName}」：新增${counts.inserted}家，更新${counts.updated}家，跳过${counts.skipped}家，无变化${counts.unchanged}家`,
        after: counts,
      });
      await tx
        .update(importJobs)
        .set({
          status: 'done',
          rows: null,
          summary: { ...summary, ...counts },
          progress: rows.length,
          total: rows.length,
          lockedBy: null,
          lockedAt: null,
          finishedAt: sql`now()`,
          updatedAt: sql`now()`,
        })
        .where(eq(importJobs.id, jobId));
    });
  } catch (err) {
    const code = (err as { code?: string }).code;
    const message =
      code === '23505'
        ? '导入失败：导入期间有人登记了相同统一社会信用代码的企业。未写入任何数据，请重新上传校验后再导入。'
        : '导入失败：写入数据库时出错。未写入任何数据，可重新上传后再试；如反复出现请联系系统管理员。';
    await db
      .update(importJobs)
      .set({ status: 'failed', message, rows: null, lockedBy: null, lockedAt: null, finishedAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(importJobs.id, jobId));
    return { failed: true, error: err };
  }
  return { failed: false as const };
}

// ---------------------------------------------------------------- API side

export async function upload(ctx: AuthedCtx, rawFileName: string, file: Buffer) {
  // Issue 12 item 6: a zip (every .xlsx) is checked for a decompression bomb before it is stored: declared
  // sizes, entry count, ratios, then the actual inflated bytes (counted, never kept). Other files go on
  // to the job, which explains what they are (.xls, not a workbook, a damaged zip).
  if (file.length >= 4 && file.readUInt32BE(0) === 0x504b0304) {
    try {
      await checkZipArchive(file);
    } catch (err) {
      if (!(err instanceof ZipRefused)) throw err;
      if (!err.broken) throw invalid({ file: err.message }, err.message);
    }
  }
  // Issue 12 item 8: the name was checked at the route (no control characters or lone surrogates); cut by graphemes.
  const fileName = cutTextEnd(rawFileName, 200);
  return withTx(ctx, async (tx) => {
    const id = await insertJob(tx, {
      tenantId: ctx.actor.tenantId,
      createdBy: ctx.actor.userId,
      createdByName: `${ctx.actor.displayName}（${ctx.actor.username}）`,
      fileName,
      status: 'uploaded',
      file,
    });
    await audit(tx, ctx, {
      action: 'enterprise.import_upload',
      entity: 'import_job',
      entityId: id,
      summary: `上传企业导入文件「${fileName}」（${Math.ceil(file.length / 1024)} KB）`,
    });
    return id;
  });
}

const ERRORS_SHOWN = 1000;
const CHANGES_SHOWN = 500;

export async function getJobView(ctx: AuthedCtx, id: string) {
  const j = await getJob(ctx.db, ctx.actor.tenantId, id);
  if (!j) throw notFound('导入任务');
  const errors = j.errors as RowError[];
  const changes = j.changes as RowChange[];
  return {
    id: j.id,
    fileName: j.fileName,
    status: j.status,
    onExisting: j.onExisting,
    message: j.message,
    progress: j.progress,
    total: j.total,
    summary: j.summary as ImportSummary,
    errors: errors.slice(0, ERRORS_SHOWN),
    errorCount: errors.length,
    changes: changes.slice(0, CHANGES_SHOWN),
    changeCount: changes.length,
    createdByName: j.createdByName,
    createdAt: j.createdAt.toISOString(),
    finishedAt: j.finishedAt?.toISOString() ?? null,
  };
}

export async function recentJobs(ctx: AuthedCtx) {
  const rows = await listJobs(ctx.db, ctx.actor.tenantId, 20);
  return {
    items: rows.map((j) => ({
      ...j,
      summary: j.summary as ImportSummary,
      createdAt: j.createdAt.toISOString(),
      finishedAt: j.finishedAt?.toISOString() ?? null,
    })),
    total: rows.length,
  };
}

export async function confirm(ctx: AuthedCtx, id: string, onExisting: 'update' | 'skip') {
  await withTx(ctx, async (tx) => {
    const [job] = await tx
      .select({ status: importJobs.status, summary: importJobs.summary, fileName: importJobs.fileName })
      .from(importJobs)
      .where(and(eq(importJobs.id, id), eq(importJobs.tenantId, ctx.actor.tenantId)))
      .for('update');
    if (!job) throw notFound('导入任务');
    if (job.status !== 'ready') throw new AppError(ErrorCode.CONFLICT, `该导入任务当前状态为“${job.status}”，不能再次确认导入`);
    const summary = job.summary as ImportSummary;
    if (summary.valid === 0) throw invalid({ _: '没有可导入的有效行' }, '没有可导入的有效行');
    await tx
      .update(importJobs)
      .set({
        status: 'queued',
        onExisting,
        progress: 0,
        total: summary.valid,
        summary: {
          ...summary,
          confirmedBy: { id: ctx.actor.userId, name: `${ctx.actor.displayName}（${ctx.actor.username}）`, ip: ctx.ip, requestId: ctx.requestId },
        },
        updatedAt: sql`now()`,
      })
      .where(eq(importJobs.id, id));
    await audit(tx, ctx, {
      action: 'enterprise.import_confirm',
      entity: 'import_job',
      entityId: id,
      summary: `确认导入「${job.fileName}」的${summary.valid}行有效数据（已存在的企业：${onExisting === 'update' ? '更新' : '跳过'}）`,
    });
  });
  return getJobView(ctx, id);
}

export async function cancel(ctx: AuthedCtx, id: string) {
  await withTx(ctx, async (tx) => {
    const [job] = await tx
      .select({ status: importJobs.status, fileName: importJobs.fileName })
      .from(importJobs)
      .where(and(eq(importJobs.id, id), eq(importJobs.tenantId, ctx.actor.tenantId)))
      .for('update');
    if (!job) throw notFound('导入任务');
    if (!['uploaded', 'validating', 'ready', 'rejected'].includes(job.status)) {
      throw new AppError(ErrorCode.CONFLICT, job.status === 'cancelled' ? '该导入任务已取消' : '导入已开始或已结束，不能取消');
    }
    await tx
      .update(importJobs)
      .set({ status: 'cancelled', rows: null, file: null, finishedAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(importJobs.id, id));
    await audit(tx, ctx, { action: 'enterprise.import_cancel', entity: 'import_job', entityId: id, summary: `取消导入「${job.fileName}」，未写入任何数据` });
  });
  return getJobView(ctx, id);
}
// Row-level types and checks are re-exported for the CLI, the bench and the routes.
export * from './enterprises.import-rows.ts';
