// Policy consultation (涉企政策征求意见, R2.5) vocabularies, shared by server and web.

export const POLICY_STATES = ['drafting', 'consulting', 'consulted', 'issued'] as const;
export type PolicyState = (typeof POLICY_STATES)[number];
export const POLICY_STATE_LABELS: Record<PolicyState, string> = {
  drafting: '起草中',
  consulting: '征求意见中',
  consulted: '征求意见已结束',
  issued: '已出台',
};

export const POLICY_ACTIONS = ['edit', 'open_round', 'add_response', 'decide_response', 'close_round', 'issue'] as const;
export type PolicyAction = (typeof POLICY_ACTIONS)[number];
export const POLICY_ACTION_LABELS: Record<PolicyAction, string> = {
  edit: '修改草案',
  open_round: '发起征求意见',
  add_response: '登记意见',
  decide_response: '采纳或不采纳意见',
  close_round: '结束征求意见',
  issue: '标记出台',
};

export const RESPONSE_SOURCES = ['portal', 'staff'] as const;
export type ResponseSource = (typeof RESPONSE_SOURCES)[number];
export const RESPONSE_SOURCE_LABELS: Record<ResponseSource, string> = { portal: '企业网上提交', staff: '工作人员录入（来函、座谈）' };
