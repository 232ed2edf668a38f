// Audit log retention and archives (issue 21). Rows older than the tenant's auditRetentionDays
// (R8.1 setting, ≥ 180 days: Cybersecurity Law Art. 21) are archived — never deleted silently — to a
// verifiable file per batch: gzipped JSON lines, the first line the manifest, then one line per row
// `{"row":{…},"hash":"…"}` where hash = SHA-256(previous hash + "\n" + the row's JSON). The chain
// starts at the tenant's previous archive's head (or a genesis value), so archives form one chain per
// tenant; the file's own SHA-256 is stored beside it. Changing, removing or reordering any row breaks
// the chain from that row on (verifyArchiveFile). Archiving runs as the scheduled task
// `audit-archive` (once across instances); rows leave the live log only by `zqt audit purge-archived`.
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import type { Db, DbOrTx } from '../../db/client.ts';
import { listTenants, loadTenantSettings } from '../tenants/index.ts';
import {
  allArchives,
  archivesOverlapping,
  insertArchive,
  lastArchive,
  liveRowsOf,
  lockArchiving,
  purgeArchivedRows,
  rowsToArchive,
  type ArchiveRow,
} from './audit.archive.repository.ts';
import { insertAudit } from './audit.repository.ts';

export const ARCHIVE_TASK = 'audit-archive';
export const ARCHIVE_FORMAT = 'zqt-audit-archive/1';
/** Rows per archive file. */
export const ARCHIVE_BATCH = 20_000;

export type ArchivedEntry = {
  id: number;
  tenantId: string | null;
  at: string;
  actorId: string | null;
  actorName: string;
  action: string;
  entity: string;
  entityId: string | null;
  summary: string;
  before: unknown;
  after: unknown;
  ip: string | null;
  requestId: string | null;
};

export type ArchiveManifest = {
  format: typeof ARCHIVE_FORMAT;
  tenantId: string | null;
  tenantCode: string | null;
  retentionDays: number;
  cutoff: string;
  firstId: number;
  lastId: number;
  fromAt: string;
  toAt: string;
  rows: number;
  prevHash: string;
  headHash: string;
  createdAt: string;
};

const sha256 = (s: string | Buffer) => crypto.createHash('sha256').update(s).digest('hex');

/** The chain's start for a tenant with no archive yet. */
export const genesisHash = (tenantId: string | null) => sha256(`zqt-audit-archive-genesis:${tenantId ?? 'none'}`);

export const chainNext = (prev: string, rowJson: string) => sha256(`${prev}\n${rowJson}`);

type LogRow = Awaited<ReturnType<typeof rowsToArchive>>[number];

function entryOf(r: LogRow): ArchivedEntry {
  return {
    id: r.id,
    tenantId: r.tenantId,
    at: r.atText,
    actorId: r.actorId,
    actorName: r.actorName,
    action: r.action,
    entity: r.entity,
    entityId: r.entityId,
    summary: r.summary,
    before: r.before ?? null,
    after: r.after ?? null,
    ip: r.ip,
    requestId: r.requestId,
  };
}

/** Builds an archive file: { file, manifest, fileSha256 }. */
export function buildArchiveFile(
  entries: ArchivedEntry[],
  meta: { tenantId: string | null; tenantCode: string | null; retentionDays: number; cutoff: Date; prevHash: string; now: Date },
) {
  let hash = meta.prevHash;
  const lines: string[] = [];
  for (const e of entries) {
    const json = JSON.stringify(e);
    hash = chainNext(hash, json);
    lines.push(`{"row":${json},"hash":"${hash}"}`);
  }
  const times = entries.map((e) => Date.parse(e.at));
  const manifest: ArchiveManifest = {
    format: ARCHIVE_FORMAT,
    tenantId: meta.tenantId,
    tenantCode: meta.tenantCode,
    retentionDays: meta.retentionDays,
    cutoff: meta.cutoff.toISOString(),
    firstId: entries[0].id,
    lastId: entries[entries.length - 1].id,
    fromAt: new Date(Math.min(...times)).toISOString(),
    toAt: new Date(Math.max(...times)).toISOString(),
    rows: entries.length,
    prevHash: meta.prevHash,
    headHash: hash,
    createdAt: meta.now.toISOString(),
  };
  const file = zlib.gzipSync(Buffer.from(`${JSON.stringify(manifest)}\n${lines.join('\n')}\n`), { level: 6 });
  return { file, manifest, fileSha256: sha256(file) };
}

export type ArchiveCheck = { ok: boolean; problems: string[]; manifest?: ArchiveManifest; entries: ArchivedEntry[] };

/**
 * Verifies an archive file on its own (its hash chain, the manifest's counts and head) and, when
 * given, against what the database recorded (the file's SHA-256, the chain's start).
 */
