// 厅领导 and their portfolios (分管 units). The portfolio decides which units' appeals a leader
// sees (scope 'portfolio') and which major matters reach them (R3.5).
import { leaders } from '../../db/schema.ts';
import { ownerOf, updateVersioned } from '../../db/versioned.ts';
import { invalid } from '../../errors.ts';
import { audit, withTx, type AuthedCtx } from '../../lib/context.ts';
import type { DbOrTx, Tx } from '../../db/client.ts';
import { existingUnitIds } from '../units/index.ts';
import { getUser } from '../users/index.ts';
import { insertLeader, listLeaders, setPortfolio, type LeaderWithUnits } from './leaders.repository.ts';

/** Policy resource 'leader': the leader's tenant. */
export const owner = (db: DbOrTx, id: string) => ownerOf(db, leaders, id);

export const presentLeader = (l: LeaderWithUnits) => ({
  id: l.id,
  name: l.name,
  title: l.title,
  userId: l.userId,
  unitIds: l.units.map((u) => u.id),
  units: l.units,
  sortOrder: l.sortOrder,
  archived: l.archived,
  version: l.version,
});

export async function list(ctx: AuthedCtx) {
  const rows = await listLeaders(ctx.db, ctx.actor.tenantId);
  return { items: rows.map(presentLeader), total: rows.length };
}

async function check(tx: Tx, ctx: AuthedCtx, input: { userId?: string | null; unitIds?: string[] }) {
  const f: Record<string, string> = {};
  if (input.unitIds) {
    const ok = await existingUnitIds(tx, ctx.actor.tenantId, input.unitIds);
    if (input.unitIds.some((u) => !ok.has(u))) f.unitIds = '分管处室不存在或已归档';
    if (new Set(input.unitIds).size !== input.unitIds.length) f.unitIds = '分管处室不能重复';
  }
  if (input.userId) {
    if (!(await getUser(tx, ctx.actor.tenantId, input.userId))) f.userId = '关联账号不存在';
  }
  if (Object.keys(f).length) throw invalid(f);
}

const one = async (tx: Tx, ctx: AuthedCtx, id: string) => presentLeader((await listLeaders(tx, ctx.actor.tenantId, id))[0]);

export async function create(ctx: AuthedCtx, input: { name: string; title: string; userId?: string | null; unitIds: string[]; sortOrder?: number }) {
  return withTx(ctx, async (tx) => {
    await check(tx, ctx, input);
    const { unitIds, ...values } = input;
    const row = await insertLeader(tx, { ...values, tenantId: ctx.actor.tenantId });
    await setPortfolio(tx, row.id, unitIds);
    const after = await one(tx, ctx, row.id);
    await audit(tx, ctx, { action: 'leader.create', entity: 'leader', entityId: row.id, summary: `新增厅领导「${row.name}」`, after });
    return after;
  });
}

export async function update(
  ctx: AuthedCtx,
  id: string,
  input: { version: number; name?: string; title?: string; userId?: string | null; unitIds?: string[]; sortOrder?: number; archived?: boolean },
) {
  const { version, unitIds, ...set } = input;
  return withTx(ctx, async (tx) => {
    await check(tx, ctx, input);
    const before = await one(tx, ctx, id);
    // The 409 shows the leader as GET /api/leaders lists it.
    await updateVersioned(tx, leaders, { id, tenantId: ctx.actor.tenantId, version }, set, '厅领导', () => one(tx, ctx, id));
    if (unitIds) await setPortfolio(tx, id, unitIds);
    const after = await one(tx, ctx, id);
    await audit(tx, ctx, { action: 'leader.update', entity: 'leader', entityId: id, summary: `修改厅领导「${after.name}」`, before, after });
    return after;
  });
}
