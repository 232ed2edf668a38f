// Password hashing (argon2id) and the complexity rule (等保 2.0 level 3: ≥ 8 characters with
// at least 3 of 4 classes: upper case, lower case, digits, symbols).
import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { isCommonPassword } from './common-passwords.ts';

/** algorithm 2 = Argon2id (the package's const enum cannot be imported under verbatimModuleSyntax). */
const OPTIONS = { algorithm: 2 as const, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, OPTIONS);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Verifying against this keeps the response time of unknown usernames equal to known ones. */
let dummyHash: Promise<string> | undefined;
export const dummyPasswordHash = () => (dummyHash ??= hashPassword(crypto.randomUUID()));

/** Returns a Chinese message describing what is wrong, or null when the password is acceptable. */
export function passwordProblem(password: string, minLength = 8, username?: string): string | null {
  if (password.length < minLength) return `密码长度至少${minLength}位`;
  if (password.length > 128) return '密码长度不能超过128位';
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return '密码须包含大写字母、小写字母、数字、符号中的至少三类';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  if (isCommonPassword(password)) return '该密码过于常见（在常用密码或公开的演示密码名单中），请另选一个';
  return null;
}

/** A random initial password that satisfies the rule, handed to the user once. */
export function generateInitialPassword(): string {
  const pick = (set: string) => set[crypto.randomInt(set.length)];
  const upper = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  const lower = 'abcdefghijkmnpqrstuvwxyz';
  const digits = '23456789';
  const symbols = '@#%&*+-=?';
  const all = upper + lower + digits;
  const chars = [pick(upper), pick(lower), pick(digits), pick(symbols)];
  while (chars.length < 12) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}
