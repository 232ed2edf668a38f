// R3.3 NPC deputies' suggestions (人大代表建议) and CPPCC members' proposals (政协委员提案): vocabularies
// shared by server and web. A proposal is its own track (modules/proposals) linked to an appeal whose
// 2115 milestones still run for the enterprise's matter.

export const PROPOSAL_KINDS = ['npc_suggestion', 'cppcc_proposal'] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];
export const PROPOSAL_KIND_LABELS: Record<ProposalKind, string> = { npc_suggestion: '人大代表建议', cppcc_proposal: '政协委员提案' };
/** Who brings it: 代表 / 委员, and the group they belong to: 代表团 / 界别. */
export const PROPOSER_LABELS: Record<ProposalKind, { person: string; group: string }> = {
  npc_suggestion: { person: '人大代表', group: '代表团' },
  cppcc_proposal: { person: '政协委员', group: '界别' },
};
/** The appeal channel of the linked appeal (shared/appeals.ts). */
export const PROPOSAL_CHANNEL: Record<ProposalKind, 'npc_proposal' | 'cppcc_proposal'> = {
  npc_suggestion: 'npc_proposal',
  cppcc_proposal: 'cppcc_proposal',
};

export const PROPOSAL_STATES = ['handling', 'replied', 'unsatisfied', 'closed'] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];
export const PROPOSAL_STATE_LABELS: Record<ProposalState, string> = {
  handling: '办理中',
  replied: '已答复待评价',
  unsatisfied: '不满意待重办',
  closed: '已办结',
};

export const PROPOSAL_ACTIONS = ['reply', 'evaluate', 'rehandle'] as const;
export type ProposalAction = (typeof PROPOSAL_ACTIONS)[number];
export const PROPOSAL_ACTION_LABELS: Record<ProposalAction, string> = {
  reply: '提交答复函',
  evaluate: '登记代表委员评价',
  rehandle: '重新办理',
};

/** The deputy's / member's own evaluation of the reply, entered by staff from the feedback form. */
export const PROPOSAL_EVALUATIONS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type ProposalEvaluation = (typeof PROPOSAL_EVALUATIONS)[number];
export const PROPOSAL_EVALUATION_LABELS: Record<ProposalEvaluation, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
};

/** The reply period's state for display (derived from the due date and the day). */
export const PROPOSAL_DEADLINE_STATES = ['on_track', 'due_soon', 'overdue', 'met_on_time', 'met_late'] as const;
export type ProposalDeadlineState = (typeof PROPOSAL_DEADLINE_STATES)[number];
export const PROPOSAL_DEADLINE_LABELS: Record<ProposalDeadlineState, string> = {
  on_track: '办理期内',
  due_soon: '即将到期',
  overdue: '已超期',
  met_on_time: '按期答复',
  met_late: '超期答复',
};
