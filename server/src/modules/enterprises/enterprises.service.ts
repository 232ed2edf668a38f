// Enterprise registry (capability 2). Policy, decided here and stated in docs/ENTERPRISES.md:
//   - read (list, detail, export): every staff role of the tenant — leader, unit_staff, liaison,
//     unit_head, coordinator, intake, oversight. Not the admin roles (三权分立: business data) and
//     not enterprise users.
//   - create / edit / archive: intake and coordinator for the whole tenant; unit_head and
//     unit_staff for the enterprises their own unit supervises (and they register new ones only
//     under their own unit).
//   - import (Excel): intake and coordinator.
//   - full mobile numbers (个人信息保护法): masked (138****1234) everywhere by default. An explicit,
//     audited "reveal" returns them to intake and coordinator (they contact enterprises about
//     appeals), and to unit_head / unit_staff / liaison of the supervising unit. Exports are
//     masked except the rows the caller could reveal; an unmasked export is audited too.
import type { Role } from '../../../../shared/roles.ts';
import {
  ENTERPRISE_STATUS_LABELS,
  OWNERSHIP_LABELS,
  SECTOR_LABELS,
  SIZE_LABELS,
  SUB_SECTOR_LABELS,
  isMaskedMobile,
  maskMobile,
  type EnterpriseSize,
  type EnterpriseStatus,
  type Ownership,
  type Sector,
  type SubSector,
} from '../../../../shared/enterprises.ts';
import { enterprises } from '../../db/schema.ts';
import type { EnterpriseContact } from '../../db/schema.ts';
import { ownerOf, updateVersioned } from '../../db/versioned.ts';
import { cities, countiesOf, fullNameOf, getRegion, isCityCode } from '../../domain/regions/index.ts';
import { buildExport, buildTemplate, regionOption, type ExportRow } from './enterprises.excel.ts';
import { AppError, ErrorCode, forbidden, invalid, notFound } from '../../errors.ts';
import { audit, hasRole, withTx, type Actor, type AuthedCtx } from '../../lib/context.ts';
import type { DbOrTx } from '../../db/client.ts';
import { listUnits } from '../units/index.ts';
import { checkEnterprise, type EnterpriseValues, type TenantEnv } from './enterprises.rules.ts';
import {
  findByUscc,
  getEnterprise,
  insertEnterprise,
  listEnterprises,
  type EnterpriseFilter,
  type EnterpriseListRow,
  type EnterpriseRow,
} from './enterprises.repository.ts';

/** Policy resource 'enterprise': the registry record's tenant. */
export const owner = (db: DbOrTx, id: string) => ownerOf(db, enterprises, id);

export const READ_ROLES = ['leader', 'unit_staff', 'liaison', 'unit_head', 'coordinator', 'intake', 'oversight'] as const satisfies readonly Role[];
export const EDIT_ROLES = ['intake', 'coordinator', 'unit_head', 'unit_staff'] as const satisfies readonly Role[];
export const IMPORT_ROLES = ['intake', 'coordinator'] as const satisfies readonly Role[];
export const REVEAL_ROLES = ['intake', 'coordinator', 'unit_head', 'unit_staff', 'liaison'] as const satisfies readonly Role[];
const TENANT_WIDE: Role[] = ['intake', 'coordinator'];

const ownUnit = (actor: Actor, supervisingUnitId: string | null) => Boolean(actor.unitId && supervisingUnitId === actor.unitId);

export function canEdit(actor: Actor, e: { supervisingUnitId: string | null }) {
  if (hasRole(actor, ...TENANT_WIDE)) return true;
  return hasRole(actor, 'unit_head', 'unit_staff') && ownUnit(actor, e.supervisingUnitId);
}

export function canReveal(actor: Actor, e: { supervisingUnitId: string | null }) {
  if (hasRole(actor, ...TENANT_WIDE)) return true;
  return hasRole(actor, 'unit_head', 'unit_staff', 'liaison') && ownUnit(actor, e.supervisingUnitId);
}

const presentContacts = (contacts: EnterpriseContact[], reveal: boolean) =>
  contacts.map((c) => ({ id: c.id, name: c.name, post: c.post, mobile: reveal ? c.mobile : maskMobile(c.mobile), landline: c.landline }));

