// Builds the Fastify app; never listens (server.ts does). Tests call it with app.inject.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { AppError, ErrorCode } from './errors.ts';
import { errorBody, registerErrorHandling } from './plugins/errors.ts';
import { registerPolicy } from './plugins/policy.ts';
import { registerModules } from './modules/index.ts';
import { authenticateRequest } from './modules/auth/auth.service.ts';

z.config(z.locales.zhCN());

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
/** /e/<token> and /api/public/evaluations/<token> with the token replaced (log lines). */
export const redactLinkToken = (url: string) => url.replace(/^(\/e\/|\/api\/public\/evaluations\/)[^/?#]+/, '$1[redacted]');

export type BuildOptions = { config: Config; database: Database; logger?: boolean | object };

export async function buildApp({ config, database, logger }: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      logger ??
      (config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'],
            // The evaluation link's token (issue 7) is a bearer secret in the path: never in the logs.
            serializers: {
              req: (req: { method: string; url: string; host?: string; ip?: string }) => ({ method: req.method, url: redactLinkToken(req.url), host: req.host, remoteAddress: req.ip }),
            },
          }),
    bodyLimit: 1024 * 1024,
    trustProxy: config.trustProxy,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : crypto.randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', database.db);
  app.decorate('database', database);
  app.decorate('config', config);

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  registerErrorHandling(app);
  // The cookie parser's hook must run before the policy hook, which reads the session cookie.
  await app.register(fastifyCookie);
  registerPolicy(app, { db: database.db, authenticate: (request) => authenticateRequest(database.db, request) });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // antd injects its CSS-in-JS style tags at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: config.cookieSecure,
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: '政企通 API', version: '0.1.0', description: '山东省应急管理系统与监管企业常态化沟通交流平台' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'zqt_sid' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
  app.get('/api/openapi.json', { config: { policy: { public: true } }, schema: { hide: true } }, async () => app.swagger());

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await database.db.execute(sql`SELECT 1`);
      return { status: 'ok', database: database.kind };
    } catch {
      return reply.status(503).send({ status: 'unavailable' });
    }
  });

  await app.register(async (scoped) => registerModules(scoped.withTypeProvider<ZodTypeProvider>()));

  const hasWeb = fs.existsSync(path.join(WEB_DIST, 'index.html'));
  if (hasWeb) {
    // wildcard: files are looked up per request, so a rebuilt web/dist is served without a restart;
    // a missing file falls through to the not-found handler below (index.html for the SPA).
    await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/', wildcard: true, index: false });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET' || !hasWeb) {
      return reply.status(404).send(errorBody(new AppError(ErrorCode.NOT_FOUND, '接口不存在'), request.id));
    }
    // Single-page app: every other GET gets index.html and the client router takes over.
    return reply.type('text/html').sendFile('index.html');
  });

  return app;
}
