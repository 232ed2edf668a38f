// Issue 18: /api/openapi.json is what integrators generate their clients from. After @fastify/swagger
// has built the document, this declares what every operation needs (redocly's recommended rules):
// the security schemes (session cookie + CSRF header for the staff and portal API, the bearer API
// token for /api/integrations/…) and each operation's own (public ones: none), a stable operationId
// (method + path unless the route names one), the app's error body declared once and referenced for
// the 4xx answers, the servers and every tag with its description.
// server/test/foundation/openapi.test.ts keeps it so.
import type { PolicyRoute } from '../plugins/policy.ts';

type Operation = {
  operationId?: string;
  security?: Record<string, string[]>[];
  tags?: string[];
  parameters?: { in: string }[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
};
type Doc = {
  paths?: Record<string, Record<string, Operation>>;
  components?: Record<string, Record<string, unknown>>;
  tags?: { name: string; description?: string }[];
  servers?: { url: string; description?: string }[];
  [k: string]: unknown;
};

export const TAG_DESCRIPTIONS: Record<string, string> = {
  auth: '登录、会话与密码',
  security: '安全设置与账号安全',
  organisation: '单位、处室、账号与参数设置',
  audit: '审计日志',
  notifications: '站内通知',
  appeals: '涉企诉求闭环办理',
  portal: '企业端（门户）',
  dashboard: '数据看板',
  reports: '月报、年报与报表',
  assessment: '年度考核',
  integrations: '外部系统接入：工单推送与办理情况查询（接口令牌认证）',
  'integrations-admin': '集成接入管理（系统管理员）',
  other: '其他接口',
};

export const SECURITY_SCHEMES = {
  session: { type: 'apiKey', in: 'cookie', name: 'zqt_sid', description: '登录后服务器设置的会话 Cookie（HttpOnly）' },
  csrfToken: { type: 'apiKey', in: 'header', name: 'x-csrf-token', description: '写操作须在请求头带上登录应答中的 csrfToken' },
  apiToken: { type: 'http', scheme: 'bearer', description: '集成接入的接口令牌（zqt_…），由系统管理员在“集成接入”页签发' },
};

const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'];
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** getAppealsByIdMessages for GET /api/appeals/{id}/messages: stable while the path is. */
export function operationIdOf(method: string, path: string): string {
  const parts = path
    .replace(/^\/api\//, '')
    .split('/')
    .filter(Boolean)
    .map((seg) => {
      const param = /^\{(.+)\}$/.exec(seg);
      const words = (param ? param[1] : seg).split(/[^A-Za-z0-9]+/).filter(Boolean);
      return (param ? 'By' : '') + words.map(cap).join('');
    });
  return method.toLowerCase() + parts.join('');
}

/**
 * anyOf whose members are all the same schema is that schema: zod's tuples of one type come out of the
 * OpenAPI 3.0 conversion as `items: { anyOf: [S, S] }` (redocly's no-illogical-composition-keywords).
 */
export function collapseDuplicateAnyOf(node: unknown): void {
  if (Array.isArray(node)) {
    for (const n of node) collapseDuplicateAnyOf(n);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  for (const v of Object.values(o)) collapseDuplicateAnyOf(v);
  const any = o.anyOf;
  if (Array.isArray(any) && any.length > 1 && any.every((m) => m && typeof m === 'object' && JSON.stringify(m) === JSON.stringify(any[0]))) {
    const [only] = any as Record<string, unknown>[];
    delete o.anyOf;
    for (const [k, v] of Object.entries(only)) if (!(k in o)) o[k] = v;
  }
}

export function finishOpenapi(doc: Doc, routes: readonly PolicyRoute[], servers: { url: string; description: string }[]): Doc {
  collapseDuplicateAnyOf(doc.paths);
  collapseDuplicateAnyOf(doc.components);
  const policyOf = new Map(routes.map((r) => [`${r.method.toLowerCase()} ${r.url.replace(/:([A-Za-z]+)/g, '{$1}')}`, r.policy]));
  doc.servers = servers;
  doc.components = {
    ...doc.components,
    securitySchemes: SECURITY_SCHEMES,
    schemas: {
      ...doc.components?.schemas,
      Error: {
        type: 'object',
        description: '统一错误体：code 为错误码，message 为中文说明，fields 为逐字段的中文错误（字段路径如 orders.3.title）',
        required: ['error', 'requestId'],
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message'],
            properties: {
              code: { type: 'string' },
              message: { type: 'string' },
              fields: { type: 'object', additionalProperties: { type: 'string' } },
              details: {},
            },
          },
          requestId: { type: 'string' },
        },
      },
    },
    responses: {
      ...doc.components?.responses,
      Error: { description: '请求未被执行：错误码与中文说明见响应体', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    },
  };
  const used = new Set<string>();
  for (const [path, ops] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(ops)) {
      if (!METHODS.includes(method)) continue;
      op.operationId ??= operationIdOf(method, path);
      if (!op.tags?.length) op.tags = ['other'];
      for (const t of op.tags) used.add(t);
      const policy = policyOf.get(`${method} ${path}`);
      const write = !['get', 'head', 'options'].includes(method);
      if (policy?.token) op.security = [{ apiToken: [] }];
      else if (!policy || policy.public) op.security = [];
      else op.security = [write ? { session: [], csrfToken: [] } : { session: [] }];
      const errors = ['400'];
      if (policy && !policy.public) errors.push('401', '403');
      if (path.includes('{')) errors.push('404');
      if (policy?.token) errors.push('429');
      op.responses ??= {};
      for (const code of errors) op.responses[code] ??= { $ref: '#/components/responses/Error' };
    }
  }
  doc.tags = [...used].sort().map((name) => ({ name, description: TAG_DESCRIPTIONS[name] ?? name }));
  return doc;
}
