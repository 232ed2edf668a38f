// Capability 8 (R6.1): similar past appeals of the tenant (the intake suggestion panel) and repeat
// detection at intake (重复诉求). Candidates come from the jieba-word index (appeals.search_vector,
// any of the query's heaviest words), the ranking from domain/assistance/similarity.ts on the
// candidates' own words. Always within one tenant: another tenant's appeal is never a candidate.
import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.ts';
import { REPEAT_MIN, SIMILAR_MIN, queryTerms, similarity, wordBag, type WordBag } from '../../domain/assistance/similarity.ts';
import { contentWords } from './appeals.search.ts';

export type SimilarAppeal = {
  id: string;
  number: string;
  title: string;
  state: string;
  category: string;
  enterpriseName: string;
  receivedAt: Date;
  closedAt: Date | null;
  closeReason: string | null;
  replyText: string | null;
  evaluation: string | null;
  score: number;
};

type Candidate = {
  id: string;
  number: string;
  title: string;
  content: string;
  state: string;
  category: string;
  enterprise_name: string;
  is_confidential: boolean;
  received_at: Date;
  closed_at: Date | null;
  close_reason: string | null;
  reply_text: string | null;
  evaluation: string | null;
  repeat_count: number;
};

const CANDIDATES = 80;
/** How many of the tenant's newest appeals the candidates are first looked for in. */
const RECENT = 5000;
/** How many of the query's heaviest words form the candidate pairs (15 pairs). */
const PAIR_TERMS = 6;
const SAFE_TERM = /^[\p{L}\p{N}]+$/u;