export function presentEnterprise(e: EnterpriseListRow, actor: Actor) {
  return {
    id: e.id,
    name: e.name,
    uscc: e.uscc,
    regionCode: e.regionCode,
    regionName: fullNameOf(e.regionCode) ?? e.regionCode,
    sector: e.sector,
    subSector: e.subSector,
    ownership: e.ownership,
    size: e.size,
    struggling: e.struggling,
    strugglingReason: e.strugglingReason,
    supervisingUnitId: e.supervisingUnitId,
    supervisingUnitName: e.unitName,
    address: e.address,
    status: e.status,
    tags: e.tags,
    contacts: presentContacts(e.contacts, false),
    archived: e.archived,
    version: e.version,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
    canEdit: canEdit(actor, e),
    canReveal: canReveal(actor, e),
  };
}

/** What an audit row keeps of a record: mobiles masked (the audit log is personal data too). */
const auditView = (e: EnterpriseRow) => ({
  name: e.name,
  uscc: e.uscc,
  regionCode: e.regionCode,
  sector: e.sector,
  subSector: e.subSector,
  ownership: e.ownership,
  size: e.size,
  struggling: e.struggling,
  strugglingReason: e.strugglingReason,
  supervisingUnitId: e.supervisingUnitId,
  address: e.address,
  status: e.status,
  tags: e.tags,
  contacts: presentContacts(e.contacts, false),
  archived: e.archived,
});

export async function tenantEnv(db: DbOrTx, actor: Pick<Actor, 'tenantId' | 'tenantKind' | 'tenantCode'>): Promise<TenantEnv> {
  const us = await listUnits(db, actor.tenantId, false);
  return { tenantKind: actor.tenantKind, tenantCode: actor.tenantCode, unitIds: new Set(us.map((u) => u.id)) };
}

export type ListQuery = Omit<EnterpriseFilter, 'tenantId'> & { page: number; pageSize: number };

export async function list(ctx: AuthedCtx, q: ListQuery) {
  const { page, pageSize, ...f } = q;
  const r = await listEnterprises(ctx.db, { ...f, tenantId: ctx.actor.tenantId }, { limit: pageSize, offset: (page - 1) * pageSize });
  return { items: r.items.map((e) => presentEnterprise(e, ctx.actor)), total: r.total };
}

export async function get(ctx: AuthedCtx, id: string) {
  const e = await getEnterprise(ctx.db, ctx.actor.tenantId, id);
  if (!e) throw notFound('企业');
  return presentEnterprise(e, ctx.actor);
}

export type ContactInput = { id?: string; name: string; post?: string | null; mobile?: string | null; landline?: string | null };
export type EnterpriseInput = Omit<
  EnterpriseValues,
  'contacts' | 'subSector' | 'strugglingReason' | 'supervisingUnitId' | 'address' | 'tags' | 'status' | 'struggling'
> & {
  subSector?: EnterpriseValues['subSector'];
  strugglingReason?: string | null;
  supervisingUnitId?: string | null;
  address?: string | null;
  tags?: string[];
  status?: EnterpriseValues['status'];
  struggling?: boolean;
  contacts?: ContactInput[];
};

const duplicate = (name: string) => invalid({ uscc: `本单位已登记该统一社会信用代码的企业「${name}」` });

/** Contacts from a form: a masked mobile of an existing contact means "unchanged". */
function mergeContacts(input: ContactInput[], stored: EnterpriseContact[]): { contacts: EnterpriseContact[]; problems: Record<string, string> } {
  const byId = new Map(stored.map((c) => [c.id, c]));
  const problems: Record<string, string> = {};
  const contacts = input.map((c, i) => {
    const old = c.id ? byId.get(c.id) : undefined;
    let mobile = c.mobile ?? null;
    if (mobile && isMaskedMobile(mobile)) {
      if (old && maskMobile(old.mobile) === mobile) mobile = old.mobile;
      else problems[`contacts.${i}.mobile`] = '请填写完整的手机号码';
    }
    return { id: old?.id ?? '', name: c.name, post: c.post ?? null, mobile, landline: c.landline ?? null };
  });
  return { contacts, problems };
}

