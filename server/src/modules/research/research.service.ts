// Research (调研, R2.1–R2.4, R7.1): a task by topic (R2.1), organised by a unit with the leaders taking
// part, thematic or joined with an inspection (R2.3), over a period, with the enterprises to visit —
// their R2.2 coverage beside the registry's shown while choosing; visits (field records of kind
// `research`, created through contacts/index.ts in the task's transaction), findings, good practice, solutions with owner / due date /
// status and 成果运用 with evidence (R2.4); closing needs findings and a solution or a reason (R7.1).
// The R2.4 quota: research field records (and visits marked before them) a year per
// supervision/enforcement unit against the tenant setting.
// The state machine is domain/research/transitions.ts; every change one transaction with its audit row.
import {
  RESEARCH_TOPIC_LABELS,
  RESULT_USE_LABELS,
  SOLUTION_STATUS_LABELS,
  type ResearchForm,
  type ResearchTopic,
  type ResultUse,
  type SolutionStatus,
} from '../../../../shared/research.ts';
import type { ResearchQuota, ResearchView } from '../../../../shared/api/research.ts';
import type { DbOrTx } from '../../db/client.ts';
import { researchSolutions, researchTasks } from '../../db/schema.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { coverage } from '../../domain/research/coverage.ts';
import { allowedActions, checkTransition, closureProblems, partiesOf, type ResearchAction } from '../../domain/research/transitions.ts';
import { shanghaiDate } from '../../domain/calendar/index.ts';
import { AppError, ErrorCode, invalid, notFound } from '../../errors.ts';
import { audit, withTx, type Actor, type AuthedCtx } from '../../lib/context.ts';
import { iso } from '../../lib/format.ts';
import { appealClock } from '../appeals/index.ts';
import { createRecord, fieldRecordBriefs, researchRecordsByUnit, type RecordInput } from '../contacts/index.ts';
import { sharedRead, type SlotQuery } from '../dashboard/index.ts';
import { enterpriseProfiles, registryComposition } from '../enterprises/index.ts';
import { activeLeadersById } from '../leaders/index.ts';
import { loadTenantSettings } from '../tenants/index.ts';
import { activeUnitsById, listUnits, unitName } from '../units/index.ts';
import * as repo from './research.repository.ts';
import type { TaskRow } from './research.repository.ts';

export { taskOwner as owner } from './research.repository.ts';

const UNIT_ROLES = ['unit_staff', 'liaison', 'unit_head'] as const;

async function task(db: DbOrTx, actor: Actor, id: string, lock = false) {
  const t = await repo.getTask(db, actor.tenantId, id, lock);
  if (!t) throw notFound('调研任务');
  return t;
}

function allow(actor: Actor, t: TaskRow, action: ResearchAction) {
  const c = checkTransition(t.state, action, partiesOf(actor, t));
  if (!c.ok) throw c.reason === 'state' ? new AppError(ErrorCode.INVALID_TRANSITION, c.message) : new AppError(ErrorCode.FORBIDDEN, c.message);
  return c.to;
}

/** R2.2 the coverage of a set of enterprises beside the tenant's registry. */
export async function coverageOf(db: DbOrTx, tenantId: string, enterpriseIds: readonly string[]) {
  const profiles = await enterpriseProfiles(db, tenantId, enterpriseIds);
  return coverage(profiles, await registryComposition(db, tenantId));
}

