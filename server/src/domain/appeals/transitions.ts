// The appeal state machine (R3.2, R6.1, R6.2): ONE explicit table of state × action × allowed
// parties → next state. Pure: no database. The service maps the caller to parties (partiesOf) and
// asks checkTransition before any change; guards that depend on data (a result before the reply,
// the return time limit, a pending request…) are checked by the service after this table.
// server/test/appeals/transitions.test.ts walks every combination.
import { APPEAL_ACTION_LABELS, APPEAL_STATE_LABELS, type AppealAction, type AppealState } from '../../../../shared/appeals.ts';
import { APPEAL_UNIT_ROLES, type Role } from '../../../../shared/roles.ts';

/**
 * The capacity in which the caller acts on one appeal:
 * intake — 办公室/新闻宣传处/举报投诉中心 (role intake); coordinator — 政策法规处 (role coordinator);
 * lead — a unit role (unit_staff, liaison, unit_head) of the lead unit; lead_head — the unit_head of
 * the lead unit; co — a unit role of a co-handling unit; enterprise — a portal account of the
 * appeal's registry enterprise (issue 7); link — whoever holds the SMS evaluation link issued for
 * this appeal (no account); system — the scheduler's jobs (the SLA sweep).
 */
export const PARTIES = ['intake', 'coordinator', 'lead', 'lead_head', 'co', 'enterprise', 'link', 'system'] as const;
export type Party = (typeof PARTIES)[number];
export const PARTY_LABELS: Record<Party, string> = {
  intake: '诉求受理人员',
  coordinator: '统筹处室',
  lead: '主办处室',
  lead_head: '主办处室负责人',
  co: '协办处室',
  enterprise: '企业',
  link: '短信评价链接',
  system: '系统',
};

/**
 * Who acts (lib/context.ts AnyActor, as the domain needs it): a staff account (roles, unit), an
 * enterprise's portal account, the holder of an evaluation link, or the scheduler.
 */
export type Acting =
  | { kind: 'staff'; roles: readonly Role[]; unitId: string | null }
  | { kind: 'enterprise'; enterpriseId?: string | null }
  | { kind: 'link'; appealId: string }
  | { kind: 'system' }
  | { kind: 'integration' };

/** Outcome-dependent next state (evaluate: dissatisfied → reopen; decide_request: approved pause → paused). */
export type Next = AppealState | 'same' | { [outcome: string]: AppealState | 'same' };

export type Transition = { from: AppealState; action: AppealAction; by: readonly Party[]; to: Next };

const OPEN: AppealState[] = ['received', 'returned', 'dispatched', 'handling', 'paused', 'replied'];
const IN_UNIT: AppealState[] = ['dispatched', 'handling', 'paused'];

const rows = (from: AppealState[], action: AppealAction, by: readonly Party[], to: Next): Transition[] => from.map((f) => ({ from: f, action, by, to }));

/** THE table. Anything not listed is refused. */
export const TRANSITIONS: readonly Transition[] = Object.freeze([
  // R3.2 routing: intake's queue (received, returned) → a lead unit (+ co-handling units).
  ...rows(['received', 'returned'], 'dispatch', ['intake', 'coordinator'], 'dispatched'),
  // R3.2 a transfer to a city bureau moves the case file to that tenant's intake queue.
  ...rows(['received', 'returned', 'dispatched'], 'transfer_city', ['intake', 'coordinator'], 'received'),
  // R3.2 the unit accepts (签收) …
  ...rows(['dispatched'], 'accept', ['lead'], 'handling'),
  // … or its head returns it (退单) with a reason within the tenant's returnLimitHours.
  ...rows(['dispatched', 'handling'], 'return', ['lead_head'], 'returned'),
  // Transfer to another unit of the same tenant: the clock keeps running.
  ...rows(['dispatched', 'handling'], 'transfer', ['intake', 'coordinator'], 'dispatched'),
  // R6.2 the three milestones and the co-handling parts.
  ...rows(['handling'], 'contact', ['lead'], 'same'),
  ...rows(['handling'], 'opinion', ['lead'], 'same'),
  ...rows(['handling'], 'result', ['lead'], 'same'),
  ...rows(IN_UNIT, 'submit_part', ['co'], 'same'),
  ...rows(['handling'], 'reply', ['lead'], 'replied'),
  // Extension (延期) and pause (挂起): requested by the lead unit, decided by its head (and the
  // coordinator above the tenant's threshold).
  ...rows(['handling'], 'request_extension', ['lead'], 'same'),
  ...rows(['handling'], 'request_pause', ['lead'], 'same'),
  ...rows(['handling'], 'decide_request', ['lead_head', 'coordinator'], { approved_pause: 'paused', default: 'same' }),
  ...rows(['paused'], 'decide_request', ['lead_head', 'coordinator'], 'same'),
  ...rows(['paused'], 'resume', ['lead'], 'handling'),
  // Evaluation (R3.2 closed loop): 回访 recorded by intake, the enterprise in the portal, or through
  // the SMS link without logging in. 不满意 → 重办 with a new cycle.
  ...rows(['replied'], 'evaluate', ['intake', 'enterprise', 'link'], { satisfied: 'closed', basically_satisfied: 'closed', dissatisfied: 'handling' }),
  // No evaluation within the window: closed as 未评价 by intake or by the SLA sweep.
  ...rows(['replied'], 'close_unevaluated', ['intake', 'system'], 'closed'),
  // R6.6 催办 (by intake, or automatically by the sweep when overdue); R3.5 major matter flag.
  ...rows(IN_UNIT, 'urge', ['intake', 'system'], 'same'),
  ...rows(OPEN, 'flag', ['intake', 'coordinator', 'lead_head'], 'same'),
  // Attachments: the handling side, and the enterprise on its own appeal (issue 7).
  ...rows(OPEN, 'attach', ['intake', 'coordinator', 'lead', 'co', 'enterprise'], 'same'),
]);

