// The contacts module's public surface (issue 14): the scheduler's duties (terms, renewal notices,
// behind-pace reminders), the year at a glance (bench), the visit counters after bulk loads (demo data,
// `zqt gen`), the contact-point half of the dashboard's quota panel (research composes it with R2.4),
// and what research (issue 15) reuses of field records: createRecord (kind `research`;
// its request body is http/field-record-body.ts), the research records per unit for the R2.4 quota, and records in brief.
export { contactPointDuties, pointQuotaItems, visitTotalsByUnit, yearView } from './contacts.year.ts';
export { contactPointsTask } from './contacts.tasks.ts';
export { createRecord, type RecordInput } from './contacts.records.ts';
export { pointBrief as contactPointBrief, recountVisits, researchRecordsByUnit, recordBriefs as fieldRecordBriefs } from './contacts.repository.ts';
