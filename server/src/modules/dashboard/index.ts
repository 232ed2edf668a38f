// The dashboard module's public surface (issue 16): the figures the reports reuse, and
// the slots other modules fill (survey results, quota progress, assessment).
export { periodFigures, withRates, zeroCounts, addCounts, type Counts, type TenantFigures } from './dashboard.figures.ts';
export { provideDashboardSlot, sharedRead, type SlotProvider, type SlotQuery } from './dashboard.slots.ts';
export { viewerScope, OVERDUE_LIST_LIMIT } from './dashboard.service.ts';