export async function create(ctx: AuthedCtx, input: EnterpriseInput) {
  const actor = ctx.actor;
  let supervisingUnitId = input.supervisingUnitId ?? null;
  if (!hasRole(actor, ...TENANT_WIDE)) {
    // unit_head / unit_staff register enterprises under their own unit only.
    if (!actor.unitId) throw forbidden('未指定所在处室，不能登记企业');
    if (supervisingUnitId && supervisingUnitId !== actor.unitId) throw invalid({ supervisingUnitId: '只能登记本处室监管的企业' });
    supervisingUnitId = actor.unitId;
  }
  const { contacts, problems: cp } = mergeContacts(input.contacts ?? [], []);
  return withTx(ctx, async (tx) => {
    const env = await tenantEnv(tx, actor);
    const { value, problems } = checkEnterprise(
      {
        name: input.name,
        uscc: input.uscc,
        regionCode: input.regionCode,
        sector: input.sector,
        subSector: input.subSector ?? null,
        ownership: input.ownership,
        size: input.size,
        struggling: input.struggling ?? false,
        strugglingReason: input.strugglingReason ?? null,
        supervisingUnitId,
        address: input.address ?? null,
        status: input.status ?? 'operating',
        tags: input.tags ?? [],
        contacts,
      },
      env,
    );
    const all = { ...cp, ...problems };
    if (Object.keys(all).length) throw invalid(all);
    const same = await findByUscc(tx, actor.tenantId, value.uscc);
    if (same) throw duplicate(same.name);
    const row = await insertEnterprise(tx, { ...value, tenantId: actor.tenantId });
    await audit(tx, ctx, { action: 'enterprise.create', entity: 'enterprise', entityId: row.id, summary: `登记企业「${row.name}」`, after: auditView(row) });
    return presentEnterprise((await getEnterprise(tx, actor.tenantId, row.id))!, actor);
  });
}

export type EnterprisePatch = Partial<EnterpriseInput> & { version: number; archived?: boolean };

export async function update(ctx: AuthedCtx, id: string, input: EnterprisePatch) {
  const actor = ctx.actor;
  const { version, archived, contacts: contactInput, ...patch } = input;
  return withTx(ctx, async (tx) => {
    const current = await getEnterprise(tx, actor.tenantId, id);
    if (!current) throw notFound('企业');
    if (!canEdit(actor, current)) throw forbidden('只能修改本处室监管的企业');
    if (!hasRole(actor, ...TENANT_WIDE) && patch.supervisingUnitId !== undefined && patch.supervisingUnitId !== actor.unitId) {
      throw invalid({ supervisingUnitId: '不能把企业改由其他处室监管，请联系办公室或政策法规处' });
    }
    const { contacts, problems: cp } = contactInput ? mergeContacts(contactInput, current.contacts) : { contacts: current.contacts, problems: {} };
    const merged: EnterpriseValues = {
      name: patch.name ?? current.name,
      uscc: patch.uscc ?? current.uscc,
      regionCode: patch.regionCode ?? current.regionCode,
      sector: (patch.sector ?? current.sector) as EnterpriseValues['sector'],
      subSector: (patch.subSector !== undefined ? patch.subSector : current.subSector) as EnterpriseValues['subSector'],
      ownership: (patch.ownership ?? current.ownership) as EnterpriseValues['ownership'],
      size: (patch.size ?? current.size) as EnterpriseValues['size'],
      struggling: patch.struggling ?? current.struggling,
      strugglingReason: patch.strugglingReason !== undefined ? patch.strugglingReason : current.strugglingReason,
      supervisingUnitId: patch.supervisingUnitId !== undefined ? patch.supervisingUnitId : current.supervisingUnitId,
      address: patch.address !== undefined ? patch.address : current.address,
      status: (patch.status ?? current.status) as EnterpriseValues['status'],
      tags: patch.tags ?? current.tags,
      contacts,
    };
    const env = await tenantEnv(tx, actor);
    // A unit that was archived after the record was registered does not block unrelated edits.
    if (current.supervisingUnitId && merged.supervisingUnitId === current.supervisingUnitId) env.unitIds.add(current.supervisingUnitId);
    const { value, problems } = checkEnterprise(merged, env);
    const all = { ...cp, ...problems };
    if (Object.keys(all).length) throw invalid(all);
    if (value.uscc !== current.uscc) {
      const same = await findByUscc(tx, actor.tenantId, value.uscc);
      if (same && same.id !== id) throw duplicate(same.name);
    }
    const set: Record<string, unknown> = { ...value };
    if (archived !== undefined) set.archived = archived;
    // The 409 shows the current record exactly as GET /api/enterprises/:id does (issue 12).
    const { before, after } = await updateVersioned(tx, enterprises, { id, tenantId: actor.tenantId, version }, set, '企业', async () =>
      presentEnterprise((await getEnterprise(tx, actor.tenantId, id))!, actor),
    );
    const action = after.archived && !before.archived ? 'enterprise.archive' : !after.archived && before.archived ? 'enterprise.restore' : 'enterprise.update';
    const verb = action === 'enterprise.archive' ? '归档' : action === 'enterprise.restore' ? '恢复' : '修改';
    await audit(tx, ctx, {
      action,
      entity: 'enterprise',
      entityId: id,
      summary: `${verb}企业「${after.name}」`,
      before: auditView(before),
      after: auditView(after),
    });
    return presentEnterprise((await getEnterprise(tx, actor.tenantId, id))!, actor);
  });
}

