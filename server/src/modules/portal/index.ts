// The enterprise portal's public surface: the task that issues the signed evaluation links of new
// replies (run by the scheduler, jobs/tasks.ts).
export { evaluationLinksTask } from './portal.links.issue.ts';
// The SMS outbox (sms_outbox, drained by a gateway) for messages of other capabilities: the R5.1
// roundtable invitations, the R7.3 survey invitations and reminders.
export { queueSms, type OutgoingSms } from './portal.sms.ts';
// Issue 18: the gateway adapter that drains it (its task, and the drain for tests and the CLI).
export { drainSmsOutbox, SMS_MAX_ATTEMPTS, SMS_RETRY_DELAYS_SECONDS, type SmsGateway } from './portal.sms.ts';
export { smsGatewayTask } from './portal.sms.tasks.ts';
export { maskSentSms, registrationsByMobile, smsToPhone, type RegistrationHolding, type SmsHolding } from './portal.privacy.ts';
