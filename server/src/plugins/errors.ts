// One error shape for every failure: `{ error: { code, message, fields?, details? }, requestId }`.
// 5xx never show internals; validation failures list Chinese messages per field.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import { AppError, ErrorCode, RETRY_AFTER_SECONDS, databaseUnavailable, defaultMessage, httpStatusOf } from '../errors.ts';

export function errorBody(err: AppError, requestId: string) {
  return {
    error: {
      code: err.code,
      message: err.message,
      ...(err.fields ? { fields: err.fields } : {}),
      ...(err.details !== undefined ? { details: err.details } : {}),
    },
    requestId,
  };
}

const CONTEXT_PREFIX: Record<string, string> = { body: '', querystring: '', params: '', headers: 'header.' };

function validationToAppError(err: FastifyError): AppError {
  const fields: Record<string, string> = {};
  const prefix = CONTEXT_PREFIX[err.validationContext ?? 'body'] ?? '';
  for (const v of err.validation ?? []) {
    const base = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const params = v.params as { keys?: string[] } | undefined;
    if (v.keyword === 'unrecognized_keys' && params?.keys) {
      for (const k of params.keys) fields[prefix + (base ? `${base}.${k}` : k)] = '不允许的字段';
      continue;
    }
    const key = prefix + (base || '_');
    fields[key] ??= v.message ?? '格式不正确';
  }
  return new AppError(ErrorCode.VALIDATION_FAILED, undefined, { fields });
}

export function toAppError(err: FastifyError | Error): AppError {
  if (err instanceof AppError) return err;
  const fe = err as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fe)) return validationToAppError(fe);
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError(ErrorCode.PAYLOAD_TOO_LARGE, '提交的内容超过 1 MB 上限');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError(ErrorCode.VALIDATION_FAILED, '请求体为空', { fields: { _: '请求体为空' } });
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError(ErrorCode.VALIDATION_FAILED, '请求体不是合法的 JSON', { fields: { _: '请求体不是合法的 JSON' } });
  }
  if (fe instanceof SyntaxError || fe.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') {
    return new AppError(ErrorCode.VALIDATION_FAILED, '请求体不是合法的 JSON', { fields: { _: '请求体不是合法的 JSON' } });
  }
  // Issue 12 item 11: a refused, dropped or timed-out database connection is a 503 (retry), not a 500.
  if (isDatabaseUnavailable(err)) return databaseUnavailable();
  const status = fe.statusCode ?? 500;
  if (status === 429) return new AppError(ErrorCode.RATE_LIMITED);
  if (status === 404) return new AppError(ErrorCode.NOT_FOUND);
  if (status === 415) return new AppError(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
  if (status === 413) return new AppError(ErrorCode.PAYLOAD_TOO_LARGE);
  if (status >= 400 && status < 500) return new AppError(ErrorCode.VALIDATION_FAILED, defaultMessage.VALIDATION_FAILED);
  return new AppError(ErrorCode.INTERNAL);
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const appErr = toAppError(err);
    if (appErr.code === ErrorCode.SERVICE_UNAVAILABLE) {
      request.log.warn({ err: err.message }, 'database unavailable');
      reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    } else if (appErr.status >= 500) request.log.error({ err }, 'request failed');
    else if (appErr.code === ErrorCode.RATE_LIMITED && typeof (appErr.details as { retryAfterSeconds?: unknown })?.retryAfterSeconds === 'number') {
      // A throttle that knows when its window ends says so (Retry-After, seconds).
      reply.header('retry-after', String((appErr.details as { retryAfterSeconds: number }).retryAfterSeconds));
      request.log.info({ code: appErr.code }, 'request refused');
    } else request.log.info({ code: appErr.code }, 'request refused');
    return reply.status(httpStatusOf[appErr.code]).send(errorBody(appErr, request.id));
  });
}
