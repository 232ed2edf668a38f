// The research task state machine (R2.1–R2.4, R7.1): ONE explicit table of state × action × allowed
// parties → next state. Pure. Guards that depend on data (R7.1: findings and at least one solution or a
// stated reason before closing) are checked by the service. server/test/research/research.test.ts
// walks every combination.
import type { Role } from '../../../../shared/roles.ts';
import { RESEARCH_STATE_LABELS, type ResearchState } from '../../../../shared/research.ts';

export const RESEARCH_ACTIONS = ['edit', 'add_enterprises', 'start', 'record_visit', 'record_findings', 'add_solution', 'update_solution', 'close'] as const;
export type ResearchAction = (typeof RESEARCH_ACTIONS)[number];
export const RESEARCH_ACTION_LABELS: Record<ResearchAction, string> = {
  edit: '修改调研任务',
  add_enterprises: '选择调研企业',
  start: '开始调研',
  record_visit: '登记走访',
  record_findings: '录入调研发现',
  add_solution: '提出解决措施',
  update_solution: '更新措施落实情况',
  close: '完成调研',
};

/** organiser — a unit role of the organising unit (R2.3), or 政策法规处 (role coordinator). */
export const PARTIES = ['organiser'] as const;
export type Party = (typeof PARTIES)[number];

export type Transition = { from: ResearchState; action: ResearchAction; to: ResearchState | 'same' };

const rows = (from: ResearchState[], action: ResearchAction, to: ResearchState | 'same'): Transition[] => from.map((f) => ({ from: f, action, to }));

/** THE table (every action by the organiser). Anything not listed is refused. */
export const TRANSITIONS: readonly Transition[] = Object.freeze([
  ...rows(['planned', 'in_progress'], 'edit', 'same'),
  ...rows(['planned', 'in_progress'], 'add_enterprises', 'same'),
  ...rows(['planned'], 'start', 'in_progress'),
  ...rows(['in_progress'], 'record_visit', 'same'),
  ...rows(['in_progress'], 'record_findings', 'same'),
  ...rows(['in_progress'], 'add_solution', 'same'),
  // 成果运用 is tracked after the task is closed too (R2.4).
  ...rows(['in_progress', 'closed'], 'update_solution', 'same'),
  ...rows(['in_progress'], 'close', 'closed'),
]);

export function partiesOf(actor: { roles: readonly Role[]; unitId: string | null }, task: { unitId: string }): Party[] {
  const unitRole = actor.roles.some((r) => r === 'unit_staff' || r === 'liaison' || r === 'unit_head');
  return actor.roles.includes('coordinator') || (unitRole && actor.unitId === task.unitId) ? ['organiser'] : [];
}

export type Check = { ok: true; to: ResearchState } | { ok: false; reason: 'state' | 'party'; message: string };

export function checkTransition(from: ResearchState, action: ResearchAction, parties: readonly Party[]): Check {
  const t = TRANSITIONS.find((x) => x.from === from && x.action === action);
  if (!t) return { ok: false, reason: 'state', message: `调研任务${RESEARCH_STATE_LABELS[from]}，不能${RESEARCH_ACTION_LABELS[action]}` };
  if (!parties.includes('organiser')) return { ok: false, reason: 'party', message: `只有组织处室或政策法规处可以${RESEARCH_ACTION_LABELS[action]}` };
  return { ok: true, to: t.to === 'same' ? from : t.to };
}

export function allowedActions(from: ResearchState, parties: readonly Party[]): ResearchAction[] {
  return parties.includes('organiser') ? TRANSITIONS.filter((t) => t.from === from).map((t) => t.action) : [];
}

/** R7.1 a task closes only with findings, and at least one solution or a stated reason why none. */
export function closureProblems(task: { findings: string | null; noSolutionReason: string | null }, solutions: number): Record<string, string> {
  const out: Record<string, string> = {};
  if (!task.findings?.trim()) out.findings = '完成调研须写明调研发现的问题（R7.1）';
  if (solutions === 0 && !task.noSolutionReason?.trim()) out.solutions = '完成调研须至少提出一项解决措施，或说明不提出措施的原因（R7.1）';
  return out;
}
