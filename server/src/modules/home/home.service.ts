// The home page's to-do panel (issue 17): per role, what waits for the caller, counted with the
// workbench list's own filters in the caller's data scope (appeals: countAppealsMatching, the same
// WHERE as GET /api/appeals; R6.5 rows: the escalation module). No visibility rule of its own.
import type { TodoItem, TodoKey } from '../../../../shared/api/home.ts';
import { hasRole, type AuthedCtx } from '../../lib/context.ts';
import { countAppealsMatching, type AppealListQuery } from '../appeals/index.ts';
import { unacknowledgedInstructions, unconfirmedLeaderReportRows } from '../escalation/index.ts';

type Filter = Omit<AppealListQuery, 'page' | 'pageSize'>;
type View = NonNullable<Filter['view']>;

/** The workbench's rule: every view but 全部诉求 lists open appeals only (web WorkbenchPage tabQuery). */
const withOpen = (f: Filter): Filter => (f.view && f.view !== 'all' ? { ...f, open: true } : f);

/** A list filter as the URL parameters of the workbench (the same names GET /api/appeals reads). */
function asQuery(f: Filter): Record<string, string> {
  const q: Record<string, string> = {};
  if (f.view) q.view = f.view;
  if (f.state?.length) q.state = f.state.join(',');
  if (f.overdue !== undefined) q.overdue = String(f.overdue);
  if (f.due) q.due = f.due;
  if (f.approval !== undefined) q.approval = String(f.approval);
  return q;
}

/** Where the caller's deadlines are watched: the own unit's lead appeals, a leader's portfolio, or the tenant. */
function deadlineView(ctx: AuthedCtx): View | null {
  const a = ctx.actor;
  if (hasRole(a, 'unit_staff', 'liaison', 'unit_head') && a.unitId) return 'lead';
  if (hasRole(a, 'leader')) return 'portfolio';
  // R6.6 办公室 urges (催办) overdue appeals; R7.2 机关党委 supervises them: the whole tenant.
  if (hasRole(a, 'intake', 'coordinator', 'oversight')) return 'all';
  return null;
}

export async function todo(ctx: AuthedCtx): Promise<{ items: TodoItem[] }> {
  const a = ctx.actor;
  const lists: [TodoKey, Filter][] = [];
  // R3.1 / R3.2 intake's queue: received or returned, waiting for a lead unit.
  if (hasRole(a, 'intake', 'coordinator')) lists.push(['dispatch', { view: 'queue' }]);
  // R3.2 dispatched to the caller's unit, waiting for 签收.
  if (hasRole(a, 'unit_staff', 'liaison', 'unit_head') && a.unitId) lists.push(['accept', { view: 'lead', state: ['dispatched'] }]);
  const view = deadlineView(ctx);
  if (view) {
    // R6.2 the next "2115" deadline ends today / has passed.
    lists.push(['due_today', { view, due: 'today' }]);
    lists.push(['overdue', { view, overdue: true }]);
  }
  // R6.2 延期/挂起 requests the caller decides: the lead unit's head, then the coordinator.
  if (hasRole(a, 'unit_head') && a.unitId) lists.push(['approval', { view: 'lead', approval: true }]);
  else if (hasRole(a, 'coordinator')) lists.push(['approval', { view: 'all', approval: true }]);
  // R3.2 closed loop: replied, waiting for the enterprise's evaluation (intake records the 回访).
  if (hasRole(a, 'intake')) lists.push(['evaluate', { view: 'all', state: ['replied'] }]);

  const counts = await Promise.all(lists.map(([, f]) => countAppealsMatching(ctx, withOpen(f))));
  const items: TodoItem[] = lists.map(([key, f], i) => ({ key, count: counts[i], query: asQuery(f), month: null }));
  // R6.5 the unit's rows of the month's report to 省政府办公厅, not yet confirmed.
  const report = await unconfirmedLeaderReportRows(ctx);
  if (report) items.push({ key: 'leader_report', count: report.count, query: null, month: report.month });
  // R6.3/leader 批示: leaders' instructions to the caller's unit, not yet acknowledged (签收).
  const instructions = await unacknowledgedInstructions(ctx);
  if (instructions !== null) items.push({ key: 'instruction', count: instructions, query: null, month: null });
  return { items };
}
