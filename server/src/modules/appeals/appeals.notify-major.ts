// R3.5 the leaders in charge hear a major matter's handling, not only that it exists: besides the
// notice when it is flagged or dispatched (appeals.notify.ts) and the 督办 of the sweep, they hear its
// result, its reply to the enterprise, the enterprise's evaluation and its closing. Pure: the
// notifier passes the event and the leaders of its lead unit; the notices keep the notifier's
// source key per event and addressee (idempotent).
import {
  CLOSE_REASON_LABELS,
  EVALUATION_RATING_LABELS,
  RESULT_KIND_LABELS,
  type CloseReason,
  type EvaluationRating,
  type ResultKind,
} from '../../../../shared/appeals.ts';
import type { NewNotification } from '../notifications/index.ts';
import type { TimelineEvent } from './appeals.public.repository.ts';

/** The timeline events of a major matter its leaders hear of (beside dispatch, flag and escalate). */
export const MAJOR_HANDLING_EVENTS = ['result', 'reply', 'evaluate', 'close'] as const;

const cut = (s: unknown, n = 80) => {
  const t = typeof s === 'string' ? s : '';
  return t.length > n ? `${t.slice(0, n)}…` : t;
};

export function majorHandlingNotices(e: TimelineEvent, leaderUserIds: readonly string[]): NewNotification[] {
  if (!e.is_major || !leaderUserIds.length || !(MAJOR_HANDLING_EVENTS as readonly string[]).includes(e.type)) return [];
  const p = e.payload ?? {};
  const subject = `${e.number}「${e.title}」`;
  let title: string;
  let body: string;
  switch (e.type) {
    case 'result':
      title = `重大涉企事项办理结果：${e.number}`;
      body = `${subject} 主办处室已登记办理结果「${RESULT_KIND_LABELS[p.kind as ResultKind] ?? ''}」：${cut(p.text)}`;
      break;
    case 'reply':
      title = `重大涉企事项已答复企业：${e.number}`;
      body = `${subject} 已答复企业：${cut(p.text)}`;
      break;
    case 'evaluate': {
      const rating = EVALUATION_RATING_LABELS[p.rating as EvaluationRating] ?? String(p.rating);
      title = `重大涉企事项企业评价「${rating}」：${e.number}`;
      body = `${subject} 企业评价「${rating}」${p.rating === 'dissatisfied' ? '，已重办' : ''}${p.comment ? `。评价意见：${cut(p.comment)}` : ''}`;
      break;
    }
    default:
      title = `重大涉企事项已办结：${e.number}`;
      body = `${subject} 已办结（${CLOSE_REASON_LABELS[p.closeReason as CloseReason] ?? '办结'}）`;
  }
  return [...new Set(leaderUserIds)].map((u) => ({
    tenant_id: e.tenant_id,
    appeal_id: e.appeal_id,
    type: 'major',
    user_id: u,
    title,
    body,
    source_key: `ev:${e.id}:u:${u}`,
  }));
}
