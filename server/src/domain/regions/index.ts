// Shandong administrative divisions (GB/T 2260, code list as of 2023/2024):
// the province, its 16 prefecture-level cities (one tenant each) and their 136
// county-level divisions (市辖区, 县, 县级市). Statistical-only areas such as
// development zones (e.g. 370171) and the "市辖区" placeholder codes (xx01) are not included.

import data from './shandong.json' with { type: 'json' };

export type RegionLevel = 'province' | 'city' | 'county';

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  /** Parent region code; null for the province. */
  parent: string | null;
}

export const PROVINCE_CODE = '370000';

export const regions: readonly Region[] = Object.freeze((data as Region[]).map((r) => Object.freeze({ ...r })));

const byCode = new Map<string, Region>(regions.map((r) => [r.code, r]));

export const cities: readonly Region[] = regions.filter((r) => r.level === 'city');

const countiesByCity = new Map<string, Region[]>();
for (const r of regions) {
  if (r.level !== 'county' || r.parent === null) continue;
  const list = countiesByCity.get(r.parent) ?? [];
  list.push(r);
  countiesByCity.set(r.parent, list);
}
for (const list of countiesByCity.values()) Object.freeze(list);

export function getRegion(code: string): Region | undefined {
  return byCode.get(code);
}

export function isCountyCode(code: string): boolean {
  return byCode.get(code)?.level === 'county';
}

export function isCityCode(code: string): boolean {
  return byCode.get(code)?.level === 'city';
}

/**
 * The prefecture-level city code for a county-level code (a city code maps to itself).
 * Null for the province code and for codes not in the list.
 */
export function cityOf(countyCode: string): string | null {
  const r = byCode.get(countyCode);
  if (!r) return null;
  if (r.level === 'city') return r.code;
  if (r.level === 'county') return r.parent;
  return null;
}

/** County-level divisions of a city, in code order; empty for unknown codes. */
export function countiesOf(cityCode: string): readonly Region[] {
  return countiesByCity.get(cityCode) ?? [];
}

/** "济南市历下区"-style full name without the province; undefined for unknown codes. */
export function fullNameOf(code: string): string | undefined {
  const r = byCode.get(code);
  if (!r) return undefined;
  if (r.level === 'county' && r.parent) return `${byCode.get(r.parent)?.name ?? ''}${r.name}`;
  return r.name;
}
