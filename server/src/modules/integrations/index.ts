// The integrations module's public surface (issue 18): the API token check the policy layer runs for
// token routes (app.ts wires it in), and for per-client webhook subscriptions the client of a tenant and
// the client each appeal came from. Clients, tokens and work orders are the module's own.
export { authenticateToken, ipAllowed } from './integrations.auth.ts';
export { clientsOfAppeals } from './integrations.repository.ts';

/** A client of this tenant (id and name), or null. */
export { getClient as integrationClientOf } from './integrations.repository.ts';
