// Deterministic randomness for the data generator (`zqt gen`): one seeded stream per purpose, so the
// same seed gives the same province whatever else changes. mulberry32 (seed/demo-enterprises.ts).
import { seededRng } from '../demo-enterprises.ts';

export type Rng = () => number;

/** A stream derived from the seed and a label (enterprises, appeals, …), independent of the others. */
export function stream(seed: number, label: string): Rng {
  let h = 2166136261 ^ seed;
  for (const ch of label) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return seededRng(h >>> 0);
}

export const pick = <T>(r: Rng, a: readonly T[]): T => a[Math.floor(r() * a.length)];

/** Picks a key by weight. */
export function weighted<T>(r: Rng, pairs: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of pairs) total += w;
  let x = r() * total;
  for (const [v, w] of pairs) {
    x -= w;
    if (x < 0) return v;
  }
  return pairs[pairs.length - 1][0];
}

/** Index in [0, n) skewed towards 0: a few enterprises raise many appeals, most raise few. */
export const skewedIndex = (r: Rng, n: number, power = 2.2) => Math.min(n - 1, Math.floor(Math.pow(r(), power) * n));

/** Uniform in [a, b). */
export const between = (r: Rng, a: number, b: number) => a + r() * (b - a);

/** A UUID (version-4 shaped) drawn from the stream: repeatable ids for the same seed. */
export function uuidFrom(r: Rng): string {
  let h = '';
  for (let i = 0; i < 4; i++) h += (Math.floor(r() * 2 ** 32) >>> 0).toString(16).padStart(8, '0');
  const v = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${v}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A mainland mobile number. */
export const mobile = (r: Rng) => `1${pick(r, ['35', '37', '38', '39', '50', '58', '86', '88', '33', '77'])}${String(Math.floor(r() * 1e8)).padStart(8, '0')}`;
