// Roundtables (政企沟通圆桌会、座谈会、走进企业家会客厅) vocabularies (R5.*, R7.1), shared by server and web.
// Ids are English; labels are what users see. The state machine lives in
// server/src/domain/roundtables/transitions.ts.

export const ROUNDTABLE_KINDS = ['roundtable', 'symposium', 'parlour'] as const;
export type RoundtableKind = (typeof ROUNDTABLE_KINDS)[number];
export const ROUNDTABLE_KIND_LABELS: Record<RoundtableKind, string> = {
  roundtable: '政企沟通圆桌会',
  symposium: '座谈会',
  parlour: '走进企业家会客厅',
};

/** R5.1: the provincial government organises; the department may hold its own symposiums. */
export const ROUNDTABLE_ORGANISERS = ['province', 'department'] as const;
export type RoundtableOrganiser = (typeof ROUNDTABLE_ORGANISERS)[number];
export const ROUNDTABLE_ORGANISER_LABELS: Record<RoundtableOrganiser, string> = {
  province: '省政府',
  department: '本厅',
};

export const ROUNDTABLE_STATES = ['collecting', 'prepared', 'in_session', 'following_up', 'closed', 'cancelled'] as const;
export type RoundtableState = (typeof ROUNDTABLE_STATES)[number];
export const ROUNDTABLE_STATE_LABELS: Record<RoundtableState, string> = {
  collecting: '征集诉求中',
  prepared: '筹备就绪',
  in_session: '会议进行中',
  following_up: '会后跟踪',
  closed: '已办结',
  cancelled: '已取消',
};

export const ROUNDTABLE_ACTIONS = [
  'edit',
  'add_item',
  'invite',
  'reply',
  'arrange_leader',
  'close_collection',
  'open',
  'answer_item',
  'item_to_appeal',
  'record_minutes',
  'close',
  'cancel',
] as const;
export type RoundtableAction = (typeof ROUNDTABLE_ACTIONS)[number];
export const ROUNDTABLE_ACTION_LABELS: Record<RoundtableAction, string> = {
  edit: '修改会议信息',
  add_item: '登记诉求事项',
  invite: '邀请企业',
  reply: '回复邀请',
  arrange_leader: '安排厅领导出席',
  close_collection: '结束征集',
  open: '开始会议',
  answer_item: '当场答复',
  item_to_appeal: '转为诉求办理',
  record_minutes: '录入会议纪要',
  close: '办结',
  cancel: '取消会议',
};

export const ITEM_SOURCES = ['staff', 'portal', 'on_site'] as const;
export type ItemSource = (typeof ITEM_SOURCES)[number];
export const ITEM_SOURCE_LABELS: Record<ItemSource, string> = {
  staff: '工作人员录入',
  portal: '企业网上提交',
  on_site: '会上提出',
};

export const ITEM_DISPOSITIONS = ['pending', 'answered', 'appeal'] as const;
export type ItemDisposition = (typeof ITEM_DISPOSITIONS)[number];
export const ITEM_DISPOSITION_LABELS: Record<ItemDisposition, string> = {
  pending: '待会上处理',
  answered: '当场答复',
  appeal: '转为诉求办理',
};

export const INVITATION_REPLIES = ['pending', 'attending', 'declined'] as const;
export type InvitationReply = (typeof INVITATION_REPLIES)[number];
export const INVITATION_REPLY_LABELS: Record<InvitationReply, string> = {
  pending: '待回复',
  attending: '参加',
  declined: '不参加',
};

/** R5.3: 办公室 arranges the leaders' attendance. */
export const LEADER_ATTENDANCE = ['invited', 'confirmed', 'declined'] as const;
export type LeaderAttendance = (typeof LEADER_ATTENDANCE)[number];
export const LEADER_ATTENDANCE_LABELS: Record<LeaderAttendance, string> = {
  invited: '已邀请',
  confirmed: '确认出席',
  declined: '不出席',
};

/** R5.2 how the liaison with 省政府办公厅 runs, shown on the record. */
export const leadRuleText = (unitCount: number, leadName: string) =>
  unitCount <= 1
    ? `会议事项涉及一个处室：由${leadName}直接与省政府办公厅对接（R5.2）`
    : `会议事项涉及${unitCount}个处室：由${leadName}牵头对接省政府办公厅并协调其他处室（R5.2）`;
