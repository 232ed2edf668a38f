// Chinese keyword search: PostgreSQL has no Chinese word splitter, so the app splits with jieba
// (@node-rs/jieba) and stores to_tsvector('simple', '<words separated by spaces>'); titles also
// have a pg_trgm GIN index for substrings (ILIKE '%…%') that the splitter may cut differently.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { cutText } from '../../../../shared/text.ts';

let jieba: Jieba | undefined;
const splitter = () => (jieba ??= Jieba.withDict(dict));

/** A token worth indexing: has a letter, digit or CJK character. */
const WORD = /[\p{L}\p{N}]/u;
const MAX_INDEXED_CHARS = 20_000;

/** Words of a document (search mode: long words and their parts), lowercased, deduplicated. */
export function documentWords(...parts: (string | null | undefined)[]): string {
  const textIn = cutText(parts.filter(Boolean).join('\n'), MAX_INDEXED_CHARS);
  const words = new Set<string>();
  for (const w of splitter().cutForSearch(textIn, true)) {
    const t = w.trim().toLowerCase();
    if (t && WORD.test(t)) words.add(t);
  }
  return [...words].join(' ');
}

/** Words of a query (exact mode, coarser): every word must occur (plainto_tsquery = AND). */
export function queryWords(q: string): string {
  const words: string[] = [];
  for (const w of splitter().cut(q, true)) {
    const t = w.trim().toLowerCase();
    if (t && WORD.test(t) && !words.includes(t)) words.push(t);
  }
  return words.join(' ');
}

/** ILIKE pattern for a substring, with % _ \ escaped. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Words of a text in order, repeats kept (exact mode): the bags of similarity (capability 8) and hot topics. */
export function contentWords(text: string | null | undefined): string[] {
  if (!text) return [];
  const out: string[] = [];
  for (const w of splitter().cut(cutText(text, MAX_INDEXED_CHARS), true)) {
    const t = w.trim().toLowerCase();
    if (t && WORD.test(t)) out.push(t);
  }
  return out;
}