/** The audited reveal of full mobile numbers (个人信息保护法). */
export async function revealContacts(ctx: AuthedCtx, id: string) {
  return withTx(ctx, async (tx) => {
    const e = await getEnterprise(tx, ctx.actor.tenantId, id);
    if (!e) throw notFound('企业');
    if (!canReveal(ctx.actor, e)) throw forbidden('无权查看完整手机号码：仅办公室、政策法规处和监管处室可查看');
    await audit(tx, ctx, {
      action: 'enterprise.contacts_reveal',
      entity: 'enterprise',
      entityId: id,
      summary: `查看企业「${e.name}」联系人完整手机号码（${e.contacts.filter((c) => c.mobile).length}个）`,
    });
    return { contacts: presentContacts(e.contacts, true) };
  });
}

export function conflict(message: string) {
  return new AppError(ErrorCode.CONFLICT, message);
}

// ---------------------------------------------------------------- Excel: template, export

export const EXPORT_MAX_ROWS = 100_000;

export async function template(ctx: AuthedCtx) {
  const us = await listUnits(ctx.db, ctx.actor.tenantId, false);
  return buildTemplate({ tenantKind: ctx.actor.tenantKind, tenantCode: ctx.actor.tenantCode, unitNames: us.map((u) => u.name) });
}

/** Export of the current filter; mobiles masked except rows the caller may reveal (audited). */
export async function exportXlsx(ctx: AuthedCtx, f: Omit<EnterpriseFilter, 'tenantId'>) {
  const r = await listEnterprises(ctx.db, { ...f, tenantId: ctx.actor.tenantId }, { limit: EXPORT_MAX_ROWS, offset: 0 });
  if (r.total > EXPORT_MAX_ROWS)
    throw invalid({ _: `导出结果超过 ${EXPORT_MAX_ROWS} 家，请缩小筛选范围` }, `导出结果超过 ${EXPORT_MAX_ROWS} 家，请缩小筛选范围`);
  let unmasked = 0;
  const rows: ExportRow[] = r.items.map((e) => {
    const reveal = canReveal(ctx.actor, e) && e.contacts.some((c) => c.mobile);
    if (reveal) unmasked++;
    const cs = presentContacts(e.contacts, reveal);
    const [first, ...others] = cs;
    return {
      name: e.name,
      uscc: e.uscc,
      region: regionOption(e.regionCode),
      sector: SECTOR_LABELS[e.sector as Sector] ?? e.sector,
      subSector: e.subSector ? (SUB_SECTOR_LABELS[e.subSector as SubSector] ?? e.subSector) : '',
      ownership: OWNERSHIP_LABELS[e.ownership as Ownership] ?? e.ownership,
      size: SIZE_LABELS[e.size as EnterpriseSize] ?? e.size,
      status: ENTERPRISE_STATUS_LABELS[e.status as EnterpriseStatus] ?? e.status,
      struggling: e.struggling ? '是' : '否',
      strugglingReason: e.strugglingReason ?? '',
      unit: e.unitName ?? '',
      address: e.address ?? '',
      tags: e.tags.join('、'),
      contactName: first?.name ?? '',
      contactPost: first?.post ?? '',
      contactMobile: first?.mobile ?? '',
      contactLandline: first?.landline ?? '',
      otherContacts: others.map((c) => [c.name, c.post, c.mobile, c.landline].filter(Boolean).join(' ')).join('；'),
      archived: e.archived,
    };
  });
  const buf = await buildExport(rows);
  await withTx(ctx, (tx) =>
    audit(tx, ctx, {
      action: 'enterprise.export',
      entity: 'enterprise',
      summary: `导出企业名录 ${rows.length} 家${unmasked ? `（其中 ${unmasked} 家含完整手机号码）` : '（手机号码已脱敏）'}`,
      after: { filter: f, count: rows.length, unmasked },
    }),
  );
  return buf;
}

/** Region choices for this tenant (a city: its counties; the province: all 16 cities). */
export function meta(ctx: AuthedCtx) {
  const { tenantKind, tenantCode } = ctx.actor;
  const cityList = tenantKind === 'city' && isCityCode(tenantCode) ? [getRegion(tenantCode)!] : cities;
  return {
    regions: cityList.map((c) => ({ code: c.code, name: c.name, counties: countiesOf(c.code).map((r) => ({ code: r.code, name: r.name })) })),
    canImport: hasRole(ctx.actor, ...IMPORT_ROLES),
    canCreate: hasRole(ctx.actor, ...EDIT_ROLES),
  };
}
