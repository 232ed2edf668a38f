// /api/calendar/*: the working-day calendar and the "2115" clock for the caller's tenant (R6.2,
// R8.1), national holiday notices (loaded by the province's sysadmin) and tenant overrides.
// A computation needing a year without a notice answers 422 CALENDAR_YEAR_NOT_LOADED with the year
// in `details.year`. Instants are answered in +08:00; in query strings write '+' as %2B (an
// unencoded '+' that arrives as a space is accepted too).
import { z } from 'zod';
import { authedCtx, type ZApp } from '../../http/context.ts';
import { PG_INT_MAX, text, version } from '../../http/schemas.ts';
import { isIsoDate, noticeSchema } from '../../domain/calendar/index.ts';
import * as service from './calendar.service.ts';
import { AddWorkdaysSchema, IsWorkdaySchema, NoticeInForceSchema, OverridesSchema, SlaSchema, YearDaysSchema } from '../../../../shared/api/calendar.ts';
import { listOf } from '../../../../shared/api/common.ts';

const tags = ['calendar'];
const isoDate = z.string('须为日期').refine(isIsoDate, '日期格式不正确，应为 YYYY-MM-DD 且为真实存在的日期');
const instant = text(64).describe('ISO 8601 时间，如 2025-09-30T16:00:00+08:00（无时区按北京时间）');
const overrideKind = z.enum(['holiday', 'makeup', 'workday', 'restday'], '类型须为 holiday、makeup、workday 或 restday');

const overrideItem = z.strictObject({
  date: isoDate,
  kind: overrideKind,
  note: text(200, 0).default(''),
});

/** Loading notices: the province's sysadmin (checked in the service); cities manage overrides. */
const admins = ['sysadmin'] as const;

export function calendarRoutes(app: ZApp) {
  app.get(
    '/api/calendar/days',
    {
      config: { policy: { roles: 'authenticated' } },
      schema: {
        tags,
        summary: '某年每日类型（本单位：节假日通知 + 本地调整）',
        querystring: z.strictObject({
          year: z.coerce.number('年度须为数字').int('年度须为整数').min(2000, '年度须在 2000—2100 之间').max(2100, '年度须在 2000—2100 之间'),
        }),
        response: { 200: YearDaysSchema },
      },
    },
    async (request) => service.days(authedCtx(request), request.query.year),
  );

  app.get(
    '/api/calendar/is-workday',
    {
      config: { policy: { roles: 'authenticated' } },
      schema: {
        tags,
        summary: '某日是否工作日（本单位）',
        querystring: z.strictObject({ date: isoDate }),
        response: { 200: IsWorkdaySchema },
      },
    },
    async (request) => service.isWorkday(authedCtx(request), request.query.date),
  );

  app.get(
    '/api/calendar/add-workdays',
    {
      config: { policy: { roles: 'authenticated' } },
      schema: {
        tags,
        summary: 'N 个工作日后的截止时刻（受理当日不计入，到期日 24:00 截止）',
        querystring: z.strictObject({
          from: instant,
          days: z.coerce.number('工作日数须为数字').int('工作日数须为整数').min(0, '工作日数不能为负').max(1000, '工作日数不能超过 1000'),
        }),
        response: { 200: AddWorkdaysSchema },
      },
    },
    async (request) => service.addWorkdays(authedCtx(request), request.query.from, request.query.days),
  );

  app.get(
    '/api/calendar/sla',
    {
      config: { policy: { roles: 'authenticated' } },
      schema: {
        tags,
        summary: '“2115”三个时限（按本单位工作机制参数与日历，R6.2、R8.1）',
        querystring: z.strictObject({ received: instant }),
        response: { 200: SlaSchema },
      },
    },
    async (request) => service.sla(authedCtx(request), request.query.received),
  );

  app.get(
    '/api/calendar/notices',
    {
      config: { policy: { roles: 'authenticated' } },
      schema: { tags, summary: '已载入的年度节假日安排及其文号', response: { 200: listOf(NoticeInForceSchema) } },
    },
    async (request) => service.listNotices(authedCtx(request)),
  );

  app.post(
    '/api/calendar/notices',
    {
      config: { policy: { roles: admins } },
      schema: {
        tags,
        summary: '载入年度节假日通知（仅省厅系统管理员）；已载入的年度须 replace: true 并提交读取到的 version',
        body: z.strictObject({
          ...noticeSchema.shape,
          replace: z.boolean('replace 须为布尔值').optional().describe('替换已载入的年度（含随版本发布的年度）'),
          version: z
            .number('版本号须为数字')
            .int('版本号须为整数')
            .min(0, '版本号不能为负')
            .max(PG_INT_MAX, '版本号不正确')
            .optional()
            .describe('替换时读取到的版本号'),
        }),
        response: { 200: NoticeInForceSchema, 201: NoticeInForceSchema },
      },
    },
    async (request, reply) => {
      const r = await service.loadNotice(authedCtx(request), request.body as service.LoadNoticeInput);
      return reply.status(r.created ? 201 : 200).send(r.notice);
    },
  );

  app.get(
    '/api/calendar/overrides',
    {
      config: { policy: { roles: 'authenticated' } },
      schema: { tags, summary: '本单位日历本地调整（R8.1）', response: { 200: OverridesSchema } },
    },
    async (request) => service.getOverrides(authedCtx(request)),
  );

  app.put(
    '/api/calendar/overrides',
    {
      config: { policy: { roles: admins } },
      schema: {
        tags,
        summary: '修改本单位日历本地调整（整表提交，须带版本号，R8.1）',
        body: z.strictObject({ version, items: z.array(overrideItem).max(1000, '调整不能超过 1000 条') }),
        response: { 200: OverridesSchema },
      },
    },
    async (request) => service.putOverrides(authedCtx(request), request.body),
  );
}