export function verifyArchiveFile(file: Buffer, expected?: { fileSha256?: string; prevHash?: string }): ArchiveCheck {
  const problems: string[] = [];
  const entries: ArchivedEntry[] = [];
  if (expected?.fileSha256 && sha256(file) !== expected.fileSha256) problems.push('文件的 SHA-256 与登记的不符');
  let text: string;
  try {
    text = zlib.gunzipSync(file).toString('utf8');
  } catch {
    return { ok: false, problems: [...problems, '文件无法解压'], entries };
  }
  const lines = text.split('\n').filter(Boolean);
  let manifest: ArchiveManifest;
  try {
    manifest = JSON.parse(lines[0]) as ArchiveManifest;
    if (manifest.format !== ARCHIVE_FORMAT) throw new Error();
  } catch {
    return { ok: false, problems: [...problems, '清单无法读取'], entries };
  }
  if (expected?.prevHash && manifest.prevHash !== expected.prevHash) problems.push('链起点与上一归档的末端不符');
  let hash = manifest.prevHash;
  for (let i = 1; i < lines.length; i++) {
    let line: { row: ArchivedEntry; hash: string };
    try {
      line = JSON.parse(lines[i]) as { row: ArchivedEntry; hash: string };
    } catch {
      problems.push(`第 ${i} 行无法读取`);
      break;
    }
    hash = chainNext(hash, JSON.stringify(line.row));
    if (hash !== line.hash) {
      problems.push(`第 ${i} 行（记录 ${line.row?.id}）的哈希链不符：该行或其之前的记录被改动`);
      break;
    }
    entries.push(line.row);
  }
  if (problems.length === 0) {
    if (entries.length !== manifest.rows) problems.push(`记录数 ${entries.length} 与清单的 ${manifest.rows} 不符`);
    if (hash !== manifest.headHash) problems.push('链末端与清单不符');
    if (entries.length && (entries[0].id !== manifest.firstId || entries[entries.length - 1].id !== manifest.lastId)) problems.push('首末记录编号与清单不符');
  }
  return { ok: problems.length === 0, problems, manifest, entries };
}

/** Retention of a tenant's rows; the rows of no tenant follow the province's setting. */
async function retentionDays(db: DbOrTx, tenantId: string | null, provinceId: string | undefined): Promise<number> {
  const id = tenantId ?? provinceId;
  if (!id) return 180;
  return (await loadTenantSettings(db, id)).settings.auditRetentionDays;
}

/**
 * The scheduled task's work: for every tenant (and the rows of no tenant) archives what is older
 * than its retention, in batches of ARCHIVE_BATCH rows, each batch one archive in one transaction
 * together with its audit row.
 */
export async function archiveAuditLog(
  db: Db,
  now: Date,
  batch = ARCHIVE_BATCH,
  /** Only these tenants (tests on a shared database); default every tenant and the rows of no tenant. */
  only?: string[],
): Promise<{ archives: number; rows: number }> {
  const tenants = await listTenants(db);
  const province = tenants.find((t) => t.kind === 'province');
  let archives = 0;
  let rows = 0;
  const scopes = [...tenants.map((x) => ({ id: x.id as string | null, code: x.code as string | null })), { id: null, code: null }];
  for (const t of only ? scopes.filter((x) => x.id !== null && only.includes(x.id)) : scopes) {
    const days = await retentionDays(db, t.id, province?.id);
    const cutoff = new Date(now.getTime() - days * 86_400_000);
    for (;;) {
      const made = await db.transaction(async (tx) => {
        await lockArchiving(tx);
        const last = await lastArchive(tx, t.id);
        const found = await rowsToArchive(tx, t.id, last?.lastId ?? 0, cutoff, batch);
        if (found.length === 0) return 0;
        const built = buildArchiveFile(found.map(entryOf), {
          tenantId: t.id,
          tenantCode: t.code,
          retentionDays: days,
          cutoff,
          prevHash: last?.headHash ?? genesisHash(t.id),
          now,
        });
        const m = built.manifest;
        const id = await insertArchive(tx, {
          tenantId: t.id,
          firstId: m.firstId,
          lastId: m.lastId,
          fromAt: new Date(m.fromAt),
          toAt: new Date(m.toAt),
          cutoff,
          rowCount: m.rows,
          prevHash: m.prevHash,
          headHash: m.headHash,
          fileSha256: built.fileSha256,
          manifest: m,
          file: built.file,
        });
        await insertAudit(tx, {
          tenantId: t.id,
          actorId: null,
          actorName: '系统',
          action: 'audit.archive',
          entity: 'audit_archive',
          entityId: String(id),
          summary: `审计日志归档：${m.rows} 条（${m.fromAt.slice(0, 10)} 至 ${m.toAt.slice(0, 10)}，保留期 ${days} 天）`,
          after: { firstId: m.firstId, lastId: m.lastId, rows: m.rows, headHash: m.headHash, fileSha256: built.fileSha256 },
          ip: null,
          requestId: ARCHIVE_TASK,
        });
        return found.length;
      });
      if (made === 0) break;
      archives++;
      rows += made;
      if (made < batch) break;
    }
  }
  return { archives, rows };
}