export async function present(db: DbOrTx, actor: Actor, t: TaskRow): Promise<ResearchView> {
  const enterprises = await repo.enterprisesOf(db, t.tenantId, t.id);
  const solutions = await repo.solutionsOf(db, t.tenantId, t.id);
  const briefs = new Map(
    (
      await fieldRecordBriefs(
        db,
        t.tenantId,
        enterprises.flatMap((e) => (e.fieldRecordId ? [e.fieldRecordId] : [])),
      )
    ).map((b) => [b.id, b]),
  );
  const units = await activeUnitsById(db, t.tenantId, [...new Set([t.unitId, ...solutions.map((s) => s.ownerUnitId)])]);
  const name = async (id: string) => units.get(id)?.name ?? (await unitName(db, id)) ?? '';
  const leaders = await activeLeadersById(db, t.tenantId, t.leaderIds);
  const solutionViews = [];
  for (const s of solutions)
    solutionViews.push({
      id: s.id,
      description: s.description,
      ownerUnitId: s.ownerUnitId,
      ownerUnitName: await name(s.ownerUnitId),
      dueDate: s.dueDate,
      status: s.status,
      useKind: s.useKind,
      useEvidence: s.useEvidence,
      version: s.version,
    });
  return {
    id: t.id,
    topic: t.topic,
    title: t.title,
    unitId: t.unitId,
    unitName: await name(t.unitId),
    form: t.form,
    periodFrom: t.periodFrom,
    periodTo: t.periodTo,
    state: t.state,
    version: t.version,
    leaders: leaders.map((l) => ({ id: l.id, name: `${l.name}（${l.title}）` })),
    inspectionRef: t.inspectionRef,
    findings: t.findings,
    goodPractice: t.goodPractice,
    noSolutionReason: t.noSolutionReason,
    closedAt: iso(t.closedAt),
    createdByName: t.createdByName,
    enterprises: enterprises.map((e) => ({
      enterpriseId: e.enterpriseId,
      enterpriseName: e.enterpriseName,
      sector: e.sector,
      size: e.size,
      ownership: e.ownership,
      struggling: e.struggling,
      status: e.status,
      visitedAt: iso(e.visitedAt),
      visitNote: e.visitNote,
      fieldRecordId: e.fieldRecordId,
    })),
    visits: enterprises
      .filter((e) => e.fieldRecordId)
      .map((e) => ({ ...briefs.get(e.fieldRecordId!)!, enterpriseId: e.enterpriseId, enterpriseName: e.enterpriseName }))
      .filter((v) => v.id)
      .sort((a, b) => b.visitedOn.localeCompare(a.visitedOn)),
    solutions: solutionViews,
    coverage: coverage(enterprises, await registryComposition(db, t.tenantId)),
    allowedActions: allowedActions(t.state, partiesOf(actor, t)),
    closureProblems: t.state === 'closed' ? {} : closureProblems(t, solutions.length),
  };
}

export async function get(ctx: AuthedCtx, id: string) {
  return present(ctx.db, ctx.actor, await task(ctx.db, ctx.actor, id));
}

/** R2.4 the research task a visit's field record belongs to, or null (the record page links back to it). */
export async function ofFieldRecord(ctx: AuthedCtx, recordId: string) {
  return { task: await repo.taskOfFieldRecord(ctx.db, ctx.actor.tenantId, recordId) };
}

export async function list(ctx: AuthedCtx) {
  const rows = await repo.listTasks(ctx.db, ctx.actor.tenantId);
  const counts = await repo.countsOf(
    ctx.db,
    ctx.actor.tenantId,
    rows.map((r) => r.id),
  );
  const units = await activeUnitsById(ctx.db, ctx.actor.tenantId, [...new Set(rows.map((r) => r.unitId))]);
  const items = [];
  for (const r of rows)
    items.push({
      id: r.id,
      topic: r.topic,
      title: r.title,
      unitId: r.unitId,
      unitName: units.get(r.unitId)?.name ?? (await unitName(ctx.db, r.unitId)) ?? '',
      form: r.form,
      periodFrom: r.periodFrom,
      periodTo: r.periodTo,
      state: r.state,
      version: r.version,
      ...counts.get(r.id)!,
    });
  return { items };
}

export type TaskInput = {
  topic: ResearchTopic;
  title: string;
  unitId: string;
  leaderIds: string[];
  form: ResearchForm;
  inspectionRef?: string | null;
  periodFrom: string;
  periodTo: string;
};

async function checkTask(db: DbOrTx, actor: Actor, input: TaskInput) {
  const fields: Record<string, string> = {};
  if (input.periodFrom > input.periodTo) fields.periodTo = '结束日期不能早于开始日期';
  // R2.3 joined with an inspection: name it.
  if (input.form === 'with_inspection' && !input.inspectionRef) fields.inspectionRef = '结合督导检查开展的调研须写明所结合的检查（R2.3）';
  if (!(await activeUnitsById(db, actor.tenantId, [input.unitId])).size) fields.unitId = '组织处室不存在或已撤销';
  const leaders = await activeLeadersById(db, actor.tenantId, input.leaderIds);
  if (leaders.length !== new Set(input.leaderIds).size) fields.leaderIds = '所选领导不存在';
  if (Object.keys(fields).length) throw invalid(fields);
  // R2.3 the unit concerned organises it: a unit's staff for their own unit; 政策法规处 for any.
  if (!actor.roles.includes('coordinator') && !(actor.unitId === input.unitId && actor.roles.some((r) => (UNIT_ROLES as readonly string[]).includes(r)))) {
    throw new AppError(ErrorCode.FORBIDDEN, '只有组织处室或政策法规处可以登记调研任务');
  }
}

