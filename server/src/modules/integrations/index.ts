// The integrations module's public surface (issue 18): the API token check the policy layer runs for
// token routes (app.ts wires it in). Clients, tokens and work orders are the module's own.
export { authenticateToken, ipAllowed } from './integrations.auth.ts';