export type ArchiveSearch = { tenantId: string | null; from?: Date; to?: Date; actor?: string; action?: string; entity?: string; entityId?: string };

/** At most this many archive files are opened by one search (narrow the time range for older ones). */
export const SEARCH_MAX_ARCHIVES = 50;

/** Searches the tenant's archives: each file overlapping the range is verified, then filtered. */
export async function searchArchives(db: DbOrTx, q: ArchiveSearch, page: { limit: number; offset: number }) {
  const files = await archivesOverlapping(db, q.tenantId, q.from, q.to, SEARCH_MAX_ARCHIVES + 1);
  const truncated = files.length > SEARCH_MAX_ARCHIVES;
  const matches: (ArchivedEntry & { archiveId: number })[] = [];
  const checked: { id: number; ok: boolean; problems: string[] }[] = [];
  const actor = q.actor?.toLowerCase();
  const from = q.from?.getTime();
  const to = q.to?.getTime();
  for (const a of files.slice(0, SEARCH_MAX_ARCHIVES)) {
    const check = verifyArchiveFile(a.file, { fileSha256: a.fileSha256, prevHash: a.prevHash });
    checked.push({ id: a.id, ok: check.ok, problems: check.problems });
    for (const e of check.entries) {
      const t = Date.parse(e.at);
      if (from !== undefined && t < from) continue;
      if (to !== undefined && t >= to) continue;
      if (actor && !e.actorName.toLowerCase().includes(actor)) continue;
      if (q.action && e.action !== q.action && !e.action.startsWith(`${q.action}.`)) continue;
      if (q.entity && e.entity !== q.entity) continue;
      if (q.entityId && e.entityId !== q.entityId) continue;
      matches.push({ ...e, archiveId: a.id });
    }
  }
  matches.sort((x, y) => y.id - x.id);
  return {
    items: matches.slice(page.offset, page.offset + page.limit),
    total: matches.length,
    archives: checked,
    truncated,
  };
}

/** Verifies every archive and the links between a tenant's archives (the purge step checks this first). */
export function verifyChain(archives: ArchiveRow[]): Map<number, string[]> {
  const problems = new Map<number, string[]>();
  const lastHead = new Map<string, string>();
  for (const a of archives) {
    const key = a.tenantId ?? 'none';
    const expectedPrev = lastHead.get(key) ?? genesisHash(a.tenantId);
    const check = verifyArchiveFile(a.file, { fileSha256: a.fileSha256, prevHash: expectedPrev });
    if (check.ok && check.manifest?.headHash !== a.headHash) check.problems.push('登记的链末端与文件不符');
    if (check.problems.length) problems.set(a.id, check.problems);
    lastHead.set(key, a.headHash);
  }
  return problems;
}

/**
 * `zqt audit purge-archived`: the one documented way archived rows leave the live log. Run as the
 * owner of the tables. Verifies every archive (file hash, chain, links) first and refuses if any is
 * damaged; then deletes, per archive, the rows it holds, writing an audit row for each archive purged.
 */
export async function purgeArchived(
  db: Db,
  opts: { dryRun: boolean; actorName: string /** Only these tenants' archives (tests on a shared database). */; only?: string[] },
) {
  const all = (await allArchives(db)).sort((a, b) => a.lastId - b.lastId);
  const archives = opts.only ? all.filter((a) => a.tenantId !== null && opts.only?.includes(a.tenantId)) : all;
  const problems = verifyChain(archives);
  if (problems.size) {
    return { ok: false as const, problems: [...problems].map(([id, p]) => `归档 ${id}: ${p.join('；')}`), purged: 0, archives: 0 };
  }
  let purged = 0;
  let count = 0;
  for (const a of archives) {
    const live = await liveRowsOf(db, a);
    if (live === 0) continue;
    count++;
    if (opts.dryRun) {
      purged += live;
      continue;
    }
    purged += await db.transaction(async (tx) => {
      const n = await purgeArchivedRows(tx, a);
      await insertAudit(tx, {
        tenantId: a.tenantId,
        actorId: null,
        actorName: opts.actorName,
        action: 'audit.purge_archived',
        entity: 'audit_archive',
        entityId: String(a.id),
        summary: `从在线审计日志移除已归档记录 ${n} 条（归档 ${a.id}，已校验）`,
        after: { archiveId: a.id, firstId: a.firstId, lastId: a.lastId, rows: n, headHash: a.headHash },
        ip: null,
        requestId: 'zqt audit purge-archived',
      });
      return n;
    });
  }
  return { ok: true as const, problems: [], purged, archives: count, dryRun: opts.dryRun };
}
