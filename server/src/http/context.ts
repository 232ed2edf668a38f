// Glue between a Fastify request and the service layer's Ctx.
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config.ts';
import type { Database, Db } from '../db/client.ts';
import { AppError, ErrorCode } from '../errors.ts';
import type { AuthedCtx, Ctx } from '../lib/context.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    database: Database;
    config: Config;
  }
}

export type ZApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export function ctxOf(request: FastifyRequest): Ctx {
  return { db: request.server.db, actor: request.actor, ip: request.ip, requestId: request.id, tenantSnapshot: request.tenantSnapshot };
}

/** The policy layer has already refused unauthenticated calls; this narrows the type. */
export function authedCtx(request: FastifyRequest): AuthedCtx {
  const ctx = ctxOf(request);
  if (!ctx.actor) throw new AppError(ErrorCode.UNAUTHENTICATED);
  return ctx as AuthedCtx;
}