async function addEnterprisesTx(tx: DbOrTx, actor: Actor, taskId: string, ids: string[]) {
  const profiles = await enterpriseProfiles(tx, actor.tenantId, ids);
  if (profiles.length !== new Set(ids).size) throw invalid({ enterpriseIds: '本单位企业名录中没有所选的部分企业' });
  return repo.insertEnterprises(
    tx,
    profiles.map((p) => ({
      tenantId: actor.tenantId,
      taskId,
      enterpriseId: p.id,
      enterpriseName: p.name,
      sector: p.sector,
      size: p.size,
      ownership: p.ownership,
      struggling: p.struggling,
    })),
  );
}

export async function create(ctx: AuthedCtx, input: TaskInput & { enterpriseIds: string[] }) {
  const actor = ctx.actor;
  return withTx(ctx, async (tx) => {
    await checkTask(tx, actor, input);
    const t = await repo.insertTask(tx, {
      tenantId: actor.tenantId,
      topic: input.topic,
      title: input.title,
      unitId: input.unitId,
      leaderIds: [...new Set(input.leaderIds)],
      form: input.form,
      inspectionRef: input.inspectionRef ?? null,
      periodFrom: input.periodFrom,
      periodTo: input.periodTo,
      createdBy: actor.userId,
      createdByName: actor.displayName,
    });
    await addEnterprisesTx(tx, actor, t.id, input.enterpriseIds);
    await audit(tx, ctx, {
      action: 'research.create',
      entity: 'research',
      entityId: t.id,
      summary: `登记调研任务「${t.title}」（${RESEARCH_TOPIC_LABELS[t.topic]}，${input.enterpriseIds.length}家企业）`,
      after: t,
    });
    return present(tx, actor, t);
  });
}

export async function edit(ctx: AuthedCtx, id: string, input: TaskInput & { version: number }) {
  const actor = ctx.actor;
  return withTx(ctx, async (tx) => {
    const t = await task(tx, actor, id, true);
    allow(actor, t, 'edit');
    await checkTask(tx, actor, input);
    const { before, after } = await updateVersioned(
      tx,
      researchTasks,
      { id, tenantId: actor.tenantId, version: input.version },
      {
        topic: input.topic,
        title: input.title,
        unitId: input.unitId,
        leaderIds: [...new Set(input.leaderIds)],
        form: input.form,
        inspectionRef: input.inspectionRef ?? null,
        periodFrom: input.periodFrom,
        periodTo: input.periodTo,
      },
      '调研任务',
      (row) => present(tx, actor, row),
    );
    await audit(tx, ctx, { action: 'research.edit', entity: 'research', entityId: id, summary: `修改调研任务「${after.title}」`, before, after });
    return present(tx, actor, after);
  });
}

export async function addEnterprises(ctx: AuthedCtx, id: string, input: { enterpriseIds: string[] }) {
  const actor = ctx.actor;
  return withTx(ctx, async (tx) => {
    const t = await task(tx, actor, id, true);
    allow(actor, t, 'add_enterprises');
    const added = await addEnterprisesTx(tx, actor, id, input.enterpriseIds);
    await audit(tx, ctx, {
      action: 'research.enterprises',
      entity: 'research',
      entityId: id,
      summary: `调研任务「${t.title}」增加调研企业：${added.map((a) => a.enterpriseName).join('、') || '（均已在列）'}`,
      after: added,
    });
    return present(tx, actor, t);
  });
}