/**
 * The parties the caller acts as on one appeal. Staff: by role and the appeal's units (R7.2:
 * oversight and leaders are no party: read-only). An enterprise account: 'enterprise' on its own
 * enterprise's appeals. A link holder: 'link' on the appeal its link was issued for. The scheduler:
 * 'system'.
 */
export function partiesOf(
  who: Acting,
  appeal: { id?: string; enterpriseId?: string | null; leadUnitId: string | null; coUnitIds: readonly string[] },
): Party[] {
  switch (who.kind) {
    case 'system':
      return ['system'];
    case 'integration':
      // Issue 18: an integration client creates appeals (intake) and records updates on their
      // timeline; it is no party of any transition.
      return [];
    case 'link':
      return appeal.id !== undefined && appeal.id === who.appealId ? ['link'] : [];
    case 'enterprise':
      return who.enterpriseId && appeal.enterpriseId === who.enterpriseId ? ['enterprise'] : [];
    case 'staff':
      return staffParties(who, appeal);
  }
}

function staffParties(user: { roles: readonly Role[]; unitId: string | null }, appeal: { leadUnitId: string | null; coUnitIds: readonly string[] }) {
  const p: Party[] = [];
  if (user.roles.includes('intake')) p.push('intake');
  if (user.roles.includes('coordinator')) p.push('coordinator');
  const unitRole = user.roles.some((r) => (APPEAL_UNIT_ROLES as readonly Role[]).includes(r));
  if (unitRole && user.unitId && user.unitId === appeal.leadUnitId) {
    p.push('lead');
    if (user.roles.includes('unit_head')) p.push('lead_head');
  }
  if (unitRole && user.unitId && user.unitId !== appeal.leadUnitId && appeal.coUnitIds.includes(user.unitId)) p.push('co');
  return p;
}

export type TransitionCheck = { ok: true; transition: Transition; next: AppealState | 'same' } | { ok: false; status: 403 | 409; message: string };

export function findTransition(state: AppealState, action: AppealAction): Transition | undefined {
  return TRANSITIONS.find((t) => t.from === state && t.action === action);
}

function partyList(parties: readonly Party[]) {
  return parties.map((p) => PARTY_LABELS[p]).join('、');
}

/**
 * Is `action` allowed in `state` for a caller acting as `parties`?
 * - nobody of the caller's parties may ever do it → 403 (只有…可以…);
 * - the caller may do it, but not in this state → 409 (当前状态…不能…);
 * - the state allows it, but for other parties → 403.
 */
export function checkTransition(state: AppealState, action: AppealAction, parties: readonly Party[], outcome?: string): TransitionCheck {
  const label = APPEAL_ACTION_LABELS[action];
  const anyState = TRANSITIONS.filter((t) => t.action === action);
  const everAllowed = [...new Set(anyState.flatMap((t) => t.by))];
  if (!parties.some((p) => everAllowed.includes(p))) {
    return { ok: false, status: 403, message: `只有${partyList(everAllowed)}可以${label}` };
  }
  const t = findTransition(state, action);
  if (!t) {
    const states = [...new Set(anyState.map((x) => `「${APPEAL_STATE_LABELS[x.from]}」`))].join('、');
    return { ok: false, status: 409, message: `诉求当前为「${APPEAL_STATE_LABELS[state]}」，不能${label}（仅${states}时可以）` };
  }
  if (!parties.some((p) => t.by.includes(p))) {
    return { ok: false, status: 403, message: `诉求为「${APPEAL_STATE_LABELS[state]}」时，只有${partyList(t.by)}可以${label}` };
  }
  return { ok: true, transition: t, next: resolveNext(t.to, outcome) };
}

export function resolveNext(to: Next, outcome?: string): AppealState | 'same' {
  if (typeof to === 'string') return to;
  return (outcome !== undefined ? to[outcome] : undefined) ?? to.default ?? 'same';
}

/** The actions a caller may take now (the appeal page shows only these). */
export function allowedActions(state: AppealState, parties: readonly Party[]): AppealAction[] {
  return TRANSITIONS.filter((t) => t.from === state && parties.some((p) => t.by.includes(p))).map((t) => t.action);
}
