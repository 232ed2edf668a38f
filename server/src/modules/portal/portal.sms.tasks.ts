// Issue 18: the SMS gateway adapter's task (jobs/tasks.ts): drains the outbox every 10 seconds when
// SMS_GATEWAY_URL is set; without it the task reports `configured: false` and sends nothing.
import { loadConfig } from '../../config.ts';
import type { TaskDef } from '../../jobs/scheduler.ts';
import { drainSmsOutbox } from './portal.sms.ts';

let gateway: ReturnType<typeof loadConfig>['sms'] | undefined;

export const smsGatewayTask: TaskDef = {
  name: 'sms-gateway',
  intervalSeconds: 10,
  leaseSeconds: 180,
  run: async ({ db, now }) => {
    if (gateway === undefined) gateway = loadConfig().sms;
    return { result: { ...(await drainSmsOutbox(db, gateway, now, { limit: 200 })) } };
  },
};
