// The one policy layer. Every /api route declares `config.policy`; a route without one makes the
// app fail to start (and so every test fails). The hook authenticates, checks roles, checks CSRF
// for cookie-authenticated writes, and resolves the addressed resource: another tenant's id
// answers 404 exactly like a missing id.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ROLES, type Role } from '../../../shared/roles.ts';
import type { Db } from '../db/client.ts';
import { AppError, ErrorCode } from '../errors.ts';
import { TOKEN_SCOPES, type TokenScope } from '../../../shared/integrations.ts';
import type { Actor, IntegrationActor, TenantSnapshot } from '../lib/context.ts';
import { safeEqual } from '../lib/crypto.ts';

export type ResourceOwner = { tenantId: string; unitId?: string | null };
export type ResourceResolver = {
  load(db: Db, id: string): Promise<ResourceOwner | null>;
  /** Narrower visibility than the tenant (unit or portfolio scope); default: whole tenant. */
  visible?(actor: Actor, owner: ResourceOwner): boolean;
};

export type RoutePolicy =
  | { public: true; csrf?: false; token?: undefined }
  /**
   * Issue 18: an integration client's API token (`Authorization: Bearer …`) with this scope, and
   * nothing else: the session cookie is not read (so neither a signed-in browser nor a CSRF token
   * opens these routes), and a token opens no other route.
   */
  | { public?: false; token: { scope: TokenScope }; roles?: undefined; resource?: undefined; allowPasswordChangePending?: undefined }
  | {
      public?: false;
      token?: undefined;
      roles: readonly Role[] | 'authenticated';
      /** The path parameter naming a resource of this type; resolved and tenant-checked before validation. */
      resource?: { type: string; param?: string };
      /** Reachable while the user must still change the initial password. */
      allowPasswordChangePending?: boolean;
    };

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy;
  }
  interface FastifyInstance {
    /** Every /api route with its declared policy (the authorization matrix test walks this). */
    policyRoutes: PolicyRoute[];
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** Issue 18: the integration client of a token route (policy `token`). */
    integration: IntegrationActor | null;
    sessionId: string | null;
    csrfToken: string | null;
    /** Issue 20: the actor's tenant settings and calendar revision, read with the session (lib/context.ts). */
    tenantSnapshot: TenantSnapshot | null;
  }
}

const resolvers = new Map<string, ResourceResolver>();
export function registerResource(type: string, resolver: ResourceResolver) {
  resolvers.set(type, resolver);
}
export const resourceTypes = () => [...resolvers.keys()];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type PolicyDeps = {
  db: Db;
  authenticate(request: FastifyRequest): Promise<void>;
  /** Issue 18: sets request.integration for a token route, or throws (401/403/429). */
  authenticateToken?(request: FastifyRequest, scope: TokenScope): Promise<void>;
};

export type PolicyRoute = { method: string; url: string; policy: RoutePolicy };

export function registerPolicy(app: FastifyInstance, deps: PolicyDeps) {
  const policyRoutes: PolicyRoute[] = [];
  app.decorate('policyRoutes', policyRoutes);
  app.addHook('onRoute', (route) => {
    // Everything under /api/ declares a policy; the OpenAPI docs pages are public by nature.
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const policy = route.config?.policy;
    if (!policy) throw new Error(`Route ${route.method} ${route.url} declares no policy (config.policy)`);
    if (policy.token !== undefined) {
      if (!TOKEN_SCOPES.includes(policy.token.scope)) throw new Error(`Route ${route.url}: unknown token scope ${policy.token.scope}`);
    } else if (!policy.public) {
      if (policy.roles !== 'authenticated') {
        for (const r of policy.roles) if (!ROLES.includes(r)) throw new Error(`Route ${route.url}: unknown role ${r}`);
      }
      if (policy.resource && !route.url.includes(`:${policy.resource.param ?? 'id'}`)) {
        throw new Error(`Route ${route.url}: resource param :${policy.resource.param ?? 'id'} missing`);
      }
    }
    for (const method of [route.method].flat()) if (method !== 'HEAD') policyRoutes.push({ method, url: route.url, policy });
  });

  app.decorateRequest('actor', null);
  app.decorateRequest('integration', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('tenantSnapshot', null);

  app.addHook('onRequest', async (request) => {
    const policy = request.routeOptions.config?.policy;
    if (!policy) return; // non-API (static pages, docs)
    if (policy.token !== undefined) {
      // A token route: the bearer token alone, never the session (no ambient credential, so no CSRF).
      if (!deps.authenticateToken) throw new Error('No token authentication configured');
      await deps.authenticateToken(request, policy.token.scope);
      return;
    }
    // Issue 20: the addressed resource's owner is read while the session is (two pooled connections),
    // so a resource route waits for one round trip before its handler instead of two. Nothing of it is
    // used, and it is not awaited, unless the caller is authenticated and holds one of the roles (below);
    // a refused request costs one primary-key read more and answers as before (its answer never waits for it).
    const resource = policy.public ? undefined : policy.resource;
    const resolver = resource ? resolvers.get(resource.type) : undefined;
    if (resource && !resolver) throw new Error(`No resolver for resource type ${resource.type}`);
    const id = resource ? (request.params as Record<string, string>)[resource.param ?? 'id'] : undefined;
    const owner = resolver && UUID.test(id ?? '') ? resolver.load(deps.db, id!) : undefined;
    owner?.catch(() => undefined); // awaited below, unless the request is refused first
    await deps.authenticate(request);
    if (policy.public) return;
    const actor = request.actor;
    if (!actor) throw new AppError(ErrorCode.UNAUTHENTICATED);
    if (policy.roles !== 'authenticated' && !policy.roles.some((r) => actor.roles.includes(r))) {
      throw new AppError(ErrorCode.FORBIDDEN);
    }
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !request.csrfToken || !safeEqual(sent, request.csrfToken)) {
        throw new AppError(ErrorCode.CSRF_FAILED);
      }
    }
    if (actor.mustChangePassword && !policy.allowPasswordChangePending) {
      throw new AppError(ErrorCode.PASSWORD_CHANGE_REQUIRED);
    }
    if (resolver) {
      const o = await owner;
      const visible = o && o.tenantId === actor.tenantId && (resolver.visible?.(actor, o) ?? true);
      if (!visible) throw new AppError(ErrorCode.NOT_FOUND);
    }
  });
}
