// R7.2 / R7.4 supervision by 机关党委: items, 通报, 约谈 with rectification, commendation. Vocabularies
// shared by server and web.

/** What an item is about: an appeal's handling, a unit, or a contact point (R1.*) and the unit holding it. */
export const SUPERVISION_TARGETS = ['appeal', 'unit', 'contact_point'] as const;
export type SupervisionTarget = (typeof SUPERVISION_TARGETS)[number];
export const SUPERVISION_TARGET_LABELS: Record<SupervisionTarget, string> = { appeal: '诉求办理', unit: '处室', contact_point: '包保联系点' };

export const SUPERVISION_CATEGORIES = ['slow_handling', 'formalism', 'work_style', 'complaint', 'good_practice'] as const;
export type SupervisionCategory = (typeof SUPERVISION_CATEGORIES)[number];
export const SUPERVISION_CATEGORY_LABELS: Record<SupervisionCategory, string> = {
  slow_handling: '办理迟缓',
  formalism: '形式主义',
  work_style: '作风问题',
  complaint: '企业投诉',
  good_practice: '工作成效突出',
};

export const SUPERVISION_STATES = ['open', 'awaiting_explanation', 'explained', 'concluded'] as const;
export type SupervisionState = (typeof SUPERVISION_STATES)[number];
export const SUPERVISION_STATE_LABELS: Record<SupervisionState, string> = {
  open: '已立项',
  awaiting_explanation: '待处室说明',
  explained: '处室已说明',
  concluded: '已办结',
};

export const SUPERVISION_ACTIONS = ['request_explanation', 'explain', 'conclude'] as const;
export type SupervisionAction = (typeof SUPERVISION_ACTIONS)[number];
export const SUPERVISION_ACTION_LABELS: Record<SupervisionAction, string> = {
  request_explanation: '要求处室说明',
  explain: '提交情况说明',
  conclude: '作出处理结论',
};

/** R7.4 outcomes: 通报 (criticism), 约谈, 表扬 (commendation), or no further action. */
export const SUPERVISION_OUTCOMES = ['notice', 'interview', 'commendation', 'no_action'] as const;
export type SupervisionOutcome = (typeof SUPERVISION_OUTCOMES)[number];
export const SUPERVISION_OUTCOME_LABELS: Record<SupervisionOutcome, string> = {
  notice: '通报',
  interview: '约谈',
  commendation: '通报表扬',
  no_action: '不予处理',
};

export const INTERVIEW_STATES = ['rectifying', 'completed'] as const;
export type InterviewState = (typeof INTERVIEW_STATES)[number];
export const INTERVIEW_STATE_LABELS: Record<InterviewState, string> = { rectifying: '整改中', completed: '整改完成' };
export const INTERVIEW_ACTIONS = ['complete_item', 'complete'] as const;
export type InterviewAction = (typeof INTERVIEW_ACTIONS)[number];
export const INTERVIEW_ACTION_LABELS: Record<InterviewAction, string> = { complete_item: '整改事项销号', complete: '确认整改完成' };
