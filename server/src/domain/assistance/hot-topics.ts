// Capability 8 hot topics: the words and categories rising in a period's appeals against a baseline
// (the periods before it). Pure. The statistic is Dunning's log-likelihood ratio G² on document
// counts (how many appeals of the period vs of the baseline mention the word), kept only when the
// period's share is above the baseline's — a word that is merely frequent everywhere scores low, a
// word that jumps scores high; G² ≥ 3.84 is significant at p < 0.05 (one degree of freedom).
import { STOPWORDS } from './similarity.ts';

export type Rising = { key: string; count: number; baseline: number; g2: number; ratio: number | null };

const xlogx = (x: number) => (x > 0 ? x * Math.log(x) : 0);

/** G² of a 2×2 table: k1 of n1 documents in the period, k2 of n2 in the baseline. */
export function logLikelihood(k1: number, n1: number, k2: number, n2: number): number {
  const g = 2 * (xlogx(k1) + xlogx(n1 - k1) + xlogx(k2) + xlogx(n2 - k2) - xlogx(k1 + k2) - xlogx(n1 + n2 - k1 - k2) - xlogx(n1) - xlogx(n2) + xlogx(n1 + n2));
  return Math.max(0, g);
}

export const G2_SIGNIFICANT = 3.84;

/**
 * The rising keys of a period: `current` and `baseline` are, per document, its set of keys (words or
 * a category). At least `minCount` documents of the period; sorted by G², at most `limit`.
 */
export function risingKeys(
  current: readonly ReadonlySet<string>[],
  baseline: readonly ReadonlySet<string>[],
  opts: { minCount?: number; limit?: number } = {},
): Rising[] {
  const c1 = new Map<string, number>();
  const c2 = new Map<string, number>();
  for (const d of current) for (const k of d) c1.set(k, (c1.get(k) ?? 0) + 1);
  for (const d of baseline) for (const k of d) c2.set(k, (c2.get(k) ?? 0) + 1);
  return risingFromCounts(c1, current.length, c2, baseline.length, opts);
}

/**
 * The same from counts: `c1` documents of the period per key (n1 documents in all), `c2` of the
 * baseline (n2) — what the daily roll-ups (appeal_words_daily) sum to. risingKeys is this on counted sets.
 */
export function risingFromCounts(
  c1: ReadonlyMap<string, number>,
  n1: number,
  c2: ReadonlyMap<string, number>,
  n2: number,
  opts: { minCount?: number; limit?: number } = {},
): Rising[] {
  const minCount = opts.minCount ?? 2;
  if (!n1) return [];
  const out: Rising[] = [];
  for (const [key, k1] of c1) {
    if (k1 < minCount) continue;
    const k2 = c2.get(key) ?? 0;
    // Rising only: the period's share above the baseline's (no baseline: every key is new).
    if (n2 && k1 / n1 <= k2 / n2) continue;
    const g2 = n2 ? logLikelihood(k1, n1, k2, n2) : k1;
    out.push({ key, count: k1, baseline: k2, g2: Math.round(g2 * 100) / 100, ratio: n2 && k2 ? Math.round((k1 / n1 / (k2 / n2)) * 100) / 100 : null });
  }
  return out.sort((a, b) => b.g2 - a.g2 || b.count - a.count || a.key.localeCompare(b.key)).slice(0, opts.limit ?? 10);
}

/** The keywords of an appeal for hot topics: its distinct words of two characters or more, no stopwords or numbers. */
export function keywordSet(words: readonly string[]): Set<string> {
  return new Set(words.filter((w) => w.length >= 2 && !STOPWORDS.has(w) && !/^\d+$/.test(w)));
}
