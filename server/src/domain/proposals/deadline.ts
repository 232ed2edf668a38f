// R3.3 the reply period of a deputy's suggestion / member's proposal: N months from assignment (or from
// the day handling was reopened after a 不满意), and its state on a given day. Pure: the date arithmetic
// is the calendar's (domain/calendar).
import type { ProposalDeadlineState } from '../../../../shared/proposals.ts';
import { addDaysIso, addMonthsIso } from '../calendar/index.ts';

/** The reply due date of a round that starts on `startedOn` (交办日期 or the day of 重新办理). */
export const replyDueOf = (startedOn: string, months: number) => addMonthsIso(startedOn, months);

/**
 * The period's state on `today` (Asia/Shanghai 'YYYY-MM-DD'): once replied, whether the reply came by
 * the due date; otherwise overdue after the due date, due soon from `dueSoonDays` before it.
 */
export function deadlineState(v: { replyDue: string; repliedOn: string | null }, today: string, dueSoonDays: number): ProposalDeadlineState {
  if (v.repliedOn) return v.repliedOn <= v.replyDue ? 'met_on_time' : 'met_late';
  if (today > v.replyDue) return 'overdue';
  if (today >= addDaysIso(v.replyDue, -dueSoonDays)) return 'due_soon';
  return 'on_track';
}

/** The first day a round counts as due soon (the sweep's due-soon notice). */
export const dueSoonFromDay = (replyDue: string, dueSoonDays: number) => addDaysIso(replyDue, -dueSoonDays);
