// File transfer (the registry's import and export, the monthly report): the JSON client (client.ts) does not do multipart
// uploads or binary downloads, so these two use fetch directly with the same cookie + CSRF rules.
import { ApiError, toQueryString, type Query } from './client.ts';

async function csrf(): Promise<string> {
  const res = await fetch('/api/auth/session', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  const data = (await res.json()) as { csrfToken: string | null };
  if (!data.csrfToken) throw new ApiError(401, { code: 'UNAUTHENTICATED', message: '请先登录' });
  return data.csrfToken;
}

async function fail(res: Response): Promise<never> {
  let body: { error?: { code: string; message: string; fields?: Record<string, string> }; requestId?: string } | null = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (body?.error) throw new ApiError(res.status, body.error, body.requestId);
  throw new ApiError(res.status, { code: `HTTP_${res.status}`, message: res.status === 413 ? '文件过大' : `请求失败（${res.status}）` });
}

export async function uploadFile<T>(path: string, file: File): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await fetch(`/api${path}`, {
    method: 'POST',
    body: form,
    credentials: 'same-origin',
    headers: { 'x-csrf-token': await csrf(), accept: 'application/json' },
  });
  if (!res.ok) await fail(res);
  return (await res.json()) as T;
}

/** Downloads a file answer (xlsx) and saves it under the server's file name; answers the response headers (counts the server sent along). */
export async function download(path: string, query: Query | undefined, fallbackName: string): Promise<Headers> {
  const res = await fetch(`/api${path}${toQueryString(query)}`, { credentials: 'same-origin' });
  if (!res.ok) await fail(res);
  const blob = await res.blob();
  const cd = res.headers.get('content-disposition') ?? '';
  const m = /filename\*=UTF-8''([^;]+)/.exec(cd);
  const name = m ? decodeURIComponent(m[1]) : fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return res.headers;
}
