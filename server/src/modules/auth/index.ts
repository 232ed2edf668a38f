// The auth module's public surface: the request's session (app.ts), the shared PostgreSQL rate
// limiter (login, portal submissions, registrations, messages, evaluation links), ending a user's
// sessions (account disabled or password reset) and sign-in security (issue 12: throttles, password history).
export { authenticateRequest, hitRateLimit } from './auth.service.ts';
export { deleteUserSessions } from './session.repository.ts';
export { clearAllThrottles, rememberPassword, throttledUntilOf, throttledUntilSql } from './signin.repository.ts';
