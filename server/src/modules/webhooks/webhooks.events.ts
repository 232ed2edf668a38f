// Issue 18: which timeline events of the appeals module become which webhook event, and the body
// each one sends. Bodies are versioned (`version`, shared/webhooks.ts WEBHOOK_PAYLOAD_VERSION) and carry
// only what an outside system may know: the appeal's number, title, state and external id, never the
// enterprise's contact person, phone or the texts of the handling units.
import { WEBHOOK_PAYLOAD_VERSION, type WebhookEvent } from '../../../../shared/webhooks.ts';
import type { ExportedEvent } from '../appeals/index.ts';

/** appeal_events.type → webhook event. */
export const TIMELINE_TO_WEBHOOK: Record<string, WebhookEvent> = {
  create: 'appeal.created',
  dispatch: 'appeal.dispatched',
  transfer: 'appeal.dispatched',
  overdue: 'appeal.milestone_overdue',
  reply: 'appeal.replied',
  evaluate: 'appeal.evaluated',
  reopen: 'appeal.reopened',
  close: 'appeal.closed',
  answer_on_spot: 'appeal.closed',
};
export const TIMELINE_TYPES = Object.keys(TIMELINE_TO_WEBHOOK);

const str = (v: unknown) => (typeof v === 'string' ? v : null);

/** The JSON body of one event (the same bytes for every subscription and every attempt). */
export function webhookBody(e: ExportedEvent): { type: WebhookEvent; body: string } {
  const type = TIMELINE_TO_WEBHOOK[e.type];
  const p = e.payload ?? {};
  const extra: Record<string, unknown> = {};
  if (type === 'appeal.dispatched') extra.redispatch = e.type === 'transfer';
  if (type === 'appeal.milestone_overdue') Object.assign(extra, { milestone: str(p.milestone), milestoneLabel: str(p.label), dueAt: str(p.dueAt) });
  if (type === 'appeal.evaluated') extra.rating = str(p.rating);
  if (type === 'appeal.closed') extra.closeReason = e.type === 'answer_on_spot' ? 'answered_on_spot' : str(p.closeReason);
  const body = {
    type,
    version: WEBHOOK_PAYLOAD_VERSION,
    timestamp: e.at.toISOString(),
    data: {
      eventId: e.id,
      appealId: e.appealId,
      number: e.number,
      title: e.title,
      category: e.category,
      channel: e.channel,
      externalId: e.externalRef,
      stateAfter: e.stateAfter,
      ...extra,
    },
  };
  return { type, body: JSON.stringify(body) };
}

/**
 * Retry schedule (Standard Webhooks' recommendation, about a day in all): the wait after the n-th failed
 * attempt. After the last one the delivery is 'failed'.
 */
export const RETRY_DELAYS_SECONDS = [5, 300, 1800, 7200, 18000, 36000, 36000];
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;
/** A subscription with no successful attempt for this long, when a delivery runs out of tries, is disabled. */
export const DISABLE_AFTER_FAILING_HOURS = 24;
