// Contact points (联系点), their selection, visits and other field records (R1.*, R4.*, R7.1),
// vocabularies shared by server and web. The selection workflow itself is the table in
// server/src/domain/contacts/transitions.ts.

/** R1.1 厅领导联系点 (a leader, an enterprise, one liaison unit) · R1.6 处室联系点 (a unit, an enterprise, a liaison officer). */
export const POINT_KINDS = ['leader', 'unit'] as const;
export type PointKind = (typeof POINT_KINDS)[number];
export const POINT_KIND_LABELS: Record<PointKind, string> = { leader: '厅领导联系点', unit: '处室联系点' };

/**
 * Selection and life of a point (R1.5, R1.9): proposed (by the liaison unit / the unit) → 政策法规处
 * coordinates (accept → leader_review, return → returned, propose another enterprise → leader_review)
 * → the leader(s) confirm → confirmed (the term runs, R1.3 / R1.7) → expired (kept in the history).
 */
export const POINT_STATES = ['proposed', 'returned', 'leader_review', 'confirmed', 'expired', 'withdrawn'] as const;
export type PointState = (typeof POINT_STATES)[number];
export const POINT_STATE_LABELS: Record<PointState, string> = {
  proposed: '待统筹协调',
  returned: '已退回',
  leader_review: '待领导确认',
  confirmed: '已确认',
  expired: '已到期',
  withdrawn: '已撤回',
};
/** States that hold a place in the 1–2 limit (R1.1, R1.6). */
export const LIVE_POINT_STATES: readonly PointState[] = ['proposed', 'returned', 'leader_review', 'confirmed'];

export const POINT_ACTIONS = ['resubmit', 'withdraw', 'accept', 'return', 'propose_other', 'confirm', 'send_back', 'expire'] as const;
export type PointAction = (typeof POINT_ACTIONS)[number];
export const POINT_ACTION_LABELS: Record<PointAction, string> = {
  resubmit: '重新报送',
  withdraw: '撤回',
  accept: '统筹通过',
  return: '退回',
  propose_other: '改荐其他企业',
  confirm: '确认',
  send_back: '提出意见退回统筹',
  expire: '到期',
};
/** Timeline event types of a point: the actions plus its creation. */
export const POINT_EVENT_LABELS: Record<string, string> = { ...POINT_ACTION_LABELS, propose: '提出联系点', renewal_notice: '提醒启动下一轮遴选' };

/** Field records (R1.8 visits; R4.1 licensing checks; R4.2 inspections; R4.3 enforcement / complaint verification; R2.4 research visits). */
export const FIELD_KINDS = ['visit', 'licensing_check', 'inspection', 'enforcement', 'complaint_verification', 'research'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];
export const FIELD_KIND_LABELS: Record<FieldKind, string> = {
  visit: '走访',
  licensing_check: '许可现场核查',
  inspection: '执法检查',
  enforcement: '执法核查',
  complaint_verification: '投诉核查',
  research: '调研',
};
/** The appeal channel of an appeal raised during a field record (shared/appeals.ts APPEAL_CHANNELS). */
export const FIELD_APPEAL_CHANNEL = {
  visit: 'research_visit',
  research: 'research_visit',
  licensing_check: 'licensing_check',
  inspection: 'inspection',
  enforcement: 'inspection',
  complaint_verification: 'inspection',
} as const satisfies Record<FieldKind, string>;

export const VISIT_FORMS = ['on_site', 'meeting', 'remote'] as const;
export type VisitForm = (typeof VISIT_FORMS)[number];
export const VISIT_FORM_LABELS: Record<VisitForm, string> = { on_site: '实地走访', meeting: '约请来厅座谈', remote: '视频/电话' };

/** R4.1 the enterprise's rating of the licensing service. */
export const SERVICE_RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type ServiceRating = (typeof SERVICE_RATINGS)[number];
export const SERVICE_RATING_LABELS: Record<ServiceRating, string> = { satisfied: '满意', basically_satisfied: '基本满意', dissatisfied: '不满意' };

/** Year-at-a-glance pace of a point (R1.4, R1.8). */
export const PACES = ['done', 'on_track', 'behind'] as const;
export type Pace = (typeof PACES)[number];
export const PACE_LABELS: Record<Pace, string> = { done: '已完成', on_track: '进度正常', behind: '进度滞后' };
