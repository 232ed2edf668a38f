// The roundtables module's public surface (R5.*): the R5.2 lead-unit rule, for the demo data and any
// capability that records a meeting. Everything else is the module's own (its routes call the service).
export { leadUnitFor } from './roundtables.service.ts';
