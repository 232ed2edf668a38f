// R2.2 research covers different sectors and sizes, especially private, foreign-invested, small/micro
// and struggling enterprises: the chosen enterprises' make-up beside the registry's, with warnings
// when private, small/micro or struggling enterprises are missing though the registry has them. Pure.
import { SIZES, OWNERSHIPS, OWNERSHIP_LABELS, SIZE_LABELS, type EnterpriseSize, type Ownership } from '../../../../shared/enterprises.ts';
import { SECTORS, SECTOR_LABELS, type Sector } from '../../../../shared/roles.ts';

export type Profile = { sector: Sector; size: EnterpriseSize; ownership: Ownership; struggling: boolean };
export type Line = {
  dimension: 'sector' | 'size' | 'ownership' | 'small_micro' | 'struggling';
  key: string;
  label: string;
  chosen: number;
  chosenShare: number;
  registry: number;
  registryShare: number;
};
export type Coverage = { chosen: number; registry: number; lines: Line[]; warnings: string[] };

const share = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 1000 : 0);

export function coverage(chosen: readonly Profile[], registry: { dim: string; key: string; n: number }[]): Coverage {
  const reg = (dim: string, key: string) => registry.filter((r) => r.dim === dim && r.key === key).reduce((s, r) => s + r.n, 0);
  const registryTotal = registry.filter((r) => r.dim === 'sector').reduce((s, r) => s + r.n, 0);
  const lines: Line[] = [];
  const push = (dimension: Line['dimension'], key: string, label: string, c: number, r: number) =>
    lines.push({ dimension, key, label, chosen: c, chosenShare: share(c, chosen.length), registry: r, registryShare: share(r, registryTotal) });
  for (const s of SECTORS) push('sector', s, SECTOR_LABELS[s], chosen.filter((p) => p.sector === s).length, reg('sector', s));
  for (const s of SIZES) push('size', s, SIZE_LABELS[s], chosen.filter((p) => p.size === s).length, reg('size', s));
  for (const o of OWNERSHIPS) push('ownership', o, OWNERSHIP_LABELS[o], chosen.filter((p) => p.ownership === o).length, reg('ownership', o));
  const smallMicro = chosen.filter((p) => p.size === 'small' || p.size === 'micro').length;
  push('small_micro', 'small_micro', '小微企业', smallMicro, reg('size', 'small') + reg('size', 'micro'));
  push('struggling', 'struggling', '困难企业', chosen.filter((p) => p.struggling).length, reg('struggling', 'true'));
  const line = (d: Line['dimension'], k: string) => lines.find((l) => l.dimension === d && l.key === k)!;
  const warnings: string[] = [];
  // R2.2 especially private, small/micro and struggling: missing though the registry has them.
  if (chosen.length) {
    const miss = (l: Line, what: string) => {
      if (l.chosen === 0 && l.registry > 0) warnings.push(`所选企业中没有${what}（名录中有${l.registry}家），R2.2 要求调研覆盖${what}`);
    };
    miss(line('ownership', 'private'), '民营企业');
    miss(line('small_micro', 'small_micro'), '小微企业');
    miss(line('struggling', 'struggling'), '困难企业');
  }
  return { chosen: chosen.length, registry: registryTotal, lines, warnings };
}
