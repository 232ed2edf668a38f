// HTTP API of the R7.3 annual satisfaction survey: 机关党委 runs it; leaders read every figure; unit
// roles read their own unit's figures. The public link endpoints need no login (policy public).
import { z } from 'zod';
import { QUESTION_KINDS } from '../../../../shared/surveys.ts';
import type { Role } from '../../../../shared/roles.ts';
import { isIsoDate } from '../../domain/calendar/index.ts';
import { authedCtx, ctxOf, type ZApp } from '../../http/context.ts';
import { id, idParams, text, version } from '../../http/schemas.ts';
import { registerResource } from '../../plugins/policy.ts';
import { provideDashboardSlot } from '../dashboard/index.ts';
import * as pub from './surveys.public.ts';
import * as results from './surveys.results.ts';
import * as service from './surveys.service.ts';
import { surveyXlsx } from './surveys.xlsx.ts';
import {
  PublicSurveyDoneSchema,
  PublicSurveySchema,
  SurveyListSchema,
  SurveyResultsSchema,
  SurveySampleListSchema,
  SurveyViewSchema,
} from '../../../../shared/api/surveys.ts';

registerResource('survey', { load: service.surveyOwner });
// R7.3 the dashboard's 企业满意度调查 panel.
provideDashboardSlot('survey', results.surveySlot);

const OVERSIGHT = ['oversight'] as const satisfies readonly Role[];
const READERS = ['oversight', 'leader', 'unit_staff', 'liaison', 'unit_head'] as const satisfies readonly Role[];
const tags = ['surveys'];