/** start, close (R7.1 guarded). */
export async function transition(ctx: AuthedCtx, id: string, input: { action: 'start' | 'close'; version: number }) {
  const actor = ctx.actor;
  return withTx(ctx, async (tx) => {
    const t = await task(tx, actor, id, true);
    const to = allow(actor, t, input.action);
    const set: Record<string, unknown> = { state: to };
    if (input.action === 'close') {
      const problems = closureProblems(t, (await repo.solutionsOf(tx, actor.tenantId, id)).length);
      if (Object.keys(problems).length) throw invalid(problems, '调研任务须写明发现的问题和解决措施（或不提出措施的原因）后才能完成（R7.1）');
      set.closedAt = appealClock.now();
    }
    const { before, after } = await updateVersioned(tx, researchTasks, { id, tenantId: actor.tenantId, version: input.version }, set, '调研任务', (row) =>
      present(tx, actor, row),
    );
    await audit(tx, ctx, {
      action: `research.${input.action}`,
      entity: 'research',
      entityId: id,
      summary: `${input.action === 'start' ? '开始' : '完成'}调研任务「${t.title}」`,
      before,
      after,
    });
    return present(tx, actor, after);
  });
}

/** A research visit: the field record input without what the task fixes (kind, enterprise's task row, unit). */
export type VisitInput = Omit<RecordInput, 'kind' | 'pointId' | 'unitId' | 'reference' | 'serviceRating' | 'serviceComment' | 'statement'> & {
  enterpriseId: string;
};

/**
 * R2.4 a visit of one of the task's enterprises is a field record of kind `research` (contacts'
 * createRecord, in this transaction): recorded for the organising unit, with R7.1's findings and at
 * least one follow-up (400 otherwise, from the field record's own rules); its id is kept on the task's
 * enterprise. One visit per enterprise of a task.
 */
export async function recordVisit(ctx: AuthedCtx, id: string, input: VisitInput) {
  const actor = ctx.actor;
  return withTx(ctx, async (tx) => {
    const t = await task(tx, actor, id, true);
    allow(actor, t, 'record_visit');
    const target = (await repo.enterprisesOf(tx, actor.tenantId, id)).find((e) => e.enterpriseId === input.enterpriseId);
    if (!target) throw invalid({ enterpriseId: '该企业不在本调研任务的企业名单中' });
    if (target.status === 'visited') throw new AppError(ErrorCode.INVALID_TRANSITION, `${target.enterpriseName}已登记走访`);
    const record = await createRecord({ ...ctx, db: tx as unknown as AuthedCtx['db'] }, { ...input, kind: 'research', pointId: null, unitId: t.unitId });
    const row = await repo.markVisited(tx, actor.tenantId, id, input.enterpriseId, record.id, appealClock.now());
    await audit(tx, ctx, {
      action: 'research.visit',
      entity: 'research',
      entityId: id,
      summary: `调研任务「${t.title}」走访${target.enterpriseName}（${input.visitedOn}，现场记录）`,
      after: row,
    });
    return present(tx, actor, t);
  });
}

export async function recordFindings(
  ctx: AuthedCtx,
  id: string,
  input: { version: number; findings?: string | null; goodPractice?: string | null; noSolutionReason?: string | null },
) {
  const actor = ctx.actor;
  return withTx(ctx, async (tx) => {
    const t = await task(tx, actor, id, true);
    allow(actor, t, 'record_findings');
    const { before, after } = await updateVersioned(
      tx,
      researchTasks,
      { id, tenantId: actor.tenantId, version: input.version },
      { findings: input.findings ?? null, goodPractice: input.goodPractice ?? null, noSolutionReason: input.noSolutionReason ?? null },
      '调研任务',
      (row) => present(tx, actor, row),
    );
    await audit(tx, ctx, {
      action: 'research.findings',
      entity: 'research',
      entityId: id,
      summary: `录入调研任务「${t.title}」的发现和经验做法`,
      before,
      after,
    });
    return present(tx, actor, after);
  });
}

export async function addSolution(ctx: AuthedCtx, id: string, input: { description: string; ownerUnitId: string; dueDate: string }) {
  const actor = ctx.actor;
  return withTx(ctx, async (tx) => {
    const t = await task(tx, actor, id, true);
    allow(actor, t, 'add_solution');
    if (!(await activeUnitsById(tx, actor.tenantId, [input.ownerUnitId])).size) throw invalid({ ownerUnitId: '责任处室不存在或已撤销' });
    const s = await repo.insertSolution(tx, {
      tenantId: actor.tenantId,
      taskId: id,
      description: input.description,
      ownerUnitId: input.ownerUnitId,
      dueDate: input.dueDate,
    });
    await audit(tx, ctx, {
      action: 'research.solution.add',
      entity: 'research',
      entityId: id,
      summary: `调研任务「${t.title}」提出措施：${s.description}`,
      after: s,
    });
    return present(tx, actor, t);
  });
}

