import { z } from 'zod';
import { authedCtx, ctxOf, type ZApp } from '../../http/context.ts';
import { text } from '../../http/schemas.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { authenticateRequest, changePassword, login, logout, SESSION_COOKIE } from './auth.service.ts';
import { SessionSchema, SessionStateSchema } from '../../../../shared/api/auth.ts';
import { presentMe } from './me.ts';

export function authRoutes(app: ZApp) {
  const cookieOptions = () => ({
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: app.config.cookieSecure,
  });

  app.post(
    '/api/auth/login',
    {
      config: { policy: { public: true } },
      schema: {
        tags: ['auth'],
        summary: '登录',
        body: z.strictObject({ username: text(64), password: z.string().min(1, '不能为空').max(128, '不能超过128个字符') }),
        response: { 200: SessionSchema },
      },
    },
    async (request, reply) => {
      const ctx = ctxOf(request);
      const r = await login(ctx, { ...request.body, userAgent: request.headers['user-agent'] ?? null }, { ratePerMinute: app.config.loginRatePerMinute });
      reply.setCookie(SESSION_COOKIE, r.token, cookieOptions());
      // Load the actor the way every later request will.
      request.cookies[SESSION_COOKIE] = r.token;
      await authenticateRequest(app.db, request);
      if (!request.actor) throw new AppError(ErrorCode.INTERNAL);
      return { user: await presentMe(app.db, request.actor), csrfToken: r.csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { policy: { roles: 'authenticated', allowPasswordChangePending: true } }, schema: { tags: ['auth'], summary: '退出登录' } },
    async (request, reply) => {
      await logout(authedCtx(request), request.sessionId!);
      reply.clearCookie(SESSION_COOKIE, cookieOptions());
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { policy: { roles: 'authenticated', allowPasswordChangePending: true } },
      schema: { tags: ['auth'], summary: '当前用户', response: { 200: SessionSchema } },
    },
    async (request) => {
      const ctx = authedCtx(request);
      return { user: await presentMe(ctx.db, ctx.actor), csrfToken: request.csrfToken! };
    },
  );

  // The web app's first call: always 200, so a signed-out visitor's browser logs no failed request.
  app.get(
    '/api/auth/session',
    {
      config: { policy: { public: true } },
      schema: {
        tags: ['auth'],
        summary: '当前会话（未登录时 user 为 null）',
        response: { 200: SessionStateSchema },
      },
    },
    async (request) => {
      if (!request.actor) return { user: null, csrfToken: null };
      return { user: await presentMe(app.db, request.actor), csrfToken: request.csrfToken };
    },
  );

  app.post(
    '/api/auth/change-password',
    {
      config: { policy: { roles: 'authenticated', allowPasswordChangePending: true } },
      schema: {
        tags: ['auth'],
        summary: '修改密码',
        body: z.strictObject({
          currentPassword: z.string().min(1, '不能为空').max(128, '不能超过128个字符'),
          newPassword: z.string().min(1, '不能为空').max(128, '不能超过128个字符'),
        }),
      },
    },
    async (request, reply) => {
      await changePassword(authedCtx(request), request.sessionId!, request.body);
      return reply.status(204).send();
    },
  );
}
