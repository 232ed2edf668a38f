// The knowledge module's public surface (capability 8): the matching published answers for the
// suggestion panels (modules/assistance), the expiry task (jobs/tasks.ts), demo data (seed/).
export { matchingAnswers, notifyExpired } from './knowledge.service.ts';
export { knowledgeExpiryTask } from './knowledge.tasks.ts';
export { loadKnowledgeDemo } from './knowledge.demo.ts';
