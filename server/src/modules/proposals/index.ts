// The proposals module's public surface (R3.3 建议提案): the deadline sweep for the scheduler
// (jobs/tasks.ts) and the demo data (seed/demo.ts).
export { PROPOSAL_SWEEP_TASK, proposalDeadlineSweep } from './proposals.sweep.ts';
export { loadProposalsDemo } from './proposals.demo.ts';
