// Hot-topic roll-up (issue 19, capability 8): appeal_words_daily holds, per tenant × Asia/Shanghai day
// of receipt × the appeal's sector, how many appeals mention each keyword; appeal_categories_daily how
// many appeals of each category there are (their sum is the day's number of appeals). Hot topics of a
// province-month then sum stored rows instead of splitting ≈ 80,000 texts with jieba per request.
//
// The table belongs to this module: it owns the texts, the splitter (appeals.search.ts) and the timeline
// whose events say which buckets changed. The 'hot-words-rollup' task keeps it current exactly like the
// figures roll-up (appeals.rollup.ts): the first run (or a tenant never built, e.g. a database filled by
// `zqt gen`) builds every bucket; later runs recompute from the appeals the (tenant, day) buckets that
// timeline events since the cursor touch (touchedBuckets: the day of receipt under the event's and the
// appeal's current tenant), never incrementing, so a re-run is harmless. Only the events that can change
// a bucket count (BUCKET_EVENTS): an appeal's text, category, sector and receipt are fixed at intake, and
// only its creation and a transfer to a city (a move between tenants) change what a bucket holds; the
// handling actions, the most frequent events by far, touch no bucket. A reader gets stored buckets for
// untouched days and splits the appeals of touched days (and of tenants not yet built) live, so hot
// topics are never stale.
//
// The splitting is JavaScript (PostgreSQL has no Chinese word splitter), so a bucket is recomputed by
// reading its appeals' title and content: a day of a tenant is a few hundred appeals at most.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, sqlArray, sqlUuidList, type DbOrTx } from '../../db/client.ts';
import { keywordSet } from '../../domain/assistance/hot-topics.ts';
import { timeSlicer } from '../../lib/time-slice.ts';
import { listTenants } from '../tenants/index.ts';
import { latestEventId } from './appeals.public.repository.ts';
import { saveCursors, touchedBuckets, unseenEvents, type RollupState } from './appeals.rollup.ts';
import { contentWords } from './appeals.search.ts';

export const WORDS_ROLLUP_TASK = 'hot-words-rollup';

/** The hot-topic keywords of an appeal: its distinct jieba words of two characters or more, no stopwords or numbers. */
export function appealKeywords(title: string, content: string): Set<string> {
  return keywordSet(contentWords(`${title}\n${content}`));
}

type Bucket = { tenant_id: string; day: string };
type TextRow = { tenant_id: string; day: string; sector: string; category: string; title: string; content: string };

