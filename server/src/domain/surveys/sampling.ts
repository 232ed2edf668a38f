// R7.3 the stratified random sample of supervised enterprises. Pure: no database.
// - Strata: city × sector × size (the enterprise's registry fields).
// - Allocation: proportional to the stratum's population N_h, with a minimum per stratum
//   (min(minimum, N_h)), never above N_h (allocate). When the minimums alone exceed the total, the
//   minimums win (the sample is larger than asked; the preview shows it).
// - Selection: within each stratum a seeded shuffle (prng.ts) of the ids in id order, seeded by
//   `${seed}|${stratum}` — the same seed and population draw the same sample, and one stratum's
//   draw does not depend on the others.
// - Optional exclusion of last year's respondents before anything else.
// - Design weight of a sampled enterprise: N_h / n_h.
import { seededRandom, shuffled } from './prng.ts';

export type SampleUnit = { id: string; cityCode: string; sector: string; size: string };

export type SampleParams = { total: number; minimumPerStratum: number; seed: string; exclude?: ReadonlySet<string> };

export type Stratum = { key: string; cityCode: string; sector: string; size: string; population: number; sampleSize: number; weight: number };

export type Sample = { strata: Stratum[]; selected: { id: string; stratum: string; weight: number }[]; excluded: number; population: number };

export const stratumKey = (u: Pick<SampleUnit, 'cityCode' | 'sector' | 'size'>) => `${u.cityCode}|${u.sector}|${u.size}`;

/**
 * Sample sizes per stratum (see the header). `sizes` maps stratum key → N_h. Strata whose
 * proportional share falls below the minimum get the minimum (or all of N_h when smaller), strata
 * whose share exceeds N_h get N_h; the rest of the total is shared proportionally among the others,
 * repeated until nothing changes; the last units by largest remainder (ties by key).
 */
export function allocate(sizes: ReadonlyMap<string, number>, total: number, minimum: number): Map<string, number> {
  const keys = [...sizes.keys()].sort();
  const N = keys.reduce((s, k) => s + sizes.get(k)!, 0);
  const alloc = new Map<string, number>();
  if (N === 0) return alloc;
  const target = Math.min(total, N);
  const fixed = new Map<string, number>();
  const quota = new Map<string, number>();
  for (;;) {
    const free = keys.filter((k) => !fixed.has(k));
    const rest = target - [...fixed.values()].reduce((a, b) => a + b, 0);
    const Nfree = free.reduce((s, k) => s + sizes.get(k)!, 0);
    let changed = false;
    for (const k of free) {
      const Nh = sizes.get(k)!;
      const q = Nfree > 0 ? (Math.max(rest, 0) * Nh) / Nfree : 0;
      quota.set(k, q);
      if (q < Math.min(minimum, Nh)) {
        fixed.set(k, Math.min(minimum, Nh));
        changed = true;
      } else if (q > Nh) {
        fixed.set(k, Nh);
        changed = true;
      }
    }
    if (!changed) break;
  }
  for (const k of keys) alloc.set(k, fixed.get(k) ?? Math.floor(quota.get(k)!));
  let sum = keys.reduce((s, k) => s + alloc.get(k)!, 0);
  while (sum < target) {
    let best: string | null = null;
    let bestGap = Number.NEGATIVE_INFINITY;
    for (const k of keys) {
      if (fixed.has(k) || alloc.get(k)! >= sizes.get(k)!) continue;
      const gap = quota.get(k)! - alloc.get(k)!;
      if (gap > bestGap) {
        best = k;
        bestGap = gap;
      }
    }
    if (best === null) break;
    alloc.set(best, alloc.get(best)! + 1);
    sum++;
  }
  return alloc;
}

export function drawSample(population: readonly SampleUnit[], params: SampleParams): Sample {
  const eligible = params.exclude ? population.filter((u) => !params.exclude!.has(u.id)) : [...population];
  const byStratum = new Map<string, SampleUnit[]>();
  for (const u of [...eligible].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const k = stratumKey(u);
    if (!byStratum.has(k)) byStratum.set(k, []);
    byStratum.get(k)!.push(u);
  }
  const sizes = new Map([...byStratum].map(([k, us]) => [k, us.length]));
  const alloc = allocate(sizes, params.total, params.minimumPerStratum);
  const strata: Stratum[] = [];
  const selected: Sample['selected'] = [];
  for (const key of [...byStratum.keys()].sort()) {
    const members = byStratum.get(key)!;
    const n = alloc.get(key) ?? 0;
    const weight = n > 0 ? members.length / n : 0;
    const [cityCode, sector, size] = key.split('|');
    strata.push({ key, cityCode, sector, size, population: members.length, sampleSize: n, weight });
    for (const u of shuffled(members, seededRandom(`${params.seed}|${key}`)).slice(0, n)) selected.push({ id: u.id, stratum: key, weight });
  }
  return { strata, selected, excluded: population.length - eligible.length, population: eligible.length };
}
