// Enterprise import, row level: every spreadsheet row validated into an ImportRecord or a list of
// errors (row, column, Chinese message), and the field-by-field diff against a stored enterprise.
// No database access; enterprises.import.ts runs these inside the import job.
import crypto from 'node:crypto';
import {
  ENTERPRISE_STATUS_LABELS,
  OWNERSHIP_LABELS,
  SECTOR_LABELS,
  SIZE_LABELS,
  SUB_SECTOR_LABELS,
  maskMobile,
  type EnterpriseStatus,
} from '../../../../shared/enterprises.ts';
import { fullNameOf, getRegion, regions } from '../../domain/regions/index.ts';
import { cutText, textProblem } from '../../../../shared/text.ts';
import { COLUMN_HEADER, type ColumnKey, type RawRow } from './enterprises.excel.ts';
import { LANDLINE_RE, MOBILE_RE, checkEnterprise, type EnterpriseValues, type TenantEnv } from './enterprises.rules.ts';
import type { findByUsccs } from './enterprises.repository.ts';

export type RowError = { row: number; column: string; message: string };

/** One valid row, in the shape jsonb_to_recordset reads (null = empty optional cell). */
export type ImportRecord = {
  row: number;
  name: string;
  uscc: string;
  region_code: string;
  sector: string;
  sub_sector: string | null;
  ownership: string;
  size: string;
  status: string | null;
  struggling: boolean | null;
  struggling_reason: string | null;
  supervising_unit_id: string | null;
  address: string | null;
  tags: string[] | null;
  contact: { id: string; name: string; post: string | null; mobile: string | null; landline: string | null } | null;
};

export type FieldChange = { column: string; before: string; after: string };
export type RowChange = { row: number; uscc: string; name: string; archived: boolean; fields: FieldChange[] };

export type ImportSummary = {
  rows: number;
  valid: number;
  invalid: number;
  newCount: number;
  existing: number;
  existingChanged: number;
  inserted?: number;
  updated?: number;
  skipped?: number;
  unchanged?: number;
  confirmedBy?: { id: string; name: string; ip: string; requestId: string };
  sheet?: string;
};

export const invert = (m: Record<string, string>) => new Map(Object.entries(m).map(([k, v]) => [v, k]));
export const SECTOR_BY_LABEL = invert(SECTOR_LABELS);
export const SUB_BY_LABEL = invert(SUB_SECTOR_LABELS);
export const OWNERSHIP_BY_LABEL = invert(OWNERSHIP_LABELS);
export const SIZE_BY_LABEL = new Map([...invert(SIZE_LABELS), ['大', 'large'], ['中', 'medium'], ['小', 'small'], ['微', 'micro']]);
export const STATUS_BY_LABEL = invert(ENTERPRISE_STATUS_LABELS);
export const counties = regions.filter((r) => r.level === 'county');
export const COUNTY_BY_FULLNAME = new Map(counties.map((r) => [fullNameOf(r.code)!, r.code]));
export const COUNTY_BY_NAME = new Map<string, string[]>();
for (const r of counties) COUNTY_BY_NAME.set(r.name, [...(COUNTY_BY_NAME.get(r.name) ?? []), r.code]);

/** "370102 济南市历下区", "370102", "济南市历下区", "山东省济南市历下区" or an unambiguous "历下区". */
export function parseRegion(text: string): { code?: string; error?: string } {
  const t = text.replace(/\s+/g, ' ').trim();
  const m = /^(\d{6})(?:\s|$)/.exec(t);
  if (m) return getRegion(m[1])?.level === 'county' ? { code: m[1] } : { error: `“${m[1]}”不是山东省县级行政区划代码` };
  const name = t.replace(/^山东省/, '');
  const full = COUNTY_BY_FULLNAME.get(name);
  if (full) return { code: full };
  const byName = COUNTY_BY_NAME.get(name);
  if (byName?.length === 1) return { code: byName[0] };
  if (byName && byName.length > 1) return { error: `“${name}”有重名，请写明所属市（如 ${byName.map((c) => fullNameOf(c)).join('、')}）或从下拉列表选择` };
  return { error: `无法识别的区县“${cutText(t, 30, '…')}”，请从下拉列表选择` };
}

const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export const TAG_SPLIT = /[、,，;；\s]+/;

