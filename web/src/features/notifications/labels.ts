// Labels and colours of notification types (server/src/modules/notifications/notify-events.ts and the tasks that notify).

export const NOTIFICATION_TYPE_LABELS: Record<string, string> = {
  dispatch: '派单',
  returned: '退单',
  due_soon: '即将到期',
  overdue: '逾期',
  urged: '催办',
  evaluated: '评价',
  escalated: '督办',
  major: '重大事项',
  transfer_in: '上级转来',
  // R6.5 reminder written by the escalation module's task.
  leader_report_due: '月报报送提醒',
  contact_point: '联系点提醒',
  // Issue 22: a holiday notice missing for a year appeals wait on (to the sysadmins, weekly).
  calendar_year_missing: '节假日安排待载入',
  // Issue 7: the reply with the signed evaluation link, to the enterprise's portal accounts.
  evaluation_link: '答复待评价',
  survey_invitation: '满意度调查',
  supervision: '作风督导',
  // Issue 7: a message of the appeal's thread (enterprise ↔ handling unit).
  message: '沟通消息',
  // R5.1: an invitation to a roundtable, to the invited enterprise's portal accounts.
  roundtable_invitation: '会议邀请',
  policy_consultation: '意见征集',
  // Issue 18: a webhook subscription stopped after a day of failures.
  webhook_disabled: '事件推送停用',
  knowledge_expired: '知识条目过期',
  instruction: '领导批示',
};

export const NOTIFICATION_TYPE_COLORS: Record<string, string> = {
  dispatch: 'blue',
  returned: 'volcano',
  due_soon: 'orange',
  overdue: 'red',
  urged: 'magenta',
  evaluated: 'green',
  escalated: 'red',
  major: 'purple',
  transfer_in: 'cyan',
  evaluation_link: 'green',
  survey_invitation: 'purple',
  supervision: 'volcano',
  message: 'geekblue',
  roundtable_invitation: 'gold',
  policy_consultation: 'lime',
  webhook_disabled: 'red',
};