/** Whether the tenant has more than `n` appeals (an index-only count that stops at n + 1). */
async function tenantHasMoreThan(db: DbOrTx, tenantId: string, n: number) {
  const [r] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM appeals WHERE tenant_id = ${tenantId} LIMIT ${n + 1}) x`);
  return (r?.n ?? 0) > n;
}

/** The weighted words of a title and content. */
export function appealBag(title: string, content: string): WordBag {
  return wordBag(contentWords(title), contentWords(content));
}

const asDate = (v: Date | string | null) => (v == null ? null : v instanceof Date ? v : new Date(v));

/** The candidate tsqueries of a word bag: any two of its heaviest words (null under two), and any one of its words (null: none). */
export function candidateQueries(bag: WordBag): { pairs: string | null; any: string | null } {
  const terms = queryTerms(bag).filter((t) => SAFE_TERM.test(t));
  const top = terms.slice(0, PAIR_TERMS);
  const pairs = top.flatMap((a, i) => top.slice(i + 1).map((b) => `(${a} & ${b})`));
  return { pairs: pairs.length ? pairs.join(' | ') : null, any: terms.length ? terms.join(' | ') : null };
}

/**
 * The `limit` past appeals of the tenant most like this title and content, closed ones (with their
 * reply and evaluation) before open ones; below SIMILAR_MIN nothing is shown.
 */
export async function similarAppeals(
  db: DbOrTx,
  tenantId: string,
  input: { title: string; content: string; excludeId?: string | null; limit?: number },
): Promise<SimilarAppeal[]> {
  const bag = appealBag(input.title, input.content);
  const { pairs, any } = candidateQueries(bag);
  if (!any) return [];
  const exclude = input.excludeId ? sql`AND a.id <> ${input.excludeId}` : sql``;
  const columns = sql`a.id, a.number, a.title, a.content, a.state, a.category, a.enterprise_name, a.is_confidential, a.received_at,
          a.closed_at, a.close_reason, a.reply_text, a.evaluation, a.repeat_count`;
  // The tenant's RECENT newest appeals (appeals_tenant_received_idx, read in its order): the matches ranked by
  // ts_rank, the CANDIDATES best joined back for their texts.
  const recent = (q: string) =>
    queryRows<Candidate>(
      db,
      sql`SELECT ${columns}
          FROM (SELECT r.id, ts_rank(r.search_vector, q) AS rk, r.received_at
                FROM (SELECT a.id, a.search_vector, a.received_at FROM appeals a WHERE a.tenant_id = ${tenantId} ${exclude}
                      ORDER BY a.received_at DESC NULLS LAST, a.id LIMIT ${RECENT}) r, to_tsquery('simple', ${q}) q
                WHERE r.search_vector @@ q ORDER BY rk DESC, r.received_at DESC LIMIT ${CANDIDATES}) top
          JOIN appeals a ON a.id = top.id
          ORDER BY top.rk DESC, top.received_at DESC`,
    );
  // Every appeal of the tenant (the jieba-word GIN index, then the heap for each match).
  const all = (q: string) =>
    queryRows<Candidate>(
      db,
      sql`SELECT ${columns}
        FROM appeals a, to_tsquery('simple', ${q}) q
        WHERE a.tenant_id = ${tenantId} AND a.search_vector @@ q ${exclude}
        ORDER BY ts_rank(a.search_vector, q) DESC, a.received_at DESC
        LIMIT ${CANDIDATES}`,
    );
  // Candidates: appeals sharing at least two of the query's PAIR_TERMS heaviest words ((a & b) | (a & c) | …),
  // ranked by ts_rank, among the tenant's RECENT newest appeals; fewer than a full list: any one of the
  // words (a | b | …) among them; still fewer and the tenant has older appeals: any one word among all of
  // them. Measured at 1M appeals (docs/SCALING.md): over every appeal of a tenant, a pair of common words
  // (企业, 安全, 生产 …) matched 5,000–37,000 appeals and the statement read each one's heap page (p95
  // 750 ms a keystroke); the newest RECENT bound it (p95 ≈ 20 ms) and kept the shown appeals nearly as
  // alike (mean likeness of the top 5 0.97 against 0.99 over all). A rarer matter has fewer than a full
  // list of recent matches, and then the whole tenant is searched, which is cheap for rare words. On the
  // labelled evaluation set (quality.test.ts, fewer than RECENT appeals) this is the candidate set as
  // before: the pairs alone lost 1–2 points of precision@5, hence the any-word step.
  let rows = pairs ? await recent(pairs) : [];
  if (rows.length < CANDIDATES) rows = await recent(any);
  if (rows.length < CANDIDATES && (await tenantHasMoreThan(db, tenantId, RECENT))) rows = await all(any);
  const scored = rows
    .map((r) => ({ r, score: similarity(bag, appealBag(r.title, r.content)) }))
    .filter((x) => x.score >= SIMILAR_MIN)
    .sort((x, y) => y.score - x.score)
    .slice(0, input.limit ?? 5);
  // Closed ones with their reply first, then replied ones (a reply to reuse), then by likeness.
  const rank = (r: Candidate) => (r.reply_text ? (r.closed_at ? 2 : 1) : 0);
  scored.sort((x, y) => rank(y.r) - rank(x.r) || y.score - x.score);
  return scored.map(({ r, score }) => ({
    id: r.id,
    number: r.number,
    title: r.title,
    state: r.state,
    category: r.category,
    enterpriseName: r.is_confidential ? '（反映人保密）' : r.enterprise_name,
    receivedAt: asDate(r.received_at)!,
    closedAt: asDate(r.closed_at),
    closeReason: r.close_reason,
    replyText: r.reply_text,
    evaluation: r.evaluation,
    score: Math.round(score * 1000) / 1000,
  }));
}

export type RepeatMatch = {
  /** The latest earlier similar appeal (the link). */
  id: string;
  number: string;
  title: string;
  score: number;
  receivedAt: Date;
  /** How many earlier similar appeals of the enterprise the window holds: the new appeal's repeat count. */
  count: number;
};

/**
 * Capability 8 repeat detection: the same enterprise (registry id, or USCC) with appeals open or
 * closed received since `since`, at least REPEAT_MIN alike. Linked to the latest of them, counted
 * (the third time a matter comes back counts 3); null when none.
 */
export async function findRepeat(
  db: DbOrTx,
  tenantId: string,
  input: { enterpriseId: string | null; uscc: string | null; title: string; content: string; since: Date; excludeId?: string | null },
): Promise<RepeatMatch | null> {
  if (!input.enterpriseId && !input.uscc) return null;
  const who = [input.enterpriseId ? sql`a.enterprise_id = ${input.enterpriseId}` : null, input.uscc ? sql`a.enterprise_uscc = ${input.uscc}` : null].filter(
    (x) => x !== null,
  );
  const rows = await queryRows<Candidate>(
    db,
    sql`SELECT a.id, a.number, a.title, a.content, a.state, a.category, a.enterprise_name, a.is_confidential, a.received_at,
          a.closed_at, a.close_reason, a.reply_text, a.evaluation, a.repeat_count
        FROM appeals a
        WHERE a.tenant_id = ${tenantId} AND (${sql.join(who, sql` OR `)}) AND a.received_at >= ${input.since.toISOString()}::timestamptz
          ${input.excludeId ? sql`AND a.id <> ${input.excludeId}` : sql``}
        ORDER BY a.received_at DESC, a.id
        LIMIT 200`,
  );
  const bag = appealBag(input.title, input.content);
  let latest: RepeatMatch | null = null;
  let count = 0;
  for (const r of rows) {
    const score = similarity(bag, appealBag(r.title, r.content));
    if (score < REPEAT_MIN) continue;
    count++;
    latest ??= { id: r.id, number: r.number, title: r.title, score: Math.round(score * 1000) / 1000, receivedAt: asDate(r.received_at)!, count: 0 };
  }
  return latest ? { ...latest, count } : null;
}

/** The reply of an appeal of the tenant, to be kept as a knowledge article (capability 8); null when missing. */
export async function appealReply(db: DbOrTx, tenantId: string, id: string) {
  const [r] = await queryRows<{ id: string; title: string; reply_text: string | null; sector: string | null; category: string }>(
    db,
    sql`SELECT id, title, reply_text, sector, category FROM appeals WHERE tenant_id = ${tenantId} AND id = ${id}`,
  );
  return r ? { id: r.id, title: r.title, replyText: r.reply_text, sector: r.sector, category: r.category } : null;
}

export type AppealText = {
  id: string;
  tenantId: string;
  number: string;
  title: string;
  content: string;
  category: string;
  sector: string | null;
  enterpriseId: string | null;
  receivedAt: Date;
};

/**
 * Capability 8 hot topics: the appeals of these tenants received in [from, to) (optionally of one
 * sector), their text for keywords. At most `limit`, newest first.
 */
export async function appealTextsBetween(
  db: DbOrTx,
  tenantIds: readonly string[],
  from: Date,
  to: Date,
  opts: { sector?: string | null; limit?: number } = {},
): Promise<AppealText[]> {
  if (!tenantIds.length) return [];
  const rows = await queryRows<{
    id: string;
    tenant_id: string;
    number: string;
    title: string;
    content: string;
    category: string;
    sector: string | null;
    enterprise_id: string | null;
    received_at: Date;
  }>(
    db,
    sql`SELECT id, tenant_id, number, title, content, category, sector, enterprise_id, received_at FROM appeals
        WHERE tenant_id IN (${sql.join(
          tenantIds.map((t) => sql`${t}`),
          sql`, `,
        )}) AND received_at >= ${from.toISOString()}::timestamptz AND received_at < ${to.toISOString()}::timestamptz
          ${opts.sector ? sql`AND sector = ${opts.sector}` : sql``}
        ORDER BY received_at DESC LIMIT ${opts.limit ?? 20000}`,
  );
  return rows.map((r) => ({
    id: r.id,
    tenantId: r.tenant_id,
    number: r.number,
    title: r.title,
    content: r.content,
    category: r.category,
    sector: r.sector,
    enterpriseId: r.enterprise_id,
    receivedAt: asDate(r.received_at)!,
  }));
}

/**
 * Demo data (seed/demo.ts): flags the repeats among a tenant's loaded appeals as intake would have —
 * each appeal against the same enterprise's earlier ones within `windowDays` — in one set-based
 * update, with the 重复诉求 timeline event. Returns how many were flagged.
 */
export async function flagLoadedRepeats(db: DbOrTx, tenantId: string, windowDays: number): Promise<number> {
  const rows = await queryRows<{ id: string; enterprise_id: string; title: string; content: string; number: string; received_at: Date; state: string }>(
    db,
    sql`SELECT id, enterprise_id, title, content, number, received_at, state FROM appeals
        WHERE tenant_id = ${tenantId} AND enterprise_id IS NOT NULL ORDER BY enterprise_id, received_at, id`,
  );
  const flagged: { id: string; of: string; of_number: string; n: number; state: string; at: string }[] = [];
  const byEnterprise = new Map<string, typeof rows>();
  for (const r of rows) byEnterprise.set(r.enterprise_id, [...(byEnterprise.get(r.enterprise_id) ?? []), r]);
  for (const list of byEnterprise.values()) {
    const bags = list.map((r) => appealBag(r.title, r.content));
    for (let i = 1; i < list.length; i++) {
      const at = asDate(list[i]!.received_at)!;
      let latest = -1;
      let n = 0;
      for (let j = 0; j < i; j++) {
        if (at.getTime() - asDate(list[j]!.received_at)!.getTime() > windowDays * 86_400_000) continue;
        if (similarity(bags[i]!, bags[j]!) >= REPEAT_MIN) {
          n++;
          latest = j;
        }
      }
      if (n) flagged.push({ id: list[i]!.id, of: list[latest]!.id, of_number: list[latest]!.number, n, state: list[i]!.state, at: at.toISOString() });
    }
  }
  if (!flagged.length) return 0;
  const data = JSON.stringify(flagged);
  await db.execute(sql`
    UPDATE appeals a SET repeat_of_id = f.of, repeat_count = f.n
    FROM jsonb_to_recordset(${data}::jsonb) AS f(id uuid, of uuid, of_number text, n int, state text, at timestamptz)
    WHERE a.id = f.id AND a.tenant_id = ${tenantId}`);
  await db.execute(sql`
    INSERT INTO appeal_events (tenant_id, appeal_id, type, at, actor_name, state_before, state_after, payload)
    SELECT ${tenantId}, f.id, 'repeat_flagged', f.at, '系统', 'received', 'received',
      jsonb_build_object('repeatOfId', f.of, 'repeatOfNumber', f.of_number, 'repeatCount', f.n)
    FROM jsonb_to_recordset(${data}::jsonb) AS f(id uuid, of uuid, of_number text, n int, state text, at timestamptz)`);
  return flagged.length;
}
