// The recompute hook (R6.2): "the calendar changed for tenant X (or every tenant) in years Y…".
// Listeners run inside the transaction that made the change, after it is written and before it
// commits, so work they do (e.g. the appeals module recomputing deadlines that could not be
// computed, or that depend on the changed years) commits or rolls back with the change, and runs
// exactly once even with several app instances. Inside a listener, getTenantCalendar(tx, tenantId)
// already sees the new calendar. A listener that throws aborts the change.
// See docs/CALENDAR.md §8.5.
import type { Tx } from '../../db/client.ts';

export type CalendarChange = {
  /** The tenant whose overrides changed; null when a national notice changed (every tenant is affected). */
  tenantId: string | null;
  /** Calendar years whose day kinds may have changed, ascending. */
  years: number[];
  action: 'notice.load' | 'notice.replace' | 'overrides.update';
  /** The calendar revision after the change. */
  revision: number;
  /** overrides.update: the tenant's overrides before the change (issue 22: future deadlines follow the change). */
  previousOverrides?: readonly { date: string; kind: string; note: string }[];
};

/** A listener may answer how many records it changed (e.g. appeals whose deadlines were recomputed). */
export type CalendarChangeListener = (tx: Tx, change: CalendarChange) => unknown;

const listeners = new Set<CalendarChangeListener>();

/** Registers a listener (typically once, at module load); returns a function that removes it. */
export function onCalendarChanged(listener: CalendarChangeListener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Called by the calendar service inside its transaction. */
export async function emitCalendarChanged(tx: Tx, change: CalendarChange): Promise<number> {
  let changed = 0;
  for (const l of [...listeners]) {
    const n = await l(tx, change);
    if (typeof n === 'number') changed += n;
  }
  return changed;
}