/** R2.4 a solution's status and how its result was used (成果运用), with evidence. */
export async function updateSolution(
  ctx: AuthedCtx,
  id: string,
  input: { solutionId: string; version: number; status: SolutionStatus; useKind?: ResultUse | null; useEvidence?: string | null },
) {
  const actor = ctx.actor;
  if (input.useKind && !input.useEvidence) throw invalid({ useEvidence: '成果运用须附证明（文件名称、文号或诉求编号）' });
  return withTx(ctx, async (tx) => {
    const t = await task(tx, actor, id, true);
    allow(actor, t, 'update_solution');
    const s = await repo.getSolution(tx, actor.tenantId, id, input.solutionId);
    if (!s) throw notFound('措施');
    const { before, after } = await updateVersioned(
      tx,
      researchSolutions,
      { id: s.id, tenantId: actor.tenantId, version: input.version },
      { status: input.status, useKind: input.useKind ?? null, useEvidence: input.useKind ? (input.useEvidence ?? null) : null },
      '措施',
      async () => present(tx, actor, t),
    );
    await audit(tx, ctx, {
      action: 'research.solution.update',
      entity: 'research',
      entityId: id,
      summary: `措施「${s.description}」${SOLUTION_STATUS_LABELS[input.status]}${input.useKind ? `，成果运用：${RESULT_USE_LABELS[input.useKind]}（${input.useEvidence}）` : ''}`,
      before,
      after,
    });
    return present(tx, actor, t);
  });
}

/**
 * R2.4 every supervision or enforcement unit (kinds business and enforcement) does at least the
 * tenant's `researchVisitsPerYear` research visits a year: the visited enterprises of the tasks it
 * organised, by the visit's year in Asia/Shanghai.
 */
export async function quota(ctx: AuthedCtx, year?: number): Promise<ResearchQuota> {
  return quotaOf({ db: ctx.db }, ctx.actor.tenantId, year ?? Number(shanghaiDate(appealClock.now()).slice(0, 4)));
}

/**
 * R2.4 research visits per supervision/enforcement unit in `year` against the tenant's setting (also the
 * dashboard's quota panel, whose request shares the settings and units it reads: `q.shared`). Its four
 * reads go together (issue 20: they had been four round trips one after another in the dashboard).
 */
export async function quotaOf(q: Pick<SlotQuery, 'db' | 'shared'>, tenantId: string, y: number): Promise<ResearchQuota> {
  const from = new Date(`${y}-01-01T00:00:00+08:00`);
  const to = new Date(`${y + 1}-01-01T00:00:00+08:00`);
  const [settings, visits, records, allUnits] = await Promise.all([
    sharedRead(q, loadTenantSettings, tenantId),
    // Visits marked the old way (no field record) by the task's unit and time, plus research field
    // records by their unit and day: each visit counted once.
    repo.visitsByUnit(q.db, tenantId, from, to),
    researchRecordsByUnit(q.db, tenantId, `${y}-01-01`, `${y + 1}-01-01`),
    sharedRead(q, listUnits, tenantId, true),
  ]);
  const required = settings.settings.researchVisitsPerYear;
  const counts = new Map(visits.map((r) => [r.unitId, r.n]));
  for (const r of records) counts.set(r.unitId, (counts.get(r.unitId) ?? 0) + r.n);
  // An archived unit owes no visits (the units are read with the archived ones: the dashboard's read).
  const units = allUnits.filter((u) => !u.archived && (u.kind === 'business' || u.kind === 'enforcement'));
  return {
    year: y,
    required,
    units: units.map((u) => {
      const visits = counts.get(u.id) ?? 0;
      return { unitId: u.id, unitName: u.name, visits, required, met: visits >= required };
    }),
  };
}

export async function coverageFor(ctx: AuthedCtx, enterpriseIds: string[]) {
  return coverageOf(ctx.db, ctx.actor.tenantId, enterpriseIds);
}
