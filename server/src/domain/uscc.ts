// Unified Social Credit Code (统一社会信用代码) checker, GB 32100-2015.
//
// Structure of the 18 characters (GB 32100-2015 §4):
//   1      登记管理部门代码 (registration management department)
//   2      机构类别代码 (organisation category)
//   3–8    登记管理机关行政区划码 (administrative division code of the registering
//          authority, GB/T 2260) — Arabic digits only
//   9–17   主体标识码 (subject identifier = 组织机构代码, GB 11714)
//   18     校验码 (check character), algorithm in GB 32100-2015 §5
//
// Rules that make a code INVALID here — only rules stated by GB 32100-2015 itself:
//   - exactly 18 characters;
//   - every character is from the 31-character code set 0-9 and A–Y without I, O, S, V, Z;
//   - positions 3–8 are digits (the standard specifies the division code as Arabic digits);
//   - position 18 equals the check character computed from positions 1–17.
//
// Rules deliberately NOT enforced (reported codes are still "valid"):
//   - position 1 / position 2 value tables. The standard's own table (1 机构编制, 5 民政,
//     9 工商, Y 其他) has since been extended by later code assignments (e.g. 司法行政,
//     宗教, 工会, 农业 …); rejecting unknown values would reject real codes.
//   - positions 3–8 being a division code that currently exists: codes keep the division
//     code of the time of registration, and divisions are renamed/abolished.
//   - the GB 11714 check digit of the organisation code in positions 9–17: some real codes
//     in circulation are reported not to satisfy it, so it is informational only
//     (see `organizationCodeCheckChar`).

/** The 31-character code set, in value order 0–30. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights for positions 1–17 (3^(i) mod 31). */
export const USCC_WEIGHTS: readonly number[] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

const FORBIDDEN_LETTERS = new Set(['I', 'O', 'S', 'V', 'Z']);

export interface UsccCheckResult {
  input: string;
  valid: boolean;
  /** Normalized (trimmed, half-width, upper-case) code when valid, else null. */
  normalized: string | null;
  /** User-facing reason (Simplified Chinese) when invalid, else null. */
  error: string | null;
}

/**
 * Normalize user input: trim leading/trailing whitespace (String#trim covers U+3000
 * 全角空格), convert full-width ASCII forms (U+FF01–U+FF5E, e.g. "９１３７Ａ") to
 * half-width, and upper-case. Inner whitespace is kept, so it is reported as an error.
 */
export function normalizeUscc(input: string): string {
  let out = '';
  for (const ch of input.trim()) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xff01 && cp <= 0xff5e) out += String.fromCodePoint(cp - 0xfee0);
    else if (cp === 0x3000) out += ' ';
    else out += ch;
  }
  return out.toUpperCase();
}

function charValue(ch: string): number {
  return USCC_CHARSET.indexOf(ch);
}

/**
 * The check character (position 18) for the first 17 characters.
 * Input is normalized first; throws RangeError if it is not 17 code-set characters.
 */
export function computeUsccCheckChar(first17: string): string {
  const s = normalizeUscc(first17);
  const chars = Array.from(s);
  if (chars.length !== 17) {
    throw new RangeError(`computeUsccCheckChar expects 17 characters, got ${chars.length}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = charValue(chars[i]);
    if (v < 0) throw new RangeError(`Character "${chars[i]}" at position ${i + 1} is not in the USCC code set`);
    sum += v * USCC_WEIGHTS[i];
  }
  const c = 31 - (sum % 31);
  return USCC_CHARSET[c === 31 ? 0 : c];
}

/**
 * GB 11714 check character for an 8-character organisation code body
 * (weights 3,7,9,10,5,8,4,2; letters A=10 … Z=35; 11 − sum mod 11, 10 → X, 11 → 0).
 * Informational only; `checkUscc` does not reject on it.
 */
export function organizationCodeCheckChar(body8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body8)) {
    throw new RangeError('organizationCodeCheckChar expects 8 characters of 0-9/A-Z');
  }
  const w = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body8[i];
    const v = ch >= '0' && ch <= '9' ? ch.charCodeAt(0) - 48 : ch.charCodeAt(0) - 55;
    sum += v * w[i];
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

function invalid(input: string, error: string): UsccCheckResult {
  return { input, valid: false, normalized: null, error };
}

/** Check a USCC. Never throws; see the header comment for which rules are enforced. */
export function checkUscc(input: string): UsccCheckResult {
  const raw = typeof input === 'string' ? input : String(input);
  const s = normalizeUscc(raw);
  const chars = Array.from(s);

  if (chars.length === 0) return invalid(raw, '统一社会信用代码不能为空');
  if (chars.length !== 18) {
    return invalid(raw, `统一社会信用代码应为18位，实际为${chars.length}位`);
  }

  for (let i = 0; i < 18; i++) {
    const ch = chars[i];
    if (charValue(ch) >= 0) continue;
    if (FORBIDDEN_LETTERS.has(ch)) {
      return invalid(raw, `第${i + 1}位字符“${ch}”不允许使用（不得含 I、O、S、V、Z）`);
    }
    const shown = ch === ' ' ? '空格' : ch;
    return invalid(raw, `第${i + 1}位字符“${shown}”不是合法字符（只能为数字 0-9 或除 I、O、S、V、Z 外的大写字母）`);
  }

  for (let i = 2; i < 8; i++) {
    const ch = chars[i];
    if (ch < '0' || ch > '9') {
      return invalid(raw, `第${i + 1}位字符“${ch}”有误：第3–8位为登记管理机关行政区划码，只能为数字`);
    }
  }

  const expected = computeUsccCheckChar(s.slice(0, 17));
  if (chars[17] !== expected) {
    return invalid(raw, `校验位错误，第18位应为“${expected}”`);
  }
  return { input: raw, valid: true, normalized: s, error: null };
}

/** Random source in [0, 1), e.g. Math.random or a seeded PRNG. */
export type Rng = () => number;

export interface GenerateUsccOptions {
  /** 6-digit administrative division code for positions 3–8 (default 370000, 山东省). */
  regionCode?: string;
  /** Position 1 (default '9', 市场监管/工商). */
  registrationDept?: string;
  /** Position 2 (default '1', 企业). */
  orgType?: string;
}

function pick(rng: Rng, alphabet: string): string {
  const r = rng();
  const i = Math.min(alphabet.length - 1, Math.max(0, Math.floor(r * alphabet.length)));
  return alphabet[i];
}

/**
 * Generate a valid USCC for demo data. Positions 9–17 are a random organisation code
 * whose 9th character is a correct GB 11714 check digit, so the result is also
 * well-formed for stricter validators.
 */
export function generateUscc(rng: Rng, opts: GenerateUsccOptions = {}): string {
  const regionCode = opts.regionCode ?? '370000';
  const dept = opts.registrationDept ?? '9';
  const type = opts.orgType ?? '1';
  if (!/^\d{6}$/.test(regionCode)) throw new RangeError('regionCode must be 6 digits');
  if (dept.length !== 1 || charValue(dept) < 0) throw new RangeError('registrationDept must be one USCC code-set character');
  if (type.length !== 1 || charValue(type) < 0) throw new RangeError('orgType must be one USCC code-set character');

  let body = '';
  for (let i = 0; i < 8; i++) body += pick(rng, USCC_CHARSET);
  const first17 = dept + type + regionCode + body + organizationCodeCheckChar(body);
  return first17 + computeUsccCheckChar(first17);
}
