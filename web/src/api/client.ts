// Thin fetch wrapper: JSON in/out, cookie session, CSRF header, typed ApiError.
import type { ErrorBody, List } from '../../../shared/api/common.ts';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string> | undefined;
  readonly details: unknown;
  readonly requestId: string | undefined;

  constructor(status: number, body: ErrorBody['error'], requestId?: string) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.fields = body.fields;
    this.details = body.details;
    this.requestId = requestId;
  }
}

export function isAbortError(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

// ---- CSRF token (kept in memory, refreshed from login / me) ----
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

// ---- Auth events (the session provider subscribes) ----
export type AuthEvent = 'unauthenticated' | 'password-change-required';
type AuthListener = (event: AuthEvent) => void;
const listeners = new Set<AuthListener>();
export function onAuthEvent(listener: AuthListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
function emit(event: AuthEvent): void {
  for (const l of listeners) l(event);
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

export function toQueryString(query?: Query): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not broadcast 401 / password-change events (login, me). */
  quiet?: boolean;
  /** Extra request headers (e.g. Idempotency-Key). */
  headers?: Record<string, string>;
  /** multipart/form-data body (file uploads); the browser sets the content type and boundary. */
  form?: FormData;
}

async function parseError(res: Response): Promise<ApiError> {
  let body: ErrorBody | null = null;
  try {
    body = (await res.json()) as ErrorBody;
  } catch {
    body = null;
  }
  if (body?.error && typeof body.error.code === 'string') {
    return new ApiError(res.status, body.error, body.requestId);
  }
  const message = res.status >= 500 ? `服务暂不可用（${res.status}），请稍后重试` : `请求失败（${res.status}）`;
  return new ApiError(res.status, { code: `HTTP_${res.status}`, message });
}

async function send(method: string, path: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...(opts.headers ?? {}) };
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let body: string | FormData | undefined;
  if (opts.form !== undefined) {
    body = opts.form;
  } else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  try {
    return await fetch(`/api${path}${toQueryString(opts.query)}`, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (err) {
    if (isAbortError(err)) throw err;
    throw new ApiError(0, { code: 'NETWORK_ERROR', message: '网络连接失败，请检查网络后重试' });
  }
}

async function refreshCsrf(): Promise<boolean> {
  const res = await send('GET', '/auth/session', {});
  if (!res.ok) return false;
  const data = (await res.json()) as { csrfToken: string | null };
  if (!data.csrfToken) return false;
  csrfToken = data.csrfToken;
  return true;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  let res = await send(method, path, opts);
  if (res.status === 403 && method !== 'GET') {
    const err = await parseError(res.clone());
    // A stale CSRF token (e.g. after another tab logged in again): refresh once and retry.
    if (err.code === 'CSRF_FAILED' && (await refreshCsrf())) res = await send(method, path, opts);
  }
  if (!res.ok) {
    const err = await parseError(res);
    if (!opts.quiet) {
      if (err.status === 401 && err.code === 'UNAUTHENTICATED') emit('unauthenticated');
      if (err.code === 'PASSWORD_CHANGE_REQUIRED') emit('password-change-required');
    }
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  /** No body (no content type): Fastify refuses an empty JSON body. */
  delete: <T>(path: string) => request<T>('DELETE', path, {}),
  /** POST multipart/form-data (e.g. an appeal attachment: field `file`, optional `note`). */
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, { form }),
};

/** Loads every page of a list endpoint (for small lists used as options, e.g. units). */
export async function fetchAll<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T[]> {
  const pageSize = 100;
  const items: T[] = [];
  for (let page = 1; page <= 100; page++) {
    const res = await api.get<List<T>>(path, { ...query, page, pageSize }, signal);
    items.push(...res.items);
    if (res.items.length < pageSize || items.length >= res.total) break;
  }
  return items;
}
