// The appeals behind the hot topics (issue 19, capability 8): for a word or a category of a tenant's
// days, its newest appeals, checked against the same keywords the roll-up counts
// (appeals.words-rollup.ts appealKeywords), so the listing and the counts agree.
import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.ts';
import { appealKeywords, dayStart, json } from './appeals.words-rollup.ts';

export type MentioningAppeal = { id: string; tenantId: string; number: string; title: string; receivedAt: Date; enterpriseId: string | null };

type MentioningRow = {
  id: string;
  tenant_id: string;
  number: string;
  title: string;
  content: string | null;
  received_at: Date | string;
  enterprise_id: string | null;
};

const mentioning = (r: MentioningRow): MentioningAppeal => ({
  id: r.id,
  tenantId: r.tenant_id,
  number: r.number,
  title: r.title,
  receivedAt: r.received_at instanceof Date ? r.received_at : new Date(r.received_at),
  enterpriseId: r.enterprise_id,
});

/**
 * The appeals behind several topics at once (the hot-topics listing): for each word and each category,
 * the newest `limit` appeals of one tenant received in [fromDay, toDay) mentioning it, in ONE statement
 * (a LATERAL index scan per topic, newest first along appeals_tenant_received_idx). A word's candidates
 * come from the jieba-word index and are checked against appealKeywords as in appealsMentioning (each
 * appeal split once however many topics it is behind); a word whose candidates run out before `limit`
 * checked ones falls back to appealsMentioning's paging.
 */
export async function appealsBehindTopics(
  db: DbOrTx,
  q: { tenantId: string; fromDay: string; toDay: string; sector: string | null; words: readonly string[]; categories: readonly string[]; limit: number },
): Promise<{ words: Map<string, MentioningAppeal[]>; categories: Map<string, MentioningAppeal[]> }> {
  const out = { words: new Map<string, MentioningAppeal[]>(), categories: new Map<string, MentioningAppeal[]>() };
  const topics = [...q.words.map((key) => ({ kind: 'w', key })), ...q.categories.map((key) => ({ kind: 'c', key }))];
  if (!topics.length) return out;
  const over = q.limit * 2;
  const rows = await queryRows<MentioningRow & { kind: 'w' | 'c'; key: string }>(
    db,
    sql`SELECT t.kind, t.key, a.* FROM jsonb_to_recordset(${json(topics.map((t, ord) => ({ ...t, ord })))}) AS t(kind text, key text, ord int)
        CROSS JOIN LATERAL (
          SELECT a.id, a.tenant_id, a.number, a.title, CASE WHEN t.kind = 'w' THEN a.content END AS content, a.received_at, a.enterprise_id
          FROM appeals a
          WHERE a.tenant_id = ${q.tenantId} AND a.received_at >= ${dayStart(sql`${q.fromDay}::date`)} AND a.received_at < ${dayStart(sql`${q.toDay}::date`)}
            ${q.sector === null ? sql`` : sql`AND coalesce(a.sector, '') = ${q.sector}`}
            AND CASE WHEN t.kind = 'w' THEN a.search_vector @@ plainto_tsquery('simple', t.key) ELSE a.category = t.key END
          ORDER BY a.received_at DESC NULLS LAST, a.id
          LIMIT CASE WHEN t.kind = 'w' THEN ${over}::int ELSE ${q.limit}::int END
        ) a
        ORDER BY t.ord, a.received_at DESC NULLS LAST, a.id`,
  );
  const split = new Map<string, Set<string>>();
  const keywordsOf = (r: { id: string; title: string; content: string | null }) => {
    const k = split.get(r.id) ?? appealKeywords(r.title, r.content ?? '');
    split.set(r.id, k);
    return k;
  };
  const seen = new Map<string, number>();
  for (const r of rows) {
    const m = r.kind === 'w' ? out.words : out.categories;
    const list = m.get(r.key) ?? [];
    m.set(r.key, list);
    seen.set(`${r.kind}|${r.key}`, (seen.get(`${r.kind}|${r.key}`) ?? 0) + 1);
    if (list.length >= q.limit || (r.kind === 'w' && !keywordsOf(r).has(r.key))) continue;
    list.push(mentioning(r));
  }
  for (const key of q.words) {
    const list = out.words.get(key) ?? [];
    out.words.set(key, list);
    if (list.length < q.limit && (seen.get(`w|${key}`) ?? 0) >= over) {
      out.words.set(
        key,
        await appealsMentioning(db, { tenantId: q.tenantId, fromDay: q.fromDay, toDay: q.toDay, sector: q.sector, word: key, limit: q.limit }),
      );
    }
  }
  for (const key of q.categories) out.categories.set(key, out.categories.get(key) ?? []);
  return out;
}

/**
 * The newest appeals of one tenant received in [fromDay, toDay) whose hot-topic keywords include
 * `word` (candidates from the jieba-word index, whose search-mode words include every exact-mode word,
 * checked against appealKeywords), or whose category is `category`. At most `limit`.
 */
export async function appealsMentioning(
  db: DbOrTx,
  q: { tenantId: string; fromDay: string; toDay: string; sector: string | null; word?: string; category?: string; limit: number },
): Promise<MentioningAppeal[]> {
  const out: MentioningAppeal[] = [];
  const page = q.word ? Math.max(50, q.limit * 3) : q.limit;
  for (let offset = 0; out.length < q.limit; offset += page) {
    const rows = await queryRows<MentioningRow>(
      db,
      sql`SELECT a.id, a.tenant_id, a.number, a.title, ${q.word ? sql`a.content` : sql`'' AS content`}, a.received_at, a.enterprise_id FROM appeals a
          WHERE a.tenant_id = ${q.tenantId} AND a.received_at >= ${dayStart(sql`${q.fromDay}::date`)} AND a.received_at < ${dayStart(sql`${q.toDay}::date`)}
            ${q.sector === null ? sql`` : sql`AND coalesce(a.sector, '') = ${q.sector}`}
            ${q.word ? sql`AND a.search_vector @@ plainto_tsquery('simple', ${q.word})` : sql``}
            ${q.category ? sql`AND a.category = ${q.category}` : sql``}
          ORDER BY a.received_at DESC NULLS LAST, a.id LIMIT ${page} OFFSET ${offset}`,
    );
    for (const r of rows) {
      if (q.word && !appealKeywords(r.title, r.content ?? '').has(q.word)) continue;
      out.push(mentioning(r));
      if (out.length >= q.limit) break;
    }
    if (rows.length < page) break;
  }
  return out;
}
