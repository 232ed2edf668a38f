// The research module's public surface (R2.*): the R2.2 coverage of a set of enterprises beside the
// registry, for any capability that chooses enterprises (policy consultation rounds, contact points).
export { coverageOf } from './research.service.ts';
// R2.4 the research visits of each unit in a year (the dashboard's quota panel).
export { quotaOf as researchQuotaOf } from './research.service.ts';
// The research a policy draft rests on (R2.5).
export { taskBriefs as researchTaskBriefs } from './research.repository.ts';
// Capability 8: a hot topic of the appeals turned into a research task (modules/assistance).
export { create as createResearchTask } from './research.service.ts';