/** Field path of the rules module → template column. */
export function columnOf(field: string): string {
  if (field === 'regionCode') return COLUMN_HEADER.region;
  if (field === 'supervisingUnitId') return COLUMN_HEADER.unit;
  if (field.startsWith('contacts.')) {
    const sub = field.split('.')[2];
    return sub === 'mobile'
      ? COLUMN_HEADER.contactMobile
      : sub === 'landline'
        ? COLUMN_HEADER.contactLandline
        : sub === 'post'
          ? COLUMN_HEADER.contactPost
          : COLUMN_HEADER.contactName;
  }
  return COLUMN_HEADER[field as ColumnKey] ?? field;
}

export type ValidateEnv = TenantEnv & { units: { id: string; name: string; shortName: string | null }[] };

/** Validates every row; a row is either valid (one record) or listed with all its problems. */
export function validateRows(raw: RawRow[], env: ValidateEnv, onProgress?: (done: number) => void) {
  const unitByName = new Map<string, string>();
  for (const u of env.units) {
    unitByName.set(u.name, u.id);
    if (u.shortName && !unitByName.has(u.shortName)) unitByName.set(u.shortName, u.id);
  }
  const valid: ImportRecord[] = [];
  const errors: RowError[] = [];
  const firstRowOf = new Map<string, number>();
  raw.forEach((r, i) => {
    if (onProgress && i > 0 && i % 2000 === 0) onProgress(i);
    const errs: RowError[] = [];
    const bad = (key: ColumnKey, message: string) => errs.push({ row: r.row, column: COLUMN_HEADER[key], message });
    // Issue 12 item 8: a cell with a lone surrogate or a control character is this row's error (the
    // job's JSON and the table refuse such text); the rest of the row is checked on the cell made
    // well-formed, so messages that quote it are storable.
    const c = { ...r.cells };
    for (const key of Object.keys(c) as ColumnKey[]) {
      const v = c[key];
      const problem = v ? textProblem(v) : null;
      if (!problem) continue;
      bad(key, `${COLUMN_HEADER[key]}${problem}`);
      c[key] = v!.toWellFormed().replace(CONTROL_CHARS, '');
    }
    const pick = <T>(key: ColumnKey, map: Map<string, T>, what: string): T | null => {
      const v = c[key];
      if (!v) return null;
      const hit = map.get(v);
      if (hit === undefined) bad(key, `“${cutText(v, 20, '…')}”不是有效的${what}，可选：${[...map.keys()].filter((k) => k.length > 1).join('、')}`);
      return hit ?? null;
    };
    for (const key of ['name', 'uscc', 'region', 'sector', 'ownership', 'size'] as ColumnKey[]) if (!c[key]) bad(key, `${COLUMN_HEADER[key]}不能为空`);
    let regionCode = '';
    if (c.region) {
      const p = parseRegion(c.region);
      if (p.error) bad('region', p.error);
      else regionCode = p.code!;
    }
    const sector = pick('sector', SECTOR_BY_LABEL, '行业');
    const subSector = pick('subSector', SUB_BY_LABEL, '工贸细分行业');
    const ownership = pick('ownership', OWNERSHIP_BY_LABEL, '经济类型');
    const size = pick('size', SIZE_BY_LABEL, '企业规模');
    const status = pick('status', STATUS_BY_LABEL, '经营状态');
    const struggling = pick(
      'struggling',
      new Map([
        ['是', true],
        ['否', false],
      ]),
      '困难企业标记（是/否）',
    );
    let unitId: string | null = null;
    if (c.unit) {
      unitId = unitByName.get(c.unit) ?? null;
      if (!unitId) bad('unit', `本单位没有名为“${cutText(c.unit, 30, '…')}”的处室`);
    }
    const tags = c.tags ? c.tags.split(TAG_SPLIT).filter(Boolean) : null;
    const hasContact = Boolean(c.contactName || c.contactPost || c.contactMobile || c.contactLandline);
    if (hasContact && !c.contactName) {
      bad('contactName', '填写了联系方式时须填写联系人姓名');
      if (c.contactMobile && !MOBILE_RE.test(c.contactMobile)) bad('contactMobile', '手机号码格式不正确（11位，1开头）');
      if (c.contactLandline && !LANDLINE_RE.test(c.contactLandline)) bad('contactLandline', '固定电话格式不正确（如 0531-86081234）');
    }
    const contact = c.contactName
      ? { id: crypto.randomUUID(), name: c.contactName, post: c.contactPost ?? null, mobile: c.contactMobile ?? null, landline: c.contactLandline ?? null }
      : null;

    const values: EnterpriseValues = {
      name: c.name ?? '',
      uscc: c.uscc ?? '',
      regionCode,
      sector: (sector ?? 'hazchem') as EnterpriseValues['sector'],
      subSector: subSector as EnterpriseValues['subSector'],
      ownership: (ownership ?? 'other') as EnterpriseValues['ownership'],
      size: (size ?? 'small') as EnterpriseValues['size'],
      struggling: struggling ?? false,
      strugglingReason: c.strugglingReason ?? null,
      supervisingUnitId: unitId,
      address: c.address ?? null,
      status: (status ?? 'operating') as EnterpriseStatus,
      tags: tags ?? [],
      contacts: contact ? [contact] : [],
    };
    const { value, problems } = checkEnterprise(values, env);
    for (const [field, message] of Object.entries(problems)) {
      const column = columnOf(field);
      // Blank required cells and unknown labels are already reported in their own words.
      if (errs.some((e) => e.column === column)) continue;
      if (field === 'regionCode' && !c.region) continue;
      if (field === 'uscc' && !c.uscc) continue;
      if (field === 'name' && !c.name) continue;
      if (field === 'subSector' && sector === null) continue;
      errs.push({ row: r.row, column, message });
    }
    if (!errs.length) {
      const first = firstRowOf.get(value.uscc);
      if (first !== undefined) errs.push({ row: r.row, column: COLUMN_HEADER.uscc, message: `与第${first}行的统一社会信用代码重复` });
      else firstRowOf.set(value.uscc, r.row);
    }
    if (errs.length) {
      errors.push(...errs);
      return;
    }
    valid.push({
      row: r.row,
      name: value.name,
      uscc: value.uscc,
      region_code: value.regionCode,
      sector: value.sector,
      sub_sector: value.subSector,
      ownership: value.ownership,
      size: value.size,
      status,
      struggling,
      struggling_reason: struggling ? value.strugglingReason : null,
      supervising_unit_id: unitId,
      address: value.address,
      tags: tags ? value.tags : null,
      contact: value.contacts[0] ?? null,
    });
  });
  onProgress?.(raw.length);
  return { valid, errors };
}

