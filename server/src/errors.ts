// One error-code enum, one map to HTTP status (documenso style). Services throw AppError;
// the error handler in plugins/errors.ts turns it into `{ error: { code, message, fields? }, requestId }`.

export const ErrorCode = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  VERSION_CONFLICT: 'VERSION_CONFLICT',
  CSRF_FAILED: 'CSRF_FAILED',
  ACCOUNT_LOCKED: 'ACCOUNT_LOCKED',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  PASSWORD_CHANGE_REQUIRED: 'PASSWORD_CHANGE_REQUIRED',
  RATE_LIMITED: 'RATE_LIMITED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  CALENDAR_YEAR_NOT_LOADED: 'CALENDAR_YEAR_NOT_LOADED',
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  EVALUATION_LINK_INVALID: 'EVALUATION_LINK_INVALID',
  EVALUATION_LINK_USED: 'EVALUATION_LINK_USED',
  EVALUATION_LINK_EXPIRED: 'EVALUATION_LINK_EXPIRED',
  EVALUATION_LINK_SUPERSEDED: 'EVALUATION_LINK_SUPERSEDED',
  EVALUATION_NOT_AWAITING: 'EVALUATION_NOT_AWAITING',
  /** The database does not answer, or the server is shutting down: retry after Retry-After seconds (issue 12 items 11, 12). */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const httpStatusOf: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  VERSION_CONFLICT: 409,
  CSRF_FAILED: 403,
  ACCOUNT_LOCKED: 423,
  INVALID_CREDENTIALS: 401,
  PASSWORD_CHANGE_REQUIRED: 403,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  CALENDAR_YEAR_NOT_LOADED: 422,
  INVALID_TRANSITION: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  EVALUATION_LINK_INVALID: 404,
  EVALUATION_LINK_USED: 409,
  EVALUATION_LINK_EXPIRED: 410,
  EVALUATION_LINK_SUPERSEDED: 410,
  EVALUATION_NOT_AWAITING: 409,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** Default Chinese messages shown in the UI when a service gives none. */
export const defaultMessage: Record<ErrorCode, string> = {
  VALIDATION_FAILED: '提交的数据有误，请检查标注的字段',
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '无权执行此操作',
  NOT_FOUND: '记录不存在',
  CONFLICT: '与现有数据冲突',
  VERSION_CONFLICT: '数据已被他人修改，请刷新后重试',
  CSRF_FAILED: '请求校验失败，请刷新页面后重试',
  ACCOUNT_LOCKED: '账号已锁定，请稍后再试',
  INVALID_CREDENTIALS: '用户名或密码错误',
  PASSWORD_CHANGE_REQUIRED: '首次登录须先修改密码',
  RATE_LIMITED: '请求过于频繁，请稍后再试',
  PAYLOAD_TOO_LARGE: '提交的内容过大',
  UNSUPPORTED_MEDIA_TYPE: '不支持的内容类型',
  CALENDAR_YEAR_NOT_LOADED: '该年度的节假日安排尚未载入',
  INVALID_TRANSITION: '当前状态不允许此操作',
  IDEMPOTENCY_KEY_REUSED: '该幂等键已用于内容不同的请求',
  EVALUATION_LINK_INVALID: '评价链接无效，请核对短信中的链接是否完整',
  EVALUATION_LINK_USED: '该评价链接已使用，每个链接只能提交一次评价',
  EVALUATION_LINK_EXPIRED: '评价链接已过期',
  EVALUATION_LINK_SUPERSEDED: '该诉求已有新的答复，此链接已失效，请使用最新短信中的链接',
  EVALUATION_NOT_AWAITING: '该诉求当前不在待评价状态（可能已评价或已办结）',
  SERVICE_UNAVAILABLE: '服务暂时不可用，本次操作未执行，请稍后重试',
  INTERNAL: '服务器内部错误',
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Field path → Chinese message, for VALIDATION_FAILED. */
  readonly fields: Record<string, string> | undefined;
  /** Extra machine-readable detail safe to show (e.g. current state on a version conflict). */
  readonly details: unknown;

  constructor(code: ErrorCode, message?: string, opts: { fields?: Record<string, string>; details?: unknown } = {}) {
    super(message ?? defaultMessage[code]);
    this.name = 'AppError';
    this.code = code;
    this.status = httpStatusOf[code];
    this.fields = opts.fields;
    this.details = opts.details;
  }
}

/** Seconds a client should wait before retrying a 503 (the Retry-After header). */
export const RETRY_AFTER_SECONDS = 5;
export const databaseUnavailable = () => new AppError(ErrorCode.SERVICE_UNAVAILABLE, '数据库暂时无法访问，本次操作未执行，请稍后重试');
export const shuttingDown = () => new AppError(ErrorCode.SERVICE_UNAVAILABLE, '服务正在重启，本次操作未执行，请稍后重试');

export const notFound = (what = '记录') => new AppError(ErrorCode.NOT_FOUND, `${what}不存在`);
export const forbidden = (message?: string) => new AppError(ErrorCode.FORBIDDEN, message);
export const invalid = (fields: Record<string, string>, message?: string) => new AppError(ErrorCode.VALIDATION_FAILED, message, { fields });
