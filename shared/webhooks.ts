// Issue 18: the events a tenant's webhook subscriptions receive, and their Chinese labels (web).
// Each comes from a timeline event of the appeals module (server/src/modules/webhooks/webhooks.events.ts).
export const WEBHOOK_EVENTS = [
  'appeal.created',
  'appeal.dispatched',
  'appeal.milestone_overdue',
  'appeal.replied',
  'appeal.evaluated',
  'appeal.reopened',
  'appeal.closed',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK_EVENT_LABELS: Record<WebhookEvent, string> = {
  'appeal.created': '诉求受理',
  'appeal.dispatched': '派单',
  'appeal.milestone_overdue': '节点逾期',
  'appeal.replied': '答复企业',
  'appeal.evaluated': '企业评价',
  'appeal.reopened': '重办',
  'appeal.closed': '办结',
};

/** The payload's version (`version` in every body); a change of shape gets a new number. */
export const WEBHOOK_PAYLOAD_VERSION = 1;

export const WEBHOOK_DELIVERY_STATUS_LABELS: Record<string, string> = { pending: '待投递', delivered: '已送达', failed: '失败' };
export const SMS_STATUS_LABELS: Record<string, string> = { pending: '待发送', sent: '已发送', failed: '发送失败' };
