// The supervision module's public surface (R7.2, R7.4): per unit (and per city tenant) counts of a
// year — items, 通报, 约谈, commendations, with the item ids behind each — for the annual assessment (R8.1).
export { tenantYearCounts as supervisionCountsByTenant, unitYearCounts as supervisionCountsByUnit } from './supervision.repository.ts';
// Demo data (seed/demo.ts).
export { loadSupervisionDemo } from './supervision.demo.ts';
