// The webhooks module's public surface (issue 18, events out): its scheduled task, and the two steps
// for tests, the bench and the CLI.
export { webhooksTask } from './webhooks.tasks.ts';
export { deliverDueWebhooks, fanOutWebhooks, messageId, WEBHOOKS_TASK } from './webhooks.worker.ts';
export { MAX_ATTEMPTS, RETRY_DELAYS_SECONDS } from './webhooks.events.ts';
