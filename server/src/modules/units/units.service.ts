// Units (处室、单位) of a tenant. Only sysadmin changes them (三权分立); archived instead of deleted.
import type { Sector, UnitKind } from '../../../../shared/roles.ts';
import type { DbOrTx } from '../../db/client.ts';
import { ownerOf, updateVersioned } from '../../db/versioned.ts';
import { units } from '../../db/schema.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { audit, withTx, type AuthedCtx } from '../../lib/context.ts';
import { findUnitByName, insertUnit, listUnits, type UnitRow } from './units.repository.ts';

/** Policy resource 'unit': the unit's tenant. */
export const owner = (db: DbOrTx, id: string) => ownerOf(db, units, id);

export type UnitInput = { name: string; shortName?: string | null; kind: UnitKind; sectors: Sector[]; duties: string; sortOrder?: number };

export const presentUnit = (u: UnitRow) => ({
  id: u.id,
  tenantId: u.tenantId,
  name: u.name,
  shortName: u.shortName,
  kind: u.kind as UnitKind,
  sectors: u.sectors as Sector[],
  duties: u.duties,
  sortOrder: u.sortOrder,
  archived: u.archived,
  version: u.version,
});

export async function list(ctx: AuthedCtx, includeArchived: boolean) {
  const rows = await listUnits(ctx.db, ctx.actor.tenantId, includeArchived);
  return { items: rows.map(presentUnit), total: rows.length };
}

const duplicateName = () => new AppError(ErrorCode.VALIDATION_FAILED, undefined, { fields: { name: '本单位已有同名处室' } });

export async function create(ctx: AuthedCtx, input: UnitInput) {
  return withTx(ctx, async (tx) => {
    if (await findUnitByName(tx, ctx.actor.tenantId, input.name)) throw duplicateName();
    const row = await insertUnit(tx, { ...input, tenantId: ctx.actor.tenantId });
    await audit(tx, ctx, { action: 'unit.create', entity: 'unit', entityId: row.id, summary: `新增处室「${row.name}」`, after: presentUnit(row) });
    return presentUnit(row);
  });
}

export async function update(ctx: AuthedCtx, id: string, input: Partial<UnitInput> & { version: number; archived?: boolean }) {
  const { version, ...set } = input;
  return withTx(ctx, async (tx) => {
    if (set.name) {
      const same = await findUnitByName(tx, ctx.actor.tenantId, set.name);
      if (same && same.id !== id) throw duplicateName();
    }
    // The 409 shows the unit as GET /api/units lists it.
    const { before, after } = await updateVersioned(tx, units, { id, tenantId: ctx.actor.tenantId, version }, set, '处室', presentUnit);
    const action = set.archived === true && !before.archived ? 'unit.archive' : set.archived === false && before.archived ? 'unit.restore' : 'unit.update';
    await audit(tx, ctx, {
      action,
      entity: 'unit',
      entityId: id,
      summary: `修改处室「${after.name}」`,
      before: presentUnit(before),
      after: presentUnit(after),
    });
    return presentUnit(after);
  });
}