const isoDate = z.string().refine((s) => isIsoDate(s), '日期格式应为 YYYY-MM-DD');
const question = z.strictObject({
  key: z.string().regex(/^[A-Za-z0-9_]{1,20}$/, '题目编号只能是字母、数字'),
  kind: z.enum(QUESTION_KINDS, '题型应为评分、单选、多选或文字'),
  text: text(300),
  options: z.array(text(100)).max(20, '选项最多20个').optional(),
  required: z.boolean().default(true),
});
const questions = z.array(question).min(1, '问卷至少需要一道题').max(50, '问卷最多50道题');
const answers = z.record(z.string().max(20), z.union([z.number().int(), z.array(z.number().int()).max(20), z.string().max(2000)]), '答卷格式不正确');
const tokenParams = z.strictObject({ token: z.string().max(200, '链接不正确') });
const MIME_XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function surveyRoutes(app: ZApp) {
  app.get(
    '/api/surveys',
    { config: { policy: { roles: READERS } }, schema: { tags, summary: 'R7.3 满意度调查列表（按年度）', response: { 200: SurveyListSchema } } },
    async (request) => service.list(authedCtx(request)),
  );

  app.post(
    '/api/surveys',
    {
      config: { policy: { roles: OVERSIGHT } },
      schema: {
        tags,
        summary: 'R7.3 机关党委发起年度满意度调查（不填问卷时使用默认模板）',
        body: z.strictObject({
          year: z.number('请填写年度').int().min(2000, '年度不正确').max(2100, '年度不正确'),
          title: text(100),
          anonymous: z.boolean().default(true),
          closesOn: isoDate,
          questions: questions.optional(),
        }),
        response: { 201: SurveyViewSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await service.create(authedCtx(request), request.body)),
  );

  app.get(
    '/api/surveys/:id',
    {
      config: { policy: { roles: READERS, resource: { type: 'survey' } } },
      schema: { tags, summary: 'R7.3 调查：问卷、分层、各层应答率', params: idParams, response: { 200: SurveyViewSchema } },
    },
    async (request) => service.get(authedCtx(request), request.params.id),
  );

  app.patch(
    '/api/surveys/:id',
    {
      config: { policy: { roles: OVERSIGHT, resource: { type: 'survey' } } },
      schema: {
        tags,
        summary: 'R7.3 修改问卷（样本确定前）',
        params: idParams,
        body: z.strictObject({
          version,
          title: text(100).optional(),
          anonymous: z.boolean().optional(),
          closesOn: isoDate.optional(),
          questions: questions.optional(),
        }),
        response: { 200: SurveyViewSchema },
      },
    },
    async (request) => service.edit(authedCtx(request), request.params.id, request.body),
  );

  app.post(
    '/api/surveys/:id/sample',
    {
      config: { policy: { roles: OVERSIGHT, resource: { type: 'survey' } } },
      schema: {
        tags,
        summary: 'R7.3 分层随机抽样（市×行业×规模，按比例、每层最少数；同一随机种子结果相同；可排除上年已答企业）',
        params: idParams,
        body: z.strictObject({
          version,
          total: z.number('请填写样本量').int().min(1, '样本量至少为1').max(100000, '样本量过大'),
          minimumPerStratum: z.number().int().min(0, '每层最少数不能为负').max(1000, '每层最少数过大').default(2),
          seed: z.string().max(64, '随机种子最长64个字符').nullable().optional(),
          excludePrevious: z.boolean().default(false),
        }),
        response: { 200: SurveyViewSchema },
      },
    },
    async (request) => service.draw(authedCtx(request), request.params.id, request.body),
  );

  app.get(
    '/api/surveys/:id/sample',
    {
      config: { policy: { roles: OVERSIGHT, resource: { type: 'survey' } } },
      schema: { tags, summary: 'R7.3 样本企业名单（仅机关党委）', params: idParams, response: { 200: SurveySampleListSchema } },
    },
    async (request) => service.sampleList(authedCtx(request), request.params.id),
  );

  app.post(
    '/api/surveys/:id/open',
    {
      config: { policy: { roles: OVERSIGHT, resource: { type: 'survey' } } },
      schema: {
        tags,
        summary: 'R7.3 确定样本并发放问卷链接（短信、企业端站内通知）',
        params: idParams,
        body: z.strictObject({ version }),
        response: { 200: SurveyViewSchema },
      },
    },
    async (request) => service.open(authedCtx(request), request.params.id, request.body, app.config.publicUrl),
  );

  app.post(
    '/api/surveys/:id/remind',
    {
      config: { policy: { roles: OVERSIGHT, resource: { type: 'survey' } } },
      schema: {
        tags,
        summary: 'R7.3 提醒未答企业（发送新链接，原链接作废）',
        params: idParams,
        response: { 200: z.object({ reminded: z.number(), sms: z.number() }) },
      },
    },
    async (request) => service.remind(authedCtx(request), request.params.id, app.config.publicUrl),
  );

  app.post(
    '/api/surveys/:id/close',
    {
      config: { policy: { roles: OVERSIGHT, resource: { type: 'survey' } } },
      schema: { tags, summary: 'R7.3 结束调查', params: idParams, body: z.strictObject({ version }), response: { 200: SurveyViewSchema } },
    },
    async (request) => service.close(authedCtx(request), request.params.id, request.body),
  );

  app.post(
    '/api/surveys/:id/sample/:sampleId/face-to-face',
    {
      config: { policy: { roles: OVERSIGHT, resource: { type: 'survey' } } },
      schema: {
        tags,
        summary: 'R7.3 录入面对面答卷（标记为面对面）',
        params: z.strictObject({ id, sampleId: id }),
        body: z.strictObject({ answers }),
        response: { 200: SurveyViewSchema },
      },
    },
    async (request) => service.recordFaceToFace(authedCtx(request), request.params.id, request.params.sampleId, request.body),
  );

  app.get(
    '/api/surveys/:id/results',
    {
      config: { policy: { roles: READERS, resource: { type: 'survey' } } },
      schema: {
        tags,
        summary: 'R7.3 调查结果：分题、分处室、分市、分层（按抽样设计加权，附答卷数）',
        params: idParams,
        response: { 200: SurveyResultsSchema },
      },
    },
    async (request) => results.results(authedCtx(request), request.params.id),
  );

  app.get(
    '/api/surveys/:id/xlsx',
    { config: { policy: { roles: READERS, resource: { type: 'survey' } } }, schema: { tags, summary: 'R7.3 导出调查结果 .xlsx', params: idParams } },
    async (request, reply) => {
      const ctx = authedCtx(request);
      const [view, figures] = [await service.get(ctx, request.params.id), await results.results(ctx, request.params.id)];
      const data = await surveyXlsx(view, figures);
      return reply
        .type(MIME_XLSX)
        .header('content-disposition', `attachment; filename="survey-${view.year}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${view.title}.xlsx`)}`)
        .send(data);
    },
  );

  app.get(
    '/api/public/surveys/:token',
    {
      config: { policy: { public: true } },
      schema: { tags, summary: 'R7.3 免登录问卷：查看问卷与链接状态（只读，不作任何记录）', params: tokenParams, response: { 200: PublicSurveySchema } },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
      return pub.view(ctxOf(request), request.params.token, { ratePerMinute: app.config.loginRatePerMinute });
    },
  );

  app.post(
    '/api/public/surveys/:token',
    {
      config: { policy: { public: true } },
      schema: {
        tags,
        summary: 'R7.3 免登录问卷：提交答卷（链接仅可使用一次）',
        params: tokenParams,
        body: z.strictObject({ answers }),
        response: { 200: PublicSurveyDoneSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return pub.submit(ctxOf(request), request.params.token, request.body.answers, { ratePerMinute: app.config.loginRatePerMinute });
    },
  );
}
