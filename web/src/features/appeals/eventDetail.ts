// One line of what a timeline event carried (the payload keys the appeals service writes): the appeal
// page's timeline and the printable 办理单 say it the same way.
import { formatDateTime, formatDeadline } from '../../ui/format.ts';
import { EVALUATION_SOURCE_LABELS, type EvaluationSource } from '../../../../shared/appeals.ts';
import { WORK_ORDER_FIELD_LABELS } from '../../../../shared/integrations.ts';
import { APPEAL_CATEGORY_LABELS, CLOSE_REASON_LABELS, CONTACT_METHOD_LABELS, EVALUATION_RATING_LABELS, RESULT_KIND_LABELS } from './labels.ts';
import type { AppealEvent } from './api.ts';

/** One line of what an event carried (the payload keys the appeals service writes). */
export function eventDetail(e: AppealEvent, fileNames: Map<string, string>): string {
  const p = e.payload ?? {};
  const s = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : '');
  const files = () => {
    const ids = Array.isArray(p.attachmentIds) ? (p.attachmentIds as string[]) : [];
    return ids.length ? `\n附件：${ids.map((i) => fileNames.get(i) ?? '（附件）').join('、')}` : '';
  };
  switch (e.type) {
    case 'dispatch':
    case 'transfer': {
      const co = (p.coUnits as { unitName?: string }[] | undefined)?.map((c) => c.unitName).filter(Boolean) ?? [];
      return `主办：${s('leadUnitName')}${co.length ? `；协办：${co.join('、')}` : ''}${s('reason') ? `；原因：${s('reason')}` : ''}${s('note') ? `；${s('note')}` : ''}`;
    }
    case 'contact':
      return `${CONTACT_METHOD_LABELS[p.method as keyof typeof CONTACT_METHOD_LABELS] ?? ''}，联系${s('withWhom')}（${formatDateTime(s('at'))}）：${s('note')}${files()}`;
    case 'opinion':
    case 'reply':
      return s('text');
    case 'submit_part':
      return `${s('text')}${files()}`;
    case 'attach':
      return `${s('name')}${s('note') ? `（${s('note')}）` : ''}`;
    case 'transfer_city':
      return `转${s('toTenantName')}办理；原因：${s('reason')}`;
    case 'transfer_in':
      return s('reason') ? `原因：${s('reason')}` : '';
    case 'result':
      return `${RESULT_KIND_LABELS[p.kind as keyof typeof RESULT_KIND_LABELS] ?? ''}：${s('text')}`;
    case 'evaluate':
      return `${EVALUATION_RATING_LABELS[p.rating as keyof typeof EVALUATION_RATING_LABELS] ?? ''}${s('comment') ? `：${s('comment')}` : ''}${
        EVALUATION_SOURCE_LABELS[p.source as EvaluationSource] ? `（来源：${EVALUATION_SOURCE_LABELS[p.source as EvaluationSource]}）` : ''
      }`;
    case 'return':
      return `原因：${s('reason')}`;
    case 'urge':
      return s('note');
    case 'work_order_update': {
      // Issue 18: a changed resend of the source platform's work order — what it now says.
      const changes = (p.changes ?? {}) as Record<string, { from: unknown; to: unknown }>;
      const shown = (k: string, v: unknown) =>
        v === null || v === undefined || v === ''
          ? '（空）'
          : typeof v === 'boolean'
            ? v
              ? '是'
              : '否'
            : k === 'receivedAt'
              ? formatDateTime(String(v))
              : k === 'category'
                ? (APPEAL_CATEGORY_LABELS[v as keyof typeof APPEAL_CATEGORY_LABELS] ?? String(v))
                : String(v);
      return [
        `工单 ${s('externalId')} 第${String(p.revision ?? '')}版`,
        ...Object.entries(changes).map(([k, c]) => `${WORK_ORDER_FIELD_LABELS[k] ?? k}：${shown(k, c.from)} → ${shown(k, c.to)}`),
      ].join('\n');
    }
    case 'overdue':
      return `${s('label')} 已逾期（时限 ${formatDeadline(s('dueAt'))}）`;
    case 'escalate':
      return `${p.reason === 'overdue' ? '逾期超过督办阈值' : p.reason === 'repeated' ? `重复诉求${String(p.cycle)}次` : `重办${String(p.cycle)}次`}，报分管领导${s('leaderNames') ? `：${s('leaderNames')}` : ''}`;
    case 'close':
      return CLOSE_REASON_LABELS[p.closeReason as keyof typeof CLOSE_REASON_LABELS] ?? '';
    case 'request_extension':
      return `延期${String(p.workdays)}个工作日：${s('reason')}`;
    case 'request_pause':
      return s('reason');
    case 'decide_request':
      return `${p.approve ? '同意' : '不同意'}${s('comment') ? `：${s('comment')}` : ''}`;
    case 'answer_on_spot':
      return s('answer');
    case 'repeat_flagged':
      return `与 ${s('repeatOfNumber')} 相似（同一企业），第${String(p.repeatCount)}次重复反映`;
    case 'create':
      return s('backdateReason') ? `补录受理时间，原因：${s('backdateReason')}` : '';
    default:
      // Events of other modules (escalation: R6.3/R6.4) carry their own one-line summary.
      return s('summary');
  }
}
