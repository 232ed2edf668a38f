// Integrations (issue 18, capability 7): the vocabularies of integration clients and their API
// tokens, shared by server and web. docs/INTEGRATIONS.md describes the API.
import type { AppealChannel } from './appeals.ts';

/** What a token may do. */
export const TOKEN_SCOPES = ['work_orders:write', 'work_orders:read'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
export const TOKEN_SCOPE_LABELS: Record<TokenScope, string> = {
  'work_orders:write': '推送工单',
  'work_orders:read': '查询工单办理情况',
};

/** The channels a client may feed (the platforms around the department, R3.1, R3.4). */
export const INTEGRATION_CHANNELS = [
  'hotline_12345',
  'governor_mailbox',
  'instant_response',
  'entrepreneur_zone',
  'governor_hotline',
  'provincial_leader',
  'hotline',
  'website',
  'other',
] as const satisfies readonly AppealChannel[];
export type IntegrationChannel = (typeof INTEGRATION_CHANNELS)[number];

/** Token lifetime choices (days) offered when issuing; at most a year. */
export const TOKEN_MAX_DAYS = 366;
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 120;
/** A batch holds at most this many work orders. */
export const WORK_ORDER_BATCH_MAX = 500;

/** The token's state as the staff page shows it. */
export const TOKEN_STATES = ['active', 'expired', 'revoked'] as const;
export type TokenState = (typeof TOKEN_STATES)[number];
export const TOKEN_STATE_LABELS: Record<TokenState, string> = { active: '有效', expired: '已过期', revoked: '已吊销' };

/** A work order's fields as the appeal timeline names them (来源平台更新工单: what changed). */
export const WORK_ORDER_FIELD_LABELS: Record<string, string> = {
  title: '标题',
  content: '内容',
  category: '类别',
  contactName: '联系人',
  contactPhone: '联系电话',
  enterpriseName: '企业名称',
  enterpriseUscc: '统一社会信用代码',
  sector: '行业',
  receivedAt: '受理时间',
  isSafetyHazard: '安全隐患',
  isMajor: '重大事项',
  lulibanRef: '鲁力办督办编号',
};
