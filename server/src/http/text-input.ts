// Issue 12 item 8: one text check at the boundary for every string a request brings — JSON bodies
// (nested objects and arrays, keys included: they reach JSON columns), query strings and path
// parameters — before any schema or handler sees it. A lone surrogate or a control character is a
// 400 naming the field in Chinese, never a 500 from the database; query strings and path parameters
// are single-line. Multipart file names and fields are checked where they are read
// (http/attachments.ts, the importer's route) with the same textProblem.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { textProblem } from '../../../shared/text.ts';
import { AppError, ErrorCode } from '../errors.ts';

/** Deeper JSON than this is refused (no form of ours nests more than a few levels). */
export const MAX_JSON_DEPTH = 32;
const MAX_FIELDS_REPORTED = 20;

type Problems = Record<string, string>;

const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

/** Walks a parsed value without recursion (a deep body cannot overflow the stack). */
function walk(root: unknown, prefix: string, singleLine: boolean, problems: Problems) {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: prefix, depth: 0 }];
  while (stack.length && Object.keys(problems).length < MAX_FIELDS_REPORTED) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      const p = textProblem(value, { singleLine });
      if (p) problems[path || '_'] ??= p;
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) {
      // Named by its top-level field: a path 32 levels long helps no one.
      problems[path.split('.')[0] || '_'] ??= `嵌套层级过深（不能超过${MAX_JSON_DEPTH}层）`;
      continue;
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: join(path, i), depth: depth + 1 });
      continue;
    }
    for (const key of Object.keys(value).reverse()) {
      const kp = textProblem(key, { singleLine: true });
      if (kp) {
        problems[join(path, key.toWellFormed())] ??= `字段名${kp}`;
        continue;
      }
      stack.push({ value: (value as Record<string, unknown>)[key], path: join(path, key), depth: depth + 1 });
    }
  }
}

/** The fields of this request whose text may not be stored (empty when all is well). */
export function requestTextProblems(request: Pick<FastifyRequest, 'body' | 'query' | 'params'>): Problems {
  const problems: Problems = {};
  walk(request.params, '', true, problems);
  walk(request.query, '', true, problems);
  walk(request.body, '', false, problems);
  return problems;
}

export function registerTextInput(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    if (!request.url.startsWith('/api')) return; // the web app's pages: files or index.html
    const problems = requestTextProblems(request);
    if (Object.keys(problems).length) throw new AppError(ErrorCode.VALIDATION_FAILED, undefined, { fields: problems });
  });
}
