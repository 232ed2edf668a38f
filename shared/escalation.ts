// Escalation vocabularies (R6.3 厅长办公会议题, R6.4 省政府常务会议, R6.5 省政府领导转办月报),
// shared by server and web. docs/APPEALS.md §10 describes the API.

/** R6.3 agenda item states: proposed → scheduled → decided; withdrawn from proposed or scheduled. */
export const AGENDA_STATES = ['proposed', 'scheduled', 'decided', 'withdrawn'] as const;
export type AgendaState = (typeof AGENDA_STATES)[number];
export const AGENDA_STATE_LABELS: Record<AgendaState, string> = {
  proposed: '已提报',
  scheduled: '已安排上会',
  decided: '已研究决定',
  withdrawn: '已撤回',
};

export const AGENDA_ACTIONS = ['propose', 'schedule', 'decide', 'withdraw', 'complete_action'] as const;
export type AgendaAction = (typeof AGENDA_ACTIONS)[number];
export const AGENDA_ACTION_LABELS: Record<AgendaAction, string> = {
  propose: '提报厅长办公会议题',
  schedule: '安排上会',
  decide: '录入会议决定',
  withdraw: '撤回议题',
  complete_action: '落实事项办结',
};

/** Timeline event types (appeal_events.type) written by the escalation module. */
export const ESCALATION_EVENT_LABELS: Record<string, string> = {
  agenda_propose: '提报厅长办公会议题',
  agenda_schedule: '厅长办公会议题安排上会',
  agenda_decide: '厅长办公会研究决定',
  agenda_withdraw: '撤回厅长办公会议题',
  agenda_action_done: '会议落实事项办结',
  executive_meeting_record: '列入省政府常务会议（上会材料）',
  executive_meeting_update: '更新省政府常务会议事项',
  instruction_issue: '领导批示',
  instruction_acknowledge: '签收领导批示',
  instruction_report: '反馈批示落实情况',
};

/** R6.5 the channel whose appeals get the monthly status report. */
export const LEADER_REPORT_CHANNEL = 'provincial_leader' as const;
/** R6.5 report due before the 25th; 办公室 reminded on the 20th (Asia/Shanghai). */
export const LEADER_REPORT_DUE_DAY = 25;
export const LEADER_REPORT_REMIND_DAY = 20;

/**
 * R3.5 / R6.3 a leader's instruction (领导批示) on an appeal: issued by the leader → acknowledged
 * (签收批示) by the lead unit → reported (落实情况反馈) by the lead unit. The table is
 * server/src/domain/instructions/transitions.ts.
 */
export const INSTRUCTION_STATES = ['issued', 'acknowledged', 'reported'] as const;
export type InstructionState = (typeof INSTRUCTION_STATES)[number];
export const INSTRUCTION_STATE_LABELS: Record<InstructionState, string> = {
  issued: '待签收',
  acknowledged: '已签收',
  reported: '已反馈',
};

export const INSTRUCTION_ACTIONS = ['acknowledge', 'report'] as const;
export type InstructionAction = (typeof INSTRUCTION_ACTIONS)[number];
export const INSTRUCTION_ACTION_LABELS: Record<InstructionAction, string> = {
  acknowledge: '签收批示',
  report: '反馈落实情况',
};
/** 批示 text, 签收 note and 落实情况 limits (characters). */
export const INSTRUCTION_TEXT_MAX = 1000;
