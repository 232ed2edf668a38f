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
// Rules that make a code INVALID here (issue 12 item 8b), each with its own Chinese message:
//   - exactly 18 characters;
//   - every character is from the 31-character code set 0-9 and A–Y without I, O, S, V, Z;
//   - position 1 is an assigned registration management department and position 2 one of the
//     institution categories assigned to it (GB 32100-2015 table, with the later assignments
//     A 中央军委改革和编制办公室 and N 农业 that codes in circulation carry);
//   - positions 3–8 are digits forming a plausible division code: a real province part (11–15,
//     21–23, 31–37, 41–46, 50–54, 61–65, 71, 81, 82), or 100000 for authorities at national level
//     (e.g. 国家市场监督管理总局: 911000001000013428 中国银行). "000000" fails;
//   - position 18 equals the GB 32100 check character computed from positions 1–17;
//   - position 17 equals the GB 11714 check character of the organisation code body (positions 9–16).
//
// Rules deliberately NOT enforced:
//   - positions 3–8 being a division code that exists today: codes keep the division code of the
//     time of registration, and divisions are renamed/abolished (only the province part is checked).

/** The 31-character code set, in value order 0–30. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights for positions 1–17 (3^(i) mod 31). */
export const USCC_WEIGHTS: readonly number[] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * Position 1 (登记管理部门) → its name and the position-2 institution categories (机构类别) assigned
 * to it (GB 32100-2015 table 1 and later assignments).
 */
export const USCC_DEPARTMENTS: Readonly<Record<string, { name: string; categories: string }>> = {
  '1': { name: '机构编制部门', categories: '1239' },
  '2': { name: '外交部门', categories: '19' },
  '3': { name: '司法行政部门', categories: '123459' },
  '4': { name: '文化部门', categories: '19' },
  '5': { name: '民政部门', categories: '1239' },
  '6': { name: '旅游部门', categories: '129' },
  '7': { name: '宗教事务部门', categories: '129' },
  '8': { name: '工会', categories: '19' },
  '9': { name: '工商（市场监管）部门', categories: '123' },
  A: { name: '中央军委改革和编制办公室', categories: '19' },
  N: { name: '农业部门', categories: '1239' },
  Y: { name: '其他部门', categories: '1' },
};

/** Province parts (first two digits) of GB/T 2260 division codes, including 71 台湾, 81 香港, 82 澳门. */
export const PROVINCE_PARTS: ReadonlySet<string> = new Set(
  '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82'.split(' '),
);

/** Positions 3–8 of codes issued by authorities at national level (国家级登记管理机关). */
export const NATIONAL_REGION = '100000';

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
 * `checkUscc` requires position 17 to be this character of positions 9–16.
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

  const dept = chars[0];
  const categories = USCC_DEPARTMENTS[dept];
  if (!categories) {
    return invalid(raw, `第1位登记管理部门代码“${dept}”不存在（应为 1–9、A、N 或 Y）`);
  }
  if (!categories.categories.includes(chars[1])) {
    return invalid(raw, `第2位机构类别代码“${chars[1]}”与第1位不符：${categories.name}登记的机构类别只能为 ${categories.categories.split('').join('、')}`);
  }

  const region = s.slice(2, 8);
  if (region === '000000') return invalid(raw, '第3–8位登记管理机关行政区划码不能全为0');
  if (region !== NATIONAL_REGION && !PROVINCE_PARTS.has(region.slice(0, 2))) {
    return invalid(raw, `第3–8位登记管理机关行政区划码“${region}”有误：前两位“${region.slice(0, 2)}”不是省级行政区划代码`);
  }

  const expected = computeUsccCheckChar(s.slice(0, 17));
  if (chars[17] !== expected) {
    return invalid(raw, `校验位错误，第18位应为“${expected}”`);
  }

  const orgCheck = organizationCodeCheckChar(s.slice(8, 16));
  if (chars[16] !== orgCheck) {
    return invalid(raw, `组织机构代码校验位错误：第9–17位为组织机构代码，第17位应为“${orgCheck}”`);
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