export type Existing = Awaited<ReturnType<typeof findByUsccs>>[number];

export const contactText = (c: { name: string; post: string | null; mobile: string | null; landline: string | null }) =>
  [c.name, c.post, maskMobile(c.mobile), c.landline].filter(Boolean).join(' ');

/** What an update would change, in the words of the template (mirrors the SQL in commitRows). */
export function diffForUpdate(e: Existing, r: ImportRecord, unitName: (id: string | null) => string): FieldChange[] {
  const out: FieldChange[] = [];
  const add = (key: ColumnKey, before: string, after: string) => {
    if (before !== after) out.push({ column: COLUMN_HEADER[key], before, after });
  };
  const lbl = (m: Record<string, string>, v: string | null) => (v ? (m[v] ?? v) : '');
  add('name', e.name, r.name);
  add('region', fullNameOf(e.region_code) ?? e.region_code, fullNameOf(r.region_code) ?? r.region_code);
  add('sector', lbl(SECTOR_LABELS, e.sector), lbl(SECTOR_LABELS, r.sector));
  add('subSector', lbl(SUB_SECTOR_LABELS, e.sub_sector), lbl(SUB_SECTOR_LABELS, r.sub_sector));
  add('ownership', lbl(OWNERSHIP_LABELS, e.ownership), lbl(OWNERSHIP_LABELS, r.ownership));
  add('size', lbl(SIZE_LABELS, e.size), lbl(SIZE_LABELS, r.size));
  if (r.status) add('status', lbl(ENTERPRISE_STATUS_LABELS, e.status), lbl(ENTERPRISE_STATUS_LABELS, r.status));
  if (r.struggling !== null) {
    add('struggling', e.struggling ? '是' : '否', r.struggling ? '是' : '否');
    add('strugglingReason', e.struggling_reason ?? '', r.struggling ? (r.struggling_reason ?? '') : '');
  }
  if (r.supervising_unit_id) add('unit', unitName(e.supervising_unit_id), unitName(r.supervising_unit_id));
  if (r.address) add('address', e.address ?? '', r.address);
  if (r.tags) add('tags', e.tags.join('、'), r.tags.join('、'));
  if (r.contact) {
    const old = e.contacts.find((c) => c.name === r.contact!.name);
    const before = old ? contactText(old) : '';
    const after = contactText(r.contact);
    if (before !== after || e.contacts[0]?.name !== r.contact.name) out.push({ column: COLUMN_HEADER.contactName, before: before || '（无此联系人）', after });
  }
  return out;
}