export const dayStart = (col: SQL) => sql`((${col})::timestamp AT TIME ZONE 'Asia/Shanghai')`;
const dayEnd = (col: SQL) => sql`(((${col}) + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;
const TEXT_COLUMNS = sql`a.tenant_id, ((a.received_at AT TIME ZONE 'Asia/Shanghai')::date)::text AS day, coalesce(a.sector, '') AS sector, a.category, a.title, a.content`;
export const json = (v: unknown) => sql`${JSON.stringify(v)}::jsonb`;

/** Counts of bucket rows: key `tenant|day|sector|word` → appeals. */
class Tally {
  words = new Map<string, number>();
  cats = new Map<string, number>();
  add(r: TextRow) {
    const b = `${r.tenant_id}|${r.day}|${r.sector}|`;
    for (const w of appealKeywords(r.title, r.content)) this.words.set(b + w, (this.words.get(b + w) ?? 0) + 1);
    this.cats.set(b + r.category, (this.cats.get(b + r.category) ?? 0) + 1);
  }
  get size() {
    return this.words.size;
  }
}

const CHUNK = 5000;

async function writeTally(db: DbOrTx, t: Tally) {
  const rows = (m: Map<string, number>) =>
    [...m].map(([k, n]) => {
      const [tenant_id, day, sector, key] = k.split('|') as [string, string, string, string];
      return { tenant_id, day, sector, key, n };
    });
  for (const [table, col, list] of [
    ['appeal_words_daily', 'word', rows(t.words)],
    ['appeal_categories_daily', 'category', rows(t.cats)],
  ] as const) {
    for (let i = 0; i < list.length; i += CHUNK) {
      await db.execute(sql`
        INSERT INTO ${sql.raw(table)} (tenant_id, day, sector, ${sql.raw(col)}, n)
        SELECT x.tenant_id, x.day, x.sector, x.key, x.n FROM jsonb_to_recordset(${json(list.slice(i, i + CHUNK))}) AS x(tenant_id uuid, day date, sector text, key text, n int)`);
    }
  }
}

/** Builds every bucket of `tenantIds` from scratch, reading their appeals in pages (newest first, keyset in the order of appeals_tenant_received_idx). Returns appeals read. */
export async function rebuildHotWords(db: DbOrTx, tenantIds: readonly string[], page = 20_000): Promise<number> {
  if (!tenantIds.length) return 0;
  await db.execute(sql`DELETE FROM appeal_words_daily WHERE tenant_id IN (${sqlUuidList(tenantIds)})`);
  await db.execute(sql`DELETE FROM appeal_categories_daily WHERE tenant_id IN (${sqlUuidList(tenantIds)})`);
  let read = 0;
  const pause = timeSlicer();
  for (const tenantId of tenantIds) {
    let after: { at: string; id: string } | null = null;
    let tally = new Tally();
    let lastDay = '';
    for (;;) {
      const rows: (TextRow & { at: string; id: string })[] = await queryRows<TextRow & { at: string; id: string }>(
        db,
        sql`SELECT ${TEXT_COLUMNS}, a.received_at::text AS at, a.id::text AS id FROM appeals a
            WHERE a.tenant_id = ${tenantId}
              ${after ? sql`AND (a.received_at < ${after.at}::timestamptz OR (a.received_at = ${after.at}::timestamptz AND a.id > ${after.id}::uuid))` : sql``}
            ORDER BY a.received_at DESC NULLS LAST, a.id LIMIT ${page}`,
      );
      for (const r of rows) {
        // Days arrive in order (newest first): flush whole days once the tally is large.
        if (r.day !== lastDay && tally.size > 200_000) {
          await writeTally(db, tally);
          tally = new Tally();
        }
        tally.add(r);
        lastDay = r.day;
        await pause();
      }
      read += rows.length;
      if (rows.length < page) break;
      const last = rows[rows.length - 1]!;
      after = { at: last.at, id: last.id };
    }
    await writeTally(db, tally);
  }
  return read;
}

/** The appeals received in the (tenant, day) buckets of `buckets` (a jsonb array of {tenant_id, day}), their texts. */
function bucketTexts(db: DbOrTx, buckets: readonly Bucket[], sector: string | null = null) {
  if (!buckets.length) return Promise.resolve([] as TextRow[]);
  return queryRows<TextRow>(
    db,
    // One index range scan per bucket (LATERAL, kept from being flattened into a join by OFFSET 0). Joined
    // as a relation, the planner misjudged the buckets' rows and scanned all of appeals: with 31 buckets at
    // 1M the statement took 1.4 s, and the province-month's hot-topic counts went from 585–803 ms to
    // 169–300 ms with it, the rest being jieba (issue 20).
    sql`SELECT x.* FROM jsonb_to_recordset(${json(buckets)}) AS d(tenant_id uuid, day date),
        LATERAL (SELECT ${TEXT_COLUMNS} FROM appeals a
                 WHERE a.tenant_id = d.tenant_id AND a.received_at >= ${dayStart(sql`d.day`)} AND a.received_at < ${dayEnd(sql`d.day`)}
                 ${sector === null ? sql`` : sql`AND coalesce(a.sector, '') = ${sector}`}
                 OFFSET 0) x`,
  );
}

/** Recomputes the given buckets (every sector of each) from their appeals. */
async function refreshBuckets(db: DbOrTx, buckets: readonly Bucket[]) {
  if (!buckets.length) return;
  for (const table of ['appeal_words_daily', 'appeal_categories_daily']) {
    await db.execute(sql`
      DELETE FROM ${sql.raw(table)} f USING jsonb_to_recordset(${json(buckets)}) AS d(tenant_id uuid, day date)
      WHERE f.tenant_id = d.tenant_id AND f.day = d.day`);
  }
  const t = new Tally();
  const pause = timeSlicer();
  for (const r of await bucketTexts(db, buckets)) {
    t.add(r);
    await pause();
  }
  await writeTally(db, t);
}

type WordsState = RollupState & { scopeBuilt: boolean };

async function wordsStates(db: DbOrTx, tenantIds: readonly string[]): Promise<Map<string, WordsState>> {
  if (!tenantIds.length) return new Map();
  const rows = await queryRows<{ tenant_id: string; cursor: number | string; holes: (number | string)[] | null; scope_built: boolean }>(
    db,
    sql`SELECT tenant_id, cursor, holes, scope_built_at IS NOT NULL AS scope_built FROM appeal_words_tenants WHERE tenant_id IN (${sqlUuidList(tenantIds)})`,
  );
  return new Map(rows.map((r) => [r.tenant_id, { cursor: Number(r.cursor), holes: (r.holes ?? []).map(Number), scopeBuilt: r.scope_built }]));
}

/** The sector of the province-wide rows summed over every sector (no sector code is '*'). */
const ALL_SECTORS = '*';

/** Tenants with city bureaus (the province) and their members: themselves and their cities. */
function scopesOf(all: readonly { id: string; parentId: string | null; kind: string }[]) {
  const scopes = new Map<string, string[]>();
  for (const t of all) {
    if (t.kind !== 'city' || !t.parentId) continue;
    scopes.set(t.parentId, [...(scopes.get(t.parentId) ?? [t.parentId]), t.id]);
  }
  return scopes;
}

/**
 * Recomputes a scope's province-wide buckets (appeal_topics_scope_daily) from its members' buckets, per
 * sector and over every sector (ALL_SECTORS): of the given days, or every day (`days` null).
 */
async function refreshScope(db: DbOrTx, rootId: string, members: readonly string[], days: readonly string[] | null) {
  if (days && !days.length) return;
  const onDays = (col: SQL) => (days ? sql`AND ${col} = ANY(${sqlArray(days, 'date')})` : sql``);
  await db.execute(sql`DELETE FROM appeal_topics_scope_daily s WHERE s.root_id = ${rootId} ${onDays(sql`s.day`)}`);
  await db.execute(sql`
    INSERT INTO appeal_topics_scope_daily (root_id, day, sector, kind, key, n)
    SELECT ${rootId}::uuid, f.day, CASE WHEN GROUPING(f.sector) = 1 THEN ${ALL_SECTORS} ELSE f.sector END, 'w', f.word, sum(f.n)::int
    FROM appeal_words_daily f
    WHERE f.tenant_id IN (${sqlUuidList(members)}) ${onDays(sql`f.day`)} GROUP BY GROUPING SETS ((f.day, f.sector, f.word), (f.day, f.word))
    UNION ALL
    SELECT ${rootId}::uuid, c.day, CASE WHEN GROUPING(c.sector) = 1 THEN ${ALL_SECTORS} ELSE c.sector END, 'c', c.category, sum(c.n)::int
    FROM appeal_categories_daily c
    WHERE c.tenant_id IN (${sqlUuidList(members)}) ${onDays(sql`c.day`)} GROUP BY GROUPING SETS ((c.day, c.sector, c.category), (c.day, c.category))`);
}

/**
 * The events that change a bucket: an appeal is created (intake, work order, meeting item, field record:
 * each writes 'create'), or moves between tenants (transfer_city; transfer_in on the receiving side).
 * No action rewrites an appeal's title, content, category, sector or receipt instant (a work order's
 * update is recorded beside the appeal, not into it: appeals.work-orders.ts).
 */
export const BUCKET_EVENTS = ['create', 'transfer_city', 'transfer_in'] as const;

/** The distinct (tenant, day) buckets of `tenantIds` touched by events above `after` (to `upto`) or in `holes`, optionally within [fromDay, toDay). */
async function touched(
  db: DbOrTx,
  after: number,
  upto: number | null,
  holes: readonly number[],
  tenantIds: readonly string[],
  days?: { from: string; to: string },
) {
  if (!tenantIds.length) return [];
  return queryRows<Bucket>(
    db,
    sql`SELECT t.tenant_id, t.day::text AS day FROM (${touchedBuckets({ afterId: after, uptoId: upto, holes, receipt: { types: BUCKET_EVENTS } })}) t
        WHERE t.tenant_id IN (${sqlUuidList(tenantIds)}) ${days ? sql`AND t.day >= ${days.from}::date AND t.day < ${days.to}::date` : sql``}`,
  );
}

/**
 * One run of the 'hot-words-rollup' task (or, with `tenantIds`, of those tenants): tenants never built
 * get every bucket built, built ones the buckets touched since their cursor; every cursor moves to the
 * latest event. One REPEATABLE READ transaction, holes recorded as in runFiguresRollup.
 */
export async function runHotWordsRollup(db: DbOrTx, now: Date, opts: { tenantIds?: readonly string[] } = {}) {
  const upto = await latestEventId(db);
  return db.transaction(
    async (tx) => {
      const only = opts.tenantIds ? new Set(opts.tenantIds) : null;
      const tenants = await listTenants(tx);
      const ids = tenants.map((t) => t.id).filter((id) => !only || only.has(id));
      const states = await wordsStates(tx, ids);
      const missing = ids.filter((id) => !states.has(id));
      const built = ids.filter((id) => states.has(id));
      const appeals = await rebuildHotWords(tx, missing);
      const previous = built.length ? Math.min(...built.map((id) => states.get(id)!.cursor)) : upto;
      const oldHoles = [...new Set(built.flatMap((id) => states.get(id)!.holes))];
      const buckets = await touched(tx, previous, upto, oldHoles, built);
      await refreshBuckets(tx, buckets);
      const holes = await saveCursors(tx, 'appeal_words_tenants', ids, { previous, upto, oldHoles, now });
      // Province-wide buckets: rebuilt in full when never built or a member was (re)built, else the touched
      // days; left unbuilt (readers use the members' buckets) while a member is not built.
      const scopes = scopesOf(tenants);
      const after = await wordsStates(tx, [...new Set([...scopes.values()].flat())]);
      let scopesBuilt = 0;
      for (const [rootId, members] of scopes) {
        const full = !after.get(rootId)?.scopeBuilt || members.some((m) => missing.includes(m));
        if (!members.every((m) => after.has(m))) {
          if (after.has(rootId)) await tx.execute(sql`UPDATE appeal_words_tenants SET scope_built_at = NULL WHERE tenant_id = ${rootId}`);
          continue;
        }
        if (full) {
          await refreshScope(tx, rootId, members, null);
          await tx.execute(sql`UPDATE appeal_words_tenants SET scope_built_at = ${now}::timestamptz WHERE tenant_id = ${rootId}`);
          scopesBuilt++;
        } else {
          await refreshScope(tx, rootId, members, [...new Set(buckets.filter((b) => members.includes(b.tenant_id)).map((b) => b.day))]);
        }
      }
      return { result: { cursor: upto, built: missing.length, appealsRead: appeals, buckets: buckets.length, holes: holes.length, scopesBuilt } };
    },
    { isolationLevel: 'repeatable read' },
  );
}

export type KeyCounts = { k1: number; k2: number };
export type HotCounts = {
  /** Appeals of the period and of the baseline. */
  n1: number;
  n2: number;
  /** Every keyword mentioned in the period: appeals of the period (k1) and of the baseline (k2) mentioning it. */
  words: Map<string, KeyCounts>;
  categories: Map<string, KeyCounts>;
  /** Appeals of the period per tenant mentioning each of the listed words and categories. */
  perTenant: (keys: { words: readonly string[]; categories: readonly string[] }) => Promise<Record<'word' | 'category', Map<string, Map<string, number>>>>;
  /** Buckets split live because events touched them since the last run; tenants split live in full (not built yet). */
  liveBuckets: number;
  unbuiltTenants: number;
  /** Untouched days were read from the province-wide buckets. */
  fromScope: boolean;
};

const bump = (m: Map<string, KeyCounts>, k: string, cur: boolean, by = 1) => {
  const c = m.get(k) ?? { k1: 0, k2: 0 };
  if (cur) c.k1 += by;
  else c.k2 += by;
  m.set(k, c);
};

/**
 * The document counts hot topics need for appeals of `tenantIds` received on Shanghai days
 * [baseFromDay, toDay), the period being [curFromDay, toDay), optionally of one sector: from the
 * roll-up for buckets no event has touched since the last run, the rest split live.
 */
export async function hotWordCounts(
  db: DbOrTx,
  q: { tenantIds: readonly string[]; baseFromDay: string; curFromDay: string; toDay: string; sector: string | null; scopeOf?: string | null },
): Promise<HotCounts> {
  const states = await wordsStates(db, q.tenantIds);
  const built = q.tenantIds.filter((id) => states.has(id));
  const unbuilt = q.tenantIds.filter((id) => !states.has(id));
  const unseen = unseenEvents([...states.values()]);
  const liveSet: Bucket[] = built.length ? await touched(db, unseen.after, null, unseen.holes, built, { from: q.baseFromDay, to: q.toDay }) : [];
  const sectorWhere = (col: SQL) => (q.sector === null ? sql`true` : sql`${col} = ${q.sector}`);
  // Live: touched buckets, and every appeal of tenants not built yet.
  const liveRows = [
    ...(await bucketTexts(db, liveSet, q.sector)),
    ...(unbuilt.length
      ? await queryRows<TextRow>(
          db,
          sql`SELECT ${TEXT_COLUMNS} FROM appeals a
              WHERE a.tenant_id IN (${sqlUuidList(unbuilt)}) AND a.received_at >= ${dayStart(sql`${q.baseFromDay}::date`)}
                AND a.received_at < ${dayStart(sql`${q.toDay}::date`)} AND ${sectorWhere(sql`coalesce(a.sector, '')`)}`,
        )
      : []),
  ];
  let n1 = 0;
  let n2 = 0;
  const words = new Map<string, KeyCounts>();
  const categories = new Map<string, KeyCounts>();
  const liveTenant = { word: new Map<string, Map<string, number>>(), category: new Map<string, Map<string, number>>() };
  const tenantBump = (kind: 'word' | 'category', key: string, tenant: string) => {
    const m = liveTenant[kind].get(key) ?? new Map<string, number>();
    m.set(tenant, (m.get(tenant) ?? 0) + 1);
    liveTenant[kind].set(key, m);
  };
  // jieba over the live days' texts (169–300 ms for a province-month under writes at 1M): in slices,
  // so the other requests are served meanwhile.
  const pause = timeSlicer();
  for (const r of liveRows) {
    await pause();
    const cur = r.day >= q.curFromDay;
    if (cur) n1++;
    else n2++;
    for (const w of appealKeywords(r.title, r.content)) {
      bump(words, w, cur);
      if (cur) tenantBump('word', w, r.tenant_id);
    }
    bump(categories, r.category, cur);
    if (cur) tenantBump('category', r.category, r.tenant_id);
  }
  const liveWords = [...words].filter(([, c]) => c.k1 > 0).map(([w]) => w);
  // Stored: untouched buckets of built tenants, summed in one statement (categories give the appeal counts).
  const stored = (table: 'appeal_words_daily' | 'appeal_categories_daily') => sql`
    SELECT f.tenant_id, f.day, f.${sql.raw(table === 'appeal_words_daily' ? 'word' : 'category')} AS key, f.n FROM ${sql.raw(table)} f
    WHERE f.tenant_id IN (${sqlUuidList(built)}) AND f.day >= ${q.baseFromDay}::date AND f.day < ${q.toDay}::date AND ${sectorWhere(sql`f.sector`)}
      AND NOT EXISTS (SELECT 1 FROM live l WHERE l.tenant_id = f.tenant_id AND l.day = f.day)`;
  const live = sql`live AS MATERIALIZED (SELECT * FROM jsonb_to_recordset(${json(liveSet)}) AS d(tenant_id uuid, day date))`;
  // `scopeOf`: tenantIds are that tenant and all its cities; once their province-wide buckets are built
  // (and every member), days no event touched are read from those, the other days from the members' own.
  const scope = q.scopeOf && states.get(q.scopeOf)?.scopeBuilt && !unbuilt.length ? q.scopeOf : null;
  // The days with a touched bucket are known here: given as literals the planner reads only those days of
  // the members' buckets (as a relation it scanned every day's).
  const liveDays = [...new Set(liveSet.map((b) => b.day))];
  const dayArray = sqlArray(liveDays, 'date');
  const summed = (kind: 'w' | 'c') => {
    const table = kind === 'w' ? 'appeal_words_daily' : 'appeal_categories_daily';
    if (!scope) return sql`SELECT day, key, n FROM (${stored(table)}) x`;
    const fromScope = sql`
      SELECT s.day, s.key, s.n FROM appeal_topics_scope_daily s
      WHERE s.root_id = ${scope} AND s.kind = ${kind} AND s.sector = ${q.sector ?? ALL_SECTORS} AND s.day >= ${q.baseFromDay}::date AND s.day < ${q.toDay}::date
        ${liveDays.length ? sql`AND s.day <> ALL(${dayArray})` : sql``}`;
    if (!liveDays.length) return fromScope;
    return sql`${fromScope} UNION ALL SELECT x.day, x.key, x.n FROM (${stored(table)}) x WHERE x.day = ANY(${dayArray})`;
  };
  if (built.length) {
    const rows = await queryRows<{ kind: 'w' | 'c'; key: string; k1: number; k2: number }>(
      db,
      sql`WITH ${live}
          SELECT 'w' AS kind, key, coalesce(sum(n) FILTER (WHERE day >= ${q.curFromDay}::date), 0)::int AS k1,
            coalesce(sum(n) FILTER (WHERE day < ${q.curFromDay}::date), 0)::int AS k2
          FROM (${summed('w')}) w GROUP BY key
          HAVING sum(n) FILTER (WHERE day >= ${q.curFromDay}::date) > 0 OR key IN (SELECT jsonb_array_elements_text(${json(liveWords)}))
          UNION ALL
          SELECT 'c', key, coalesce(sum(n) FILTER (WHERE day >= ${q.curFromDay}::date), 0)::int,
            coalesce(sum(n) FILTER (WHERE day < ${q.curFromDay}::date), 0)::int
          FROM (${summed('c')}) c GROUP BY key`,
    );
    for (const r of rows) {
      const m = r.kind === 'w' ? words : categories;
      if (r.k1) bump(m, r.key, true, r.k1);
      if (r.k2) bump(m, r.key, false, r.k2);
      if (r.kind === 'c') {
        n1 += r.k1;
        n2 += r.k2;
      }
    }
  }
  const perTenant = async (keys: { words: readonly string[]; categories: readonly string[] }) => {
    const out = { word: new Map<string, Map<string, number>>(), category: new Map<string, Map<string, number>>() };
    for (const kind of ['word', 'category'] as const) {
      for (const k of kind === 'word' ? keys.words : keys.categories) out[kind].set(k, new Map(liveTenant[kind].get(k) ?? []));
    }
    if (!built.length || keys.words.length + keys.categories.length === 0) return out;
    // Both kinds in one statement: the period's stored rows of the listed keys, summed per tenant.
    const rows = await queryRows<{ kind: 'word' | 'category'; tenant_id: string; key: string; n: number }>(
      db,
      sql`WITH ${live}
          SELECT 'word' AS kind, tenant_id, key, sum(n)::int AS n FROM (${stored('appeal_words_daily')}) s
          WHERE s.day >= ${q.curFromDay}::date AND s.key IN (SELECT jsonb_array_elements_text(${json(keys.words)}))
          GROUP BY tenant_id, key
          UNION ALL
          SELECT 'category', tenant_id, key, sum(n)::int FROM (${stored('appeal_categories_daily')}) s
          WHERE s.day >= ${q.curFromDay}::date AND s.key IN (SELECT jsonb_array_elements_text(${json(keys.categories)}))
          GROUP BY tenant_id, key`,
    );
    for (const r of rows) {
      const m = out[r.kind].get(r.key)!;
      m.set(r.tenant_id, (m.get(r.tenant_id) ?? 0) + r.n);
    }
    return out;
  };
  return { n1, n2, words, categories, perTenant, liveBuckets: liveSet.length, unbuiltTenants: unbuilt.length, fromScope: scope !== null };
}
