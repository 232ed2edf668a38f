// Appeals (涉企诉求) vocabularies (capability 4, R3.*, R6.*, R7.2), shared by server and web.
// Ids are English; labels are what users see. The state machine itself lives in
// server/src/domain/appeals/transitions.ts; docs/APPEALS.md describes the API.

/** Channels an appeal arrives through (R3.1, R3.3, R3.4, R4.*, R5.1). */
export const APPEAL_CHANNELS = [
  'website',
  'hotline',
  'hotline_12345',
  'wechat',
  'letter',
  'visit',
  'npc_proposal',
  'cppcc_proposal',
  'governor_mailbox',
  'entrepreneur_zone',
  'instant_response',
  'governor_hotline',
  'provincial_leader',
  'research_visit',
  'roundtable',
  'licensing_check',
  'inspection',
  'other',
] as const;
export type AppealChannel = (typeof APPEAL_CHANNELS)[number];
export const APPEAL_CHANNEL_LABELS: Record<AppealChannel, string> = {
  website: '网站',
  hotline: '热线电话',
  hotline_12345: '12345转办',
  wechat: '微信公众号',
  letter: '来信',
  visit: '来访',
  npc_proposal: '人大代表建议',
  cppcc_proposal: '政协委员提案',
  governor_mailbox: '省长信箱',
  entrepreneur_zone: '企业家诉求专区',
  instant_response: '接诉即办',
  governor_hotline: '企业家直通省长号码',
  provincial_leader: '省政府领导转办',
  research_visit: '调研走访',
  roundtable: '座谈会/会客厅',
  licensing_check: '许可核查',
  inspection: '执法检查',
  other: '其他',
};

export const APPEAL_CATEGORIES = ['policy', 'licensing', 'enforcement', 'complaint', 'hazard', 'suggestion', 'help', 'other'] as const;
export type AppealCategory = (typeof APPEAL_CATEGORIES)[number];
export const APPEAL_CATEGORY_LABELS: Record<AppealCategory, string> = {
  policy: '政策咨询',
  licensing: '许可审批',
  enforcement: '执法检查',
  complaint: '投诉举报',
  hazard: '安全隐患',
  suggestion: '建议',
  help: '求助',
  other: '其他',
};

/**
 * States. `returned` is intake's queue after a unit's 退单; "reopened" (重办) is not a state but an
 * evaluation outcome that puts the appeal back into `handling` with a new cycle; a transfer to a
 * city puts it into that city's `received`.
 */
export const APPEAL_STATES = ['received', 'returned', 'dispatched', 'handling', 'paused', 'replied', 'closed'] as const;
export type AppealState = (typeof APPEAL_STATES)[number];
export const APPEAL_STATE_LABELS: Record<AppealState, string> = {
  received: '待派单',
  returned: '已退回',
  dispatched: '待签收',
  handling: '办理中',
  paused: '已挂起',
  replied: '已答复待评价',
  closed: '已办结',
};
/**
 * The state as the enterprise is told it (issue 17): intake's and the units' internal queues
 * (待派单, 已退回, 待签收) are all 受理中 to the enterprise, a pause is still 办理中.
 */
export const PORTAL_APPEAL_STATES = ['accepting', 'handling', 'replied', 'closed'] as const;
export type PortalAppealState = (typeof PORTAL_APPEAL_STATES)[number];
export const PORTAL_APPEAL_STATE_LABELS: Record<PortalAppealState, string> = {
  accepting: '受理中',
  handling: '办理中',
  replied: '已答复待评价',
  closed: '已办结',
};
/** One line under the state on the portal: what is happening and what the enterprise may do. */
export const PORTAL_APPEAL_STATE_HINTS: Record<PortalAppealState, string> = {
  accepting: '已收到您的诉求，正在确定办理单位，办理单位将按时限与您联系。',
  handling: '办理单位正在办理，将在时限内向您反馈意见和办理结果。',
  replied: '办理单位已答复，请查看答复内容并评价；不满意的将重新办理。',
  closed: '诉求已办结，感谢您的评价。',
};
export function portalStateOf(state: AppealState): PortalAppealState {
  switch (state) {
    case 'received':
    case 'returned':
    case 'dispatched':
      return 'accepting';
    case 'handling':
    case 'paused':
      return 'handling';
    case 'replied':
      return 'replied';
    case 'closed':
      return 'closed';
  }
}
export const OPEN_STATES: readonly AppealState[] = ['received', 'returned', 'dispatched', 'handling', 'paused', 'replied'];

export const APPEAL_ACTIONS = [
  'dispatch',
  'accept',
  'return',
  'transfer',
  'transfer_city',
  'contact',
  'opinion',
  'submit_part',
  'result',
  'reply',
  'request_extension',
  'request_pause',
  'decide_request',
  'resume',
  'evaluate',
  'close_unevaluated',
  'urge',
  'flag',
  'attach',
] as const;
export type AppealAction = (typeof APPEAL_ACTIONS)[number];
export const APPEAL_ACTION_LABELS: Record<AppealAction, string> = {
  dispatch: '派单',
  accept: '签收',
  return: '退单',
  transfer: '转办（其他处室）',
  transfer_city: '转市局办理',
  contact: '联系企业',
  opinion: '反馈初步意见',
  submit_part: '提交协办意见',
  result: '办理结果',
  reply: '答复企业',
  request_extension: '申请延期',
  request_pause: '申请挂起',
  decide_request: '审批申请',
  resume: '恢复办理',
  evaluate: '录入评价（回访）',
  close_unevaluated: '未评价办结',
  urge: '催办',
  flag: '标记重大事项',
  attach: '上传附件',
};

