// API calls of the appeals closed loop (docs/APPEALS.md): the workbench and search lists, intake,
// one appeal and its actions, attachments, figures, the province's transferred-out list, and the
// message thread with the enterprise (shared with the portal). Response types from shared/api/appeals.ts
// and shared/api/portal.ts; request bodies are the pages' own.
import { api, request, type Query } from '../../api/client.ts';
import { download } from '../../api/files.ts';
import type { List } from '../../../../shared/api/common.ts';
import type {
  AppealAttachment,
  AppealDetail,
  AppealEvent,
  AppealList,
  AppealMoved,
  AppealSummary,
  CoUnit,
  DispatchBatchResult,
  FigureCounts,
  Figures,
  SuggestedUnits,
  TransferredOutItem,
} from '../../../../shared/api/appeals.ts';
import type { TransferTarget } from '../../../../shared/api/organisation.ts';
import type { PortalMessage, PortalThread, StaffMessage, StaffThread } from '../../../../shared/api/portal.ts';
import type { AppealAction, AppealState, MilestoneStateId } from '../../../../shared/appeals.ts';
import { cutText } from '../../../../shared/text.ts';

export type {
  AppealAttachment,
  AppealDetail,
  AppealEvent,
  AppealList,
  AppealSummary,
  CoUnit,
  DispatchBatchResult,
  FigureCounts,
  Figures,
  TransferredOutItem,
  TransferTarget,
};
export type { AppealAction, AppealState, MilestoneStateId };

/** A message of a thread as either side sees it (staff messages carry their unit for the staff). */
export type ThreadMessage = PortalMessage | StaffMessage;
export type Thread = PortalThread | StaffThread;

/** Action → endpoint under /appeals/:id/. */
export const ACTION_PATHS: Partial<Record<AppealAction, string>> = {
  dispatch: 'dispatch',
  accept: 'accept',
  return: 'return',
  transfer: 'transfer',
  transfer_city: 'transfer-city',
  contact: 'contact',
  opinion: 'opinion',
  submit_part: 'part',
  result: 'result',
  reply: 'reply',
  request_extension: 'extension',
  request_pause: 'pause',
  decide_request: 'decide',
  resume: 'resume',
  evaluate: 'evaluate',
  close_unevaluated: 'close-unevaluated',
  urge: 'urge',
  flag: 'flags',
};

/** GET /appeals: the workbench's views, the intake queue, keyword search (query as the server names it). */
export const listAppeals = (query: Query, signal?: AbortSignal) => api.get<AppealList>('/appeals', query, signal);
export const getAppeal = (id: string, signal?: AbortSignal) => api.get<AppealDetail>(`/appeals/${id}`, undefined, signal);
/** Intake (受理登记); the Idempotency-Key makes a repeated submit answer the first appeal. */
export const createAppeal = (body: Record<string, unknown>, idempotencyKey: string) =>
  request<AppealDetail>('POST', '/appeals', { body, headers: { 'idempotency-key': idempotencyKey } });
/** An action of the transition table (the body carries the version read). */
export const act = (id: string, action: AppealAction, body: Record<string, unknown>) => {
  const path = ACTION_PATHS[action];
  if (!path) throw new Error(`no endpoint for action ${action}`);
  return api.post<AppealDetail>(`/appeals/${id}/${path}`, body);
};
/** 批量派单 (R3.2): several appeals of the queue to one lead unit; a result per appeal. */
export const dispatchBatch = (body: {
  items: { id: string; version: number }[];
  leadUnitId: string;
  coUnits?: { unitId: string; part: string }[];
  note?: string | null;
  leadOverrideReason?: string | null;
}) => api.post<DispatchBatchResult>('/appeals/dispatch-batch', body);
/** 导出 Excel of a list query (the same parameters as listAppeals, without paging): how many rows, whether capped. */
export async function exportAppeals(query: Query) {
  const h = await download('/appeals/export.xlsx', query, '诉求列表.xlsx');
  return { count: Number(h.get('x-export-count') ?? 0), capped: h.get('x-export-capped') === 'true' };
}
/** R3.2 lead units for an appeal by business alignment (routing rules, then sector). */
export const suggestedUnits = (id: string) => api.get<SuggestedUnits>(`/appeals/${id}/suggested-units`);
/** R3.2 transfer to a city bureau: the appeal leaves this tenant. */
export const transferToCity = (id: string, body: { version: number; tenantId: string; reason: string }) =>
  api.post<AppealMoved>(`/appeals/${id}/transfer-city`, body);
/** R3.2 the city bureaus of the caller's tenant. */
export const transferTargets = (signal?: AbortSignal) => api.get<List<TransferTarget>>('/tenants/transfer-targets', undefined, signal);
export const transferredOut = (page: { page: number; pageSize: number }, signal?: AbortSignal) =>
  api.get<List<TransferredOutItem>>('/appeals/transferred-out', page, signal);
/** R7.2 figures of a period (live or from the roll-up). */
export const appealFigures = (range: { from: string; to: string }, signal?: AbortSignal) => api.get<Figures>('/appeals/figures', range, signal);

// ---- attachments ----
export function uploadAttachment(appealId: string, file: File, note?: string) {
  const form = new FormData();
  if (note) form.append('note', cutText(note, 500));
  form.append('file', file, file.name);
  return api.upload<AppealAttachment>(`/appeals/${appealId}/attachments`, form);
}
export const downloadHref = (appealId: string, attachmentId: string) => `/api/appeals/${appealId}/attachments/${attachmentId}`;

// ---- the message thread with the enterprise (staff: /appeals/:id/messages, portal: /portal/appeals/:id/messages) ----
export const loadThread = (path: string, signal?: AbortSignal) => api.get<Thread>(path, undefined, signal);
export const postMessage = (path: string, body: { body: string }) => api.post<ThreadMessage>(path, body);
