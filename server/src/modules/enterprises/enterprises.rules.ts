// The rules a registry record must satisfy, shared by the API (create/edit) and the Excel import,
// so both refuse the same things with the same Chinese messages. Pure: no database access; the
// caller passes what it knows about the tenant (its kind and code, its active units).
//
// Tenancy (decided for capability 2): an enterprise belongs to the tenant that registers it.
//   - a city bureau registers enterprises located in its city: cityOf(regionCode) must be the
//     tenant's code (the "default = the city of the region" rule, enforced);
//   - the province registers the enterprises it supervises directly (省直接监管): any Shandong
//     county. Those are provincial records; the city bureau of that region does not see them, and
//     may keep its own record of the same enterprise (the USCC is unique per tenant only).
//   - tenants whose code is not a GB/T 2260 city code (test tenants) are not region-restricted.
import crypto from 'node:crypto';
import {
  ENTERPRISE_STATUSES,
  MAX_CONTACTS,
  MAX_TAGS,
  OWNERSHIPS,
  SECTORS,
  SIZES,
  SUB_SECTORS,
  type EnterpriseSize,
  type EnterpriseStatus,
  type Ownership,
  type Sector,
  type SubSector,
} from '../../../../shared/enterprises.ts';
import type { EnterpriseContact } from '../../db/schema.ts';
import { checkUscc } from '../../domain/uscc.ts';
import { cutText, textProblem as charProblem, textLength } from '../../../../shared/text.ts';
import { cityOf, fullNameOf, isCityCode, isCountyCode } from '../../domain/regions/index.ts';

export type EnterpriseValues = {
  name: string;
  uscc: string;
  regionCode: string;
  sector: Sector;
  subSector: SubSector | null;
  ownership: Ownership;
  size: EnterpriseSize;
  struggling: boolean;
  strugglingReason: string | null;
  supervisingUnitId: string | null;
  address: string | null;
  status: EnterpriseStatus;
  tags: string[];
  contacts: EnterpriseContact[];
};

export type TenantEnv = {
  tenantKind: 'province' | 'city';
  tenantCode: string;
  /** Active units of the tenant. */
  unitIds: Set<string>;
};

export const MOBILE_RE = /^1[3-9]\d{9}$/;
export const LANDLINE_RE = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;

/** Field labels as the template and messages name them. */
export const FIELD_LABELS: Record<string, string> = {
  name: '企业名称',
  uscc: '统一社会信用代码',
  regionCode: '所属区县',
  sector: '行业',
  subSector: '工贸细分行业',
  ownership: '经济类型',
  size: '企业规模',
  status: '经营状态',
  struggling: '困难企业',
  strugglingReason: '困难原因',
  supervisingUnitId: '监管处室',
  address: '地址',
  tags: '标签',
  contacts: '联系人',
};

function textProblem(v: string | null, max: number, required: boolean, min = 1): string | null {
  if (v === null || v === '') return required ? '不能为空' : null;
  // Issue 12 item 8: lone surrogates and control characters refused; lengths in code points.
  const chars = charProblem(v);
  if (chars) return chars;
  const n = textLength(v);
  if (n < min) return `至少${min}个字符`;
  if (n > max) return `不能超过${max}个字符`;
  return null;
}

/** Region rule for a tenant (see the header). */
export function regionProblem(regionCode: string, env: Pick<TenantEnv, 'tenantKind' | 'tenantCode'>): string | null {
  if (!isCountyCode(regionCode)) return '所属区县须为山东省县级行政区划代码（GB/T 2260，如 370102 历下区）';
  if (env.tenantKind === 'city' && isCityCode(env.tenantCode) && cityOf(regionCode) !== env.tenantCode) {
    return `${fullNameOf(regionCode)}不在本市（${fullNameOf(env.tenantCode)}）辖区内，市级只能登记本市企业`;
  }
  return null;
}

/**
 * Normalizes and checks a full record. Returns the cleaned values and per-field Chinese messages
 * (empty when valid). Keys of `problems` are API field paths (`contacts.0.mobile`).
 */
export function checkEnterprise(input: EnterpriseValues, env: TenantEnv): { value: EnterpriseValues; problems: Record<string, string> } {
  const p: Record<string, string> = {};
  const v: EnterpriseValues = {
    ...input,
    name: input.name.trim(),
    address: input.address?.trim() || null,
    strugglingReason: input.struggling ? input.strugglingReason?.trim() || null : null,
    tags: [...new Set(input.tags.map((t) => t.trim()).filter(Boolean))],
    contacts: input.contacts.map((c) => ({
      id: c.id || crypto.randomUUID(),
      name: c.name.trim(),
      post: c.post?.trim() || null,
      mobile: c.mobile?.trim() || null,
      landline: c.landline?.trim() || null,
    })),
  };

  const nameP = textProblem(v.name, 100, true, 2);
  if (nameP) p.name = `企业名称${nameP}`;

  const u = checkUscc(input.uscc ?? '');
  if (!u.valid) p.uscc = u.error!;
  else v.uscc = u.normalized!;

  const r = regionProblem(v.regionCode, env);
  if (r) p.regionCode = r;

  if (!SECTORS.includes(v.sector)) p.sector = '行业须为 危险化学品、非煤矿山、工贸 之一';
  if (v.sector === 'industry') {
    if (!v.subSector) p.subSector = '工贸企业须选择细分行业（冶金、有色、建材、机械、轻工、纺织、烟草、商贸）';
    else if (!SUB_SECTORS.includes(v.subSector)) p.subSector = '细分行业不正确';
  } else if (v.subSector) {
    p.subSector = '只有工贸企业填写细分行业';
  }
  if (!OWNERSHIPS.includes(v.ownership)) p.ownership = '经济类型须为 国有、民营、外资、港澳台、集体、其他 之一';
  if (!SIZES.includes(v.size)) p.size = '企业规模须为 大型、中型、小型、微型 之一';
  if (!ENTERPRISE_STATUSES.includes(v.status)) p.status = '经营状态须为 在营、停产、关闭 之一';

  if (v.struggling) {
    const rp = textProblem(v.strugglingReason, 200, true);
    if (rp) p.strugglingReason = rp === '不能为空' ? '困难企业须填写困难原因' : `困难原因${rp}`;
  }
  if (v.supervisingUnitId && !env.unitIds.has(v.supervisingUnitId)) p.supervisingUnitId = '监管处室不存在或已归档';

  const ap = textProblem(v.address, 200, false);
  if (ap) p.address = `地址${ap}`;

  if (v.tags.length > MAX_TAGS) p.tags = `标签最多${MAX_TAGS}个`;
  else {
    const bad = v.tags.find((t) => textProblem(t, 20, true));
    if (bad !== undefined) p.tags = `标签“${cutText(bad.toWellFormed(), 20, '…')}”${textProblem(bad, 20, true)}`;
  }

  if (v.contacts.length > MAX_CONTACTS) p.contacts = `联系人最多${MAX_CONTACTS}位`;
  v.contacts.forEach((c, i) => {
    const np = textProblem(c.name, 20, true);
    if (np) p[`contacts.${i}.name`] = `联系人姓名${np}`;
    const pp = textProblem(c.post, 30, false);
    if (pp) p[`contacts.${i}.post`] = `职务${pp}`;
    if (c.mobile && !MOBILE_RE.test(c.mobile)) p[`contacts.${i}.mobile`] = '手机号码格式不正确（11位，1开头）';
    if (c.landline && !LANDLINE_RE.test(c.landline)) p[`contacts.${i}.landline`] = '固定电话格式不正确（如 0531-86081234）';
  });
  return { value: v, problems: p };
}