/** Timeline event types (appeal_events.type): the actions plus what the system does. */
export const APPEAL_EVENT_LABELS: Record<string, string> = {
  ...APPEAL_ACTION_LABELS,
  create: '受理登记',
  answer_on_spot: '当场答复',
  field_origin: '现场记录转入（走访、核查、检查）',
  work_order_update: '来源平台更新工单',
  approve_request: '批准申请',
  refuse_request: '不予批准',
  coordinator_pending: '提交统筹处室审批',
  extension_applied: '延期生效',
  pause_applied: '挂起生效',
  reopen: '重办',
  close: '办结',
  transfer_in: '上级转来',
  deadline_recomputed: '时限重新计算',
  // Written by the SLA sweep (server/src/jobs/sla-sweep.ts).
  overdue: '时限逾期',
  escalate: '督办',
  // Capability 8: flagged at intake.
  repeat_flagged: '重复诉求',
};

export const CLOSE_REASONS = ['satisfied', 'basically_satisfied', 'unevaluated', 'answered_on_spot'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];
export const CLOSE_REASON_LABELS: Record<CloseReason, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unevaluated: '未评价',
  answered_on_spot: '当场答复',
};

export const EVALUATION_RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type EvaluationRating = (typeof EVALUATION_RATINGS)[number];
export const EVALUATION_RATING_LABELS: Record<EvaluationRating, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
};

export const EVALUATION_SOURCES = ['callback', 'portal', 'link'] as const;
export type EvaluationSource = (typeof EVALUATION_SOURCES)[number];
export const EVALUATION_SOURCE_LABELS: Record<EvaluationSource, string> = { callback: '回访', portal: '企业门户', link: '短信评价链接' };

export const CONTACT_METHODS = ['phone', 'on_site', 'message'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];
export const CONTACT_METHOD_LABELS: Record<ContactMethod, string> = { phone: '电话联系', on_site: '到达现场', message: '短信/留言' };

export const RESULT_KINDS = ['solved', 'service_confirmed'] as const;
export type ResultKind = (typeof RESULT_KINDS)[number];
export const RESULT_KIND_LABELS: Record<ResultKind, string> = {
  solved: '已解决',
  service_confirmed: '服务确认（已解释说明，依法不能满足，企业已知悉）',
};

/** The "2115" milestones (R6.2). */
export const MILESTONES = ['contact', 'opinion', 'resolution'] as const;
export type Milestone = (typeof MILESTONES)[number];
export const MILESTONE_LABELS: Record<Milestone, string> = {
  contact: '联系企业（2小时）',
  opinion: '初步意见（1个工作日）',
  resolution: '解决或服务确认（15个工作日）',
};
export const MILESTONE_STATES = ['pending', 'due_soon', 'met_on_time', 'met_late', 'overdue', 'paused', 'unknown'] as const;
export type MilestoneStateId = (typeof MILESTONE_STATES)[number];
export const MILESTONE_STATE_LABELS: Record<MilestoneStateId, string> = {
  pending: '未到期',
  due_soon: '即将到期',
  met_on_time: '按时完成',
  met_late: '超时完成',
  overdue: '已逾期',
  paused: '已挂起',
  unknown: '时限待计算',
};

export const UNIT_ROLES_IN_APPEAL = ['lead', 'co'] as const;
export type UnitRoleInAppeal = (typeof UNIT_ROLES_IN_APPEAL)[number];
export const UNIT_ROLE_IN_APPEAL_LABELS: Record<UnitRoleInAppeal, string> = { lead: '主办', co: '协办' };
export const CO_UNIT_STATUSES = ['assigned', 'submitted', 'withdrawn'] as const;
export type CoUnitStatus = (typeof CO_UNIT_STATUSES)[number];
export const CO_UNIT_STATUS_LABELS: Record<CoUnitStatus, string> = { assigned: '办理中', submitted: '已提交', withdrawn: '已撤回' };

export const REQUEST_KINDS = ['extension', 'pause'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const REQUEST_KIND_LABELS: Record<RequestKind, string> = { extension: '延期', pause: '挂起' };
export const REQUEST_STATUSES = ['pending', 'pending_coordinator', 'approved', 'refused', 'cancelled'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  pending: '待处室负责人审批',
  pending_coordinator: '待统筹处室审批',
  approved: '已批准',
  refused: '不予批准',
  cancelled: '已撤销',
};

/** Attachments: allowed kinds and limits. */
export const ATTACHMENT_EXTENSIONS = ['pdf', 'jpg', 'jpeg', 'png', 'doc', 'docx', 'xls', 'xlsx', 'txt'] as const;
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENTS_PER_APPEAL = 10;
/** Of those, how many the enterprise may upload through the portal (issue 7). */
export const PORTAL_ATTACHMENTS_PER_APPEAL = 5;

/** Columns an appeal list may be sorted by (GET /api/appeals?sort=…&order=…; a whitelist). */
export const APPEAL_LIST_SORTS = ['due', 'received', 'number'] as const;
export type AppealListSort = (typeof APPEAL_LIST_SORTS)[number];
