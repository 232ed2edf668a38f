// Appeals: what the parts of the module share (intake, the action runner, routing, handling,
// requests, closing, attachments). The parts import this file, the environment, the view and the
// repository — never the service, which is only the facade that points down at them.
import type { Db, DbOrTx } from '../../db/client.ts';
import { coalesced } from '../../db/coalesce.ts';
import type { AppealClock, CycleStart } from '../../domain/appeals/clock.ts';
import { actorNames, actorUserId, type AnyActor } from '../../lib/context.ts';
import { activeUnitsAndOne, activeUnitsById } from '../units/index.ts';
import { channelLeadUnitIdSql } from './appeals.channel-leads.repository.ts';
import type { AppealInsert, AppealRow, EventInsert } from './appeals.repository.ts';

/** Received more than this before now counts as backdated (needs a reason, audited). */
export const BACKDATE_TOLERANCE_MS = 10 * 60_000;
/** An instant given by the caller (receipt, contact) may be this far ahead of the server's clock. */
export const FUTURE_TOLERANCE_MS = 60_000;

/** Who a timeline event names: the account (if any), how the actor is called, the staff member's unit. */
export function actorEvent(actor: AnyActor): Pick<EventInsert, 'actorId' | 'actorName' | 'unitId'> {
  return { actorId: actorUserId(actor), actorName: actorNames(actor).timeline, unitId: actor.kind === 'staff' ? actor.unitId : null };
}

export type DispatchUnits = {
  /** The active units among those named, by id. */
  units: Map<string, { id: string; name: string }>;
  /** With `channel`: the channel's lead unit if the tenant set one and it is active, else null (R3.4); undefined: not read. */
  channelLead?: { id: string; name: string } | null;
};

/**
 * R3.2: the lead and co-handling units of a dispatch or transfer must be active units of the tenant,
 * distinct. Problems go into `fields`. With `channel` (a first dispatch), the channel's lead unit
 * (R3.4, decideChannelLead) is read in the same statement (issue 20).
 */
export async function checkDispatchUnits(
  db: DbOrTx,
  tenantId: string,
  leadUnitId: string,
  coUnits: { unitId: string; part: string }[],
  fields: Record<string, string>,
  channel?: string,
): Promise<DispatchUnits> {
  const ids = [leadUnitId, ...coUnits.map((c) => c.unitId)];
  const { units: found, one: channelLead } = await readDispatchUnits(db as Db, `${tenantId}|${channel ?? ''}`, { tenantId, ids, channel });
  if (!found.has(leadUnitId)) fields['dispatch.leadUnitId'] = '主办处室不存在或已归档';
  coUnits.forEach((c, i) => {
    if (!found.has(c.unitId)) fields[`coUnits.${i}.unitId`] = '协办处室不存在或已归档';
    else if (c.unitId === leadUnitId) fields[`coUnits.${i}.unitId`] = '协办处室不能与主办处室相同';
  });
  if (new Set(coUnits.map((c) => c.unitId)).size !== coUnits.length) fields.coUnits = '协办处室不能重复';
  return { units: found, channelLead };
}

type UnitsRead = { tenantId: string; ids: string[]; channel?: string };
type Unit = { id: string; name: string };

/**
 * Issue 20: the read of checkDispatchUnits, shared by the requests of one tenant and channel that ask
 * at the same moment (db/coalesce.ts: every intake asks it, and under load they were a third of the
 * statements sent). One statement reads the active units among all the ids asked; each request gets
 * its own ids' answer. In a transaction it runs alone there, as before.
 */
const readDispatchUnits = coalesced<UnitsRead, { units: Map<string, Unit>; one?: Unit | null }>(async (db, _key, items) => {
  const { tenantId, channel } = items[0]!;
  const ids = [...new Set(items.flatMap((i) => i.ids))];
  const read = channel
    ? await activeUnitsAndOne(db, tenantId, ids, { statement: 'units_active_and_channel_lead', idSql: channelLeadUnitIdSql(tenantId, channel) })
    : { units: await activeUnitsById(db, tenantId, ids), one: undefined };
  return items.map((i) => ({
    ok: true,
    value: { units: new Map(i.ids.flatMap((id) => (read.units.has(id) ? [[id, read.units.get(id)!]] : []))), one: read.one },
  }));
});

export function dispatchPayload(leadUnitId: string, coUnits: { unitId: string; part: string }[], names: Map<string, { name: string }>) {
  return {
    leadUnitId,
    leadUnitName: names.get(leadUnitId)?.name ?? null,
    coUnits: coUnits.map((c) => ({ unitId: c.unitId, unitName: names.get(c.unitId)?.name ?? null, part: c.part })),
  };
}

/** The stored milestones of an appeal as the clock (domain/appeals/clock.ts) reads them. */
export function clockOf(
  r: Pick<AppealRow, 'contactDueAt' | 'contactDoneAt' | 'opinionDueAt' | 'opinionDoneAt' | 'resolutionDueAt' | 'resolutionDoneAt'>,
): AppealClock {
  return {
    contact: { dueAt: r.contactDueAt, doneAt: r.contactDoneAt },
    opinion: { dueAt: r.opinionDueAt, doneAt: r.opinionDoneAt },
    resolution: { dueAt: r.resolutionDueAt, doneAt: r.resolutionDoneAt },
  };
}

type CycleColumns = Pick<
  AppealInsert,
  | 'deadlineError'
  | 'nextDueAt'
  | 'contactDueAt'
  | 'contactDoneAt'
  | 'contactState'
  | 'opinionDueAt'
  | 'opinionDoneAt'
  | 'opinionState'
  | 'resolutionDueAt'
  | 'resolutionDoneAt'
  | 'resolutionState'
> & { cycleStartedAt: Date };

/** The columns of a new 2115 cycle (domain/appeals/clock.ts startCycle): deadlines, nothing done, states, the workbench order. */
export function cycleColumns(c: CycleStart): CycleColumns {
  return {
    cycleStartedAt: c.startedAt,
    contactDueAt: c.due.contact,
    contactDoneAt: null,
    contactState: c.state,
    opinionDueAt: c.due.opinion,
    opinionDoneAt: null,
    opinionState: c.state,
    resolutionDueAt: c.due.resolution,
    resolutionDoneAt: null,
    resolutionState: c.state,
    deadlineError: c.error,
    nextDueAt: c.nextDueAt,
  };
}
