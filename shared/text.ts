// The one text normaliser (issue 12 item 8): what a string may contain, how long it is, and how it is
// cut. Used at the HTTP boundary for every string of a request (server/src/http/text-input.ts), by the
// zod building blocks (server/src/http/schemas.ts), by the importers for cell and file-name text, and
// wherever text is shortened for a notice, an excerpt or a log. Lengths count code points (an emoji is
// one character, as users count); cuts fall between graphemes, never inside a surrogate pair.

/** C0 controls except tab, newline and carriage return, and DEL. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const CONTROL_OR_NEWLINE = /[\u0000-\u0008\u000A-\u001F\u007F]/;

export const TEXT_MESSAGES = {
  surrogate: '含有无法识别的字符（不成对的代理项），请删除后重新输入',
  control: '含有不允许的控制字符',
  newline: '不能包含换行',
} as const;

/**
 * Why this string may not be stored, in Chinese, or null when it is fine. Refused: lone UTF-16
 * surrogates (not well-formed Unicode: PostgreSQL's JSON refuses them and plain columns would turn
 * them into U+FFFD) and control characters (NUL cannot be stored at all); tab, newline and carriage
 * return are allowed unless `singleLine`.
 */
export function textProblem(s: string, opts: { singleLine?: boolean } = {}): string | null {
  if (!s.isWellFormed()) return TEXT_MESSAGES.surrogate;
  if (CONTROL.test(s)) return TEXT_MESSAGES.control;
  if (opts.singleLine && CONTROL_OR_NEWLINE.test(s)) return TEXT_MESSAGES.newline;
  return null;
}

/** Length in code points (what a person counts: "应急🚒" is 3). */
export function textLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

let segmenter: Intl.Segmenter | undefined;

/**
 * At most `max` code points of `s`, cut between graphemes (an emoji with its modifiers or a letter with
 * its combining marks stays whole or goes whole), with `ellipsis` appended when something was cut (the
 * ellipsis counts toward `max`). Never returns half a surrogate pair.
 */
export function cutText(s: string, max: number, ellipsis = ''): string {
  if (textLength(s) <= max) return s;
  const room = Math.max(0, max - textLength(ellipsis));
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'grapheme' });
  let out = '';
  let used = 0;
  for (const { segment } of segmenter.segment(s)) {
    const n = textLength(segment);
    if (used + n > room) break;
    out += segment;
    used += n;
  }
  return out + ellipsis;
}

/** The last `max` code points of `s`, cut between graphemes (file names keep their extension). */
export function cutTextEnd(s: string, max: number): string {
  if (textLength(s) <= max) return s;
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'grapheme' });
  const parts = [...segmenter.segment(s)].map((x) => x.segment);
  let out = '';
  let used = 0;
  for (let i = parts.length - 1; i >= 0; i--) {
    const n = textLength(parts[i]);
    if (used + n > max) break;
    out = parts[i] + out;
    used += n;
  }
  return out;
}
