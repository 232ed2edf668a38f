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
import { z } from 'zod';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { AppError, ErrorCode, RETRY_AFTER_SECONDS, shuttingDown } from './errors.ts';
import { errorBody, registerErrorHandling } from './plugins/errors.ts';
import { registerPolicy } from './plugins/policy.ts';
import { registerTextInput } from './http/text-input.ts';
import { SECURITY_SCHEMES, finishOpenapi } from './http/openapi.ts';
import { registerModules } from './modules/index.ts';
import { authenticateRequest } from './modules/auth/index.ts';
import { authenticateToken } from './modules/integrations/index.ts';

z.config(z.locales.zhCN());

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');
/** /api, /api/… and /api?…: never answered with the web app. */
const API_PATH = /^\/api(?:[/?#]|$)/;
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
/** /e/<token> and /api/public/evaluations/<token> with the token replaced (log lines). */
export const redactLinkToken = (url: string) => url.replace(/^(\/e\/|\/api\/public\/evaluations\/)[^/?#]+/, '$1[redacted]');

/** /readyz waits this long for the database's answer. */
export const READY_TIMEOUT_MS = 800;

export type BuildOptions = {
  config: Config;
  database: Database;
  logger?: boolean | object;
  /** The built web app (index.html + assets); default web/dist. Tests point it at a folder of their own. */
  webDist?: string;
};

export async function buildApp({ config, database, logger, webDist = WEB_DIST }: BuildOptions): Promise<FastifyInstance> {
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
              req: (req: { method: string; url: string; host?: string; ip?: string }) => ({
                method: req.method,
                url: redactLinkToken(req.url),
                host: req.host,
                remoteAddress: req.ip,
              }),
            },
          }),
    bodyLimit: 1024 * 1024,
    trustProxy: config.trustProxy,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : crypto.randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
    // Issue 12 item 12: during shutdown our own hook below answers 503 in the app's error format;
    // idle keep-alive sockets are closed when close() starts, busy ones after their response.
    return503OnClosing: false,
    forceCloseConnections: 'idle',
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', database.db);
  app.decorate('database', database);
  app.decorate('config', config);

  // Issue 12 item 12: once close() has begun, a request arriving on a kept-alive connection gets 503
  // (app format, Retry-After) and every response closes its connection, so no socket keeps the
  // process alive; requests already in progress finish normally.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (request, reply) => {
    if (!closing) return;
    reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    return reply.status(503).send(errorBody(shuttingDown(), request.id));
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (closing) reply.header('connection', 'close');
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  registerErrorHandling(app);
  registerTextInput(app);
  // The cookie parser's hook must run before the policy hook, which reads the session cookie.
  await app.register(fastifyCookie);
  registerPolicy(app, {
    db: database.db,
    authenticate: (request) => authenticateRequest(database.db, request),
    // Issue 18: token routes read only the bearer token (never the session cookie).
    authenticateToken: async (request, scope) => {
      const { actor, tenantSnapshot } = await authenticateToken(
        {
          db: database.db,
          authorization: request.headers.authorization,
          ip: request.ip,
          requestId: request.id,
          failuresPerMinute: config.integrationTokenFailuresPerMinute,
        },
        scope,
      );
      request.integration = actor;
      request.tenantSnapshot = tenantSnapshot;
    },
  });
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
      components: { securitySchemes: SECURITY_SCHEMES as never },
    },
    transform: jsonSchemaTransform,
    // Issue 18: security per operation, operationIds, the error body, servers, tags (http/openapi.ts).
    transformObject: (documentObject) =>
      finishOpenapi(('openapiObject' in documentObject ? documentObject.openapiObject : {}) as Parameters<typeof finishOpenapi>[0], app.policyRoutes, [
        { url: config.publicUrl, description: '本系统（接口路径以 /api 开头）' },
      ]) as never,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
  app.get('/api/openapi.json', { config: { policy: { public: true } }, schema: { hide: true } }, async () => app.swagger());

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  // Issue 12 item 11: answers within a second whatever the database does (503 when it does not answer in time).
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    if (await database.ping(READY_TIMEOUT_MS)) return { status: 'ok', database: database.kind };
    reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    return reply.status(503).send({ status: 'unavailable', database: database.kind });
  });

  await app.register(async (scoped) => registerModules(scoped.withTypeProvider<ZodTypeProvider>()));

  // The web app. Every GET outside /api answers a file of the build when one exists at that path,
  // else index.html, and the client router takes over (so every page loads at its own address and
  // on reload, `/` included). @fastify/static only provides reply.sendFile here: serving it with its
  // own wildcard route made `/` (a directory of the build) a 403 from `send`, which the error
  // handler turned into a 400 "提交的数据有误".
  const hasWeb = fs.existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) {
    // preCompressed: the build's `.br` / `.gz` beside a file (web/vite.config.ts) go to a browser that
    // accepts them (Vary: accept-encoding); without one, or for another browser, the file itself.
    await app.register(fastifyStatic, { root: webDist, serve: false, index: false, preCompressed: true });
    app.route({
      method: ['GET', 'HEAD'],
      url: '/*',
      schema: { hide: true },
      handler: async (request, reply) => {
        if (API_PATH.test(request.url)) return reply.callNotFound();
        // Looked up per request, so a rebuilt web/dist is served without a restart.
        const file = await buildFile(webDist, (request.params as { '*': string })['*']);
        // Vite names every file under assets/ by its content's hash: a browser may keep it for good
        // (no revalidation on each page load; a new build brings new names). Other files are revalidated.
        if (file) return reply.sendFile(file, file.startsWith('assets/') ? { maxAge: '365d', immutable: true } : {});
        return reply.header('cache-control', 'no-cache').type('text/html').sendFile('index.html', { cacheControl: false });
      },
    });
  }
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(errorBody(new AppError(ErrorCode.NOT_FOUND, API_PATH.test(request.url) ? '接口不存在' : '页面不存在'), request.id)),
  );

  return app;
}

/** The relative path of a regular file of the web build at this URL path, or null (directories, dot-files, outside the build). */
async function buildFile(root: string, urlPath: string): Promise<string | null> {
  const rel = path.posix.normalize(`/${urlPath}`).slice(1);
  if (!rel || rel.split('/').some((seg) => seg.startsWith('.'))) return null;
  const full = path.join(root, rel);
  if (!full.startsWith(root + path.sep)) return null;
  try {
    return (await fs.promises.stat(full)).isFile() ? rel : null;
  } catch {
    return null;
  }
}
