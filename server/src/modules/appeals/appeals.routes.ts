// HTTP API of appeals (docs/APPEALS.md). Every /:id route names the resource 'appeal': another
// tenant's appeal, or one outside the caller's unit / portfolio scope, answers 404 exactly like a
// missing one (the service re-checks). Role lists here are the outer gate; the state machine
// (domain/appeals/transitions.ts) decides per appeal.
import fastifyMultipart from '@fastify/multipart';
import { z } from 'zod';
import {
  APPEAL_CATEGORIES,
  APPEAL_CHANNELS,
  APPEAL_LIST_SORTS,
  APPEAL_STATES,
  ATTACHMENT_EXTENSIONS,
  ATTACHMENT_MAX_BYTES,
  CONTACT_METHODS,
  EVALUATION_RATINGS,
  RESULT_KINDS,
} from '../../../../shared/appeals.ts';
import { SECTORS, type Role } from '../../../../shared/roles.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { authedCtx, type ZApp } from '../../http/context.ts';
import { readUpload, sendAttachment } from '../../http/attachments.ts';
import { id, idParams, optionalText, phone, text, version } from '../../http/schemas.ts';
import type { Actor } from '../../lib/context.ts';
import { registerResource, type ResourceOwner } from '../../plugins/policy.ts';
import './appeals.calendar.ts';
import * as service from './appeals.service.ts';
import {
  AppealAttachmentSchema,
  AppealDetailSchema,
  AppealListSchema,
  AppealMovedSchema,
  FiguresSchema,
  RoutingRulesSchema,
  SuggestedUnitsSchema,
  TransferredOutItemSchema,
} from '../../../../shared/api/appeals.ts';
import { listOf } from '../../../../shared/api/common.ts';

registerResource('appeal', {
  load: service.owner,
  visible: (actor: Actor, owner: ResourceOwner) =>
    service.canSee(actor, {
      tenantId: owner.tenantId,
      leadUnitId: owner.unitId ?? null,
      coUnitIds: (owner as ResourceOwner & { coUnitIds?: string[] }).coUnitIds ?? [],
    }),
});

// ---- who may call what (outer gate) ----
const READERS = ['leader', 'unit_staff', 'liaison', 'unit_head', 'coordinator', 'intake', 'oversight'] as const satisfies readonly Role[];
const INTAKE = ['intake', 'coordinator'] as const satisfies readonly Role[];
const UNIT = ['unit_staff', 'liaison', 'unit_head'] as const satisfies readonly Role[];
const ATTACHERS = ['intake', 'coordinator', 'unit_staff', 'liaison', 'unit_head'] as const satisfies readonly Role[];

// ---- schemas ----
const instant = z.iso.datetime({ offset: true, error: '时间格式应为 ISO 8601 并含时区，如 2026-03-02T09:30:00+08:00' }).transform((s) => new Date(s));
export const coUnits = z.array(z.strictObject({ unitId: id, part: text(500, 0).default('') })).max(10, '协办处室最多10个');
const attachmentIds = z.array(id).max(10).optional();
const csv = <T extends readonly [string, ...string[]]>(values: T, label: string) =>
  z
    .string()
    .max(500)
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values, `${label}不正确`)));
const bool = z.enum(['true', 'false'], '须为 true 或 false').transform((v) => v === 'true');

const createBody = z.strictObject({
  enterpriseId: id.nullable().optional(),
  enterpriseName: optionalText(200),
  enterpriseUscc: optionalText(30),
  sector: z.enum(SECTORS, '行业不正确').nullable().optional(),
  contactName: text(50),
  contactPhone: phone,
  channel: z.enum(APPEAL_CHANNELS, '渠道不正确'),
  category: z.enum(APPEAL_CATEGORIES, '诉求类别不正确'),
  title: text(200),
  content: text(5000),
  receivedAt: instant.optional(),
  backdateReason: optionalText(500),
  externalRef: optionalText(100),
  lulibanRef: optionalText(100),
  lulibanDueAt: instant.nullable().optional(),
  isMajor: z.boolean().optional(),
  isSafetyHazard: z.boolean().optional(),
  isConfidential: z.boolean().optional(),
  answerOnSpot: optionalText(5000),
  dispatch: z.strictObject({ leadUnitId: id, coUnits: coUnits.optional() }).nullable().optional(),
  leadOverrideReason: optionalText(500),
});

export const listQuery = z.strictObject({
  view: z.enum(['all', 'lead', 'co', 'portfolio', 'queue'], '视图不正确').optional(),
  open: bool.optional(),
  state: csv(APPEAL_STATES, '状态').optional(),
  channel: csv(APPEAL_CHANNELS, '渠道').optional(),
  category: csv(APPEAL_CATEGORIES, '类别').optional(),
  overdue: bool.optional(),
  // R6.2: next deadline before 24:00 today / a milestone in its due-soon window.
  due: z.enum(['today', 'soon'], '到期筛选须为 today（今日到期）或 soon（即将到期）').optional(),
  // R6.2: 延期/挂起 requests the caller may decide now.
  approval: bool.optional(),
  major: bool.optional(),
  hazard: bool.optional(),
  enterpriseId: id.optional(),
  leadUnitId: id.optional(),
  receivedFrom: instant.optional(),
  receivedTo: instant.optional(),
  q: z.string().trim().max(100, '关键词不能超过100个字符').optional(),
  sort: z.enum(APPEAL_LIST_SORTS, '排序须为 due（到期时间）、received（受理时间）或 number（编号）').optional(),
  order: z.enum(['asc', 'desc'], '排序方向须为 asc 或 desc').optional(),
  page: z.coerce.number().int().min(1).max(10000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export function appealRoutes(app: ZApp) {
  const post = <B extends z.ZodType>(
    path: string,
    roles: readonly Role[],
    summaryText: string,
    body: B,
    handler: (ctx: ReturnType<typeof authedCtx>, appealId: string, body: z.infer<B>) => Promise<unknown>,
  ) =>
    app.post(
      `/api/appeals/:id/${path}`,
      {
        config: { policy: { roles, resource: { type: 'appeal' } } },
        schema: { tags: ['appeals'], summary: summaryText, params: idParams, body, response: { 200: AppealDetailSchema } },
      },
      async (request) => handler(authedCtx(request), request.params.id, request.body as z.infer<B>) as never,
    );

  app.get(
    '/api/appeals',
    {
      config: { policy: { roles: READERS } },
      schema: {
        tags: ['appeals'],
        summary: '诉求列表：工作台（主办/协办/分管）、待派单队列、关键词检索（中文分词 + 标题子串）',
        querystring: listQuery,
        response: { 200: AppealListSchema },
      },
    },
    async (request) => service.list(authedCtx(request), request.query),
  );

  app.post(
    '/api/appeals',
    {
      config: { policy: { roles: INTAKE } },
      schema: {
        tags: ['appeals'],
        summary: '受理登记诉求（可当场答复办结，或即时派单）；支持 Idempotency-Key 请求头',
        headers: z.looseObject({ 'idempotency-key': z.string().trim().min(1).max(100, '幂等键不能超过100个字符').optional() }),
        body: createBody,
        response: { 201: AppealDetailSchema },
      },
    },
    async (request, reply) => {
      const r = await service.create(authedCtx(request), request.body, request.headers['idempotency-key']);
      if (r.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(r.status as 201).send(r.body as never);
    },
  );

  app.get(
    '/api/appeals/transferred-out',
    {
      config: { policy: { roles: READERS } },
      schema: {
        tags: ['appeals'],
        summary: '省厅转市局办理的诉求（只读状态）',
        querystring: z.strictObject({
          page: z.coerce.number().int().min(1).max(10000).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: listOf(TransferredOutItemSchema) },
      },
    },
    async (request) => service.listTransferredOut(authedCtx(request), request.query.page, request.query.pageSize),
  );

  app.get(
    '/api/appeals/figures',
    {
      config: { policy: { roles: READERS } },
      schema: {
        tags: ['appeals'],
        summary: '诉求办理指标（受理、办结、2115各节点按时率、解决率、满意率），按单位、处室、期间统计',
        querystring: z.strictObject({ from: instant, to: instant, unitId: id.optional() }),
        response: { 200: FiguresSchema },
      },
    },
    async (request) => {
      if (request.query.to.getTime() <= request.query.from.getTime())
        throw new AppError(ErrorCode.VALIDATION_FAILED, undefined, { fields: { to: '结束时间须晚于开始时间' } });
      return service.figures(authedCtx(request), request.query);
    },
  );

  app.get(
    '/api/appeals/:id',
    {
      config: { policy: { roles: READERS, resource: { type: 'appeal' } } },
      schema: {
        tags: ['appeals'],
        summary: '诉求详情（含时间线、节点、申请、附件、当前可执行的操作）',
        params: idParams,
        response: { 200: AppealDetailSchema },
      },
    },
    async (request) => service.get(authedCtx(request), request.params.id),
  );

  app.get(
    '/api/appeals/:id/suggested-units',
    {
      config: { policy: { roles: INTAKE, resource: { type: 'appeal' } } },
      schema: {
        tags: ['appeals'],
        summary: '按业务对口规则推荐主办处室（R3.2）',
        params: idParams,
        response: { 200: SuggestedUnitsSchema },
      },
    },
    async (request) => service.suggestUnits(authedCtx(request), request.params.id),
  );

  post(
    'dispatch',
    INTAKE,
    '派单（主办处室 + 协办处室）',
    z.strictObject({ version, leadUnitId: id, coUnits: coUnits.optional(), note: optionalText(500), leadOverrideReason: optionalText(500) }),
    service.dispatch,
  );
  post('accept', UNIT, '签收', z.strictObject({ version }), service.accept);
  post('return', ['unit_head'], '退单（处室负责人，限时内，须说明原因）', z.strictObject({ version, reason: text(500) }), service.returnAppeal);
  post('transfer', INTAKE, '转办至其他处室', z.strictObject({ version, leadUnitId: id, coUnits: coUnits.optional(), reason: text(500) }), service.transfer);
  app.post(
    '/api/appeals/:id/transfer-city',
    {
      config: { policy: { roles: INTAKE, resource: { type: 'appeal' } } },
      schema: {
        tags: ['appeals'],
        summary: '转市应急局办理（案卷移交该市，省厅保留只读状态）',
        params: idParams,
        body: z.strictObject({ version, tenantId: id, reason: text(500) }),
        response: { 200: AppealMovedSchema },
      },
    },
    async (request) => (await service.transferToCity(authedCtx(request), request.params.id, request.body)) as never,
  );
  post(
    'contact',
    UNIT,
    '联系企业（2小时节点）；带 opinion 时同一事务内一并反馈初步意见（两条记录）',
    z.strictObject({
      version,
      method: z.enum(CONTACT_METHODS, '联系方式不正确'),
      withWhom: text(100),
      at: instant.optional(),
      note: text(2000),
      attachmentIds,
      // Issue 17: the preliminary opinion given in the same call (recorded as its own step, same transaction).
      opinion: optionalText(5000),
    }),
    service.contact,
  );
  post('opinion', UNIT, '反馈初步意见（1个工作日节点）', z.strictObject({ version, text: text(5000) }), service.opinion);
  post('part', UNIT, '协办处室提交意见', z.strictObject({ version, text: text(5000), attachmentIds }), service.submitPart);
  post(
    'result',
    UNIT,
    '办理结果：已解决或服务确认（15个工作日节点）；带 replyText 时同一事务内一并答复企业（两条记录）',
    z.strictObject({ version, kind: z.enum(RESULT_KINDS, '办理结果类型不正确'), text: text(5000), replyText: optionalText(5000) }),
    service.result,
  );
  post('reply', UNIT, '答复企业（企业可见的答复内容）', z.strictObject({ version, text: text(5000) }), service.reply);
  post(
    'extension',
    UNIT,
    '申请延期',
    z.strictObject({ version, workdays: z.number().int().min(1, '至少1个工作日').max(60, '最多60个工作日'), reason: text(1000) }),
    service.requestExtension,
  );
  post('pause', UNIT, '申请挂起', z.strictObject({ version, reason: text(1000) }), service.requestPause);
  post(
    'decide',
    ['unit_head', 'coordinator'],
    '审批延期或挂起申请',
    z.strictObject({ version, requestId: id, approve: z.boolean(), comment: optionalText(1000) }),
    service.decide,
  );
  post('resume', UNIT, '恢复办理（挂起后）', z.strictObject({ version, note: optionalText(1000) }), service.resume);
  post(
    'evaluate',
    ['intake'],
    '录入评价（回访）：满意/基本满意办结，不满意重办',
    z.strictObject({ version, rating: z.enum(EVALUATION_RATINGS, '评价不正确'), comment: optionalText(1000) }),
    service.evaluate,
  );
  post('close-unevaluated', ['intake'], '评价期满未评价，办结', z.strictObject({ version }), service.closeUnevaluated);
  post('urge', ['intake'], '催办（R6.6）', z.strictObject({ version, note: text(500) }), service.urge);
  post(
    'flags',
    ['intake', 'coordinator', 'unit_head'],
    '标记重大涉企事项、安全隐患、鲁力办督办编号',
    z.strictObject({
      version,
      isMajor: z.boolean().optional(),
      isSafetyHazard: z.boolean().optional(),
      lulibanRef: optionalText(100),
      lulibanDueAt: instant.nullable().optional(),
    }),
    service.flag,
  );

  app.get(
    '/api/appeals/:id/attachments/:attachmentId',
    {
      config: { policy: { roles: READERS, resource: { type: 'appeal' } } },
      schema: { tags: ['appeals'], summary: '下载附件', params: z.strictObject({ id, attachmentId: id }) },
    },
    async (request, reply) => {
      return sendAttachment(reply, await service.download(authedCtx(request), request.params.id, request.params.attachmentId));
    },
  );

  // Uploads: multipart in a child context (limits of their own, independent of the 1 MB JSON limit).
  app.register(async (sub) => {
    await sub.register(fastifyMultipart, { limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1, fields: 5, fieldSize: 4096 } });
    (sub as unknown as ZApp).post(
      '/api/appeals/:id/attachments',
      {
        config: { policy: { roles: ATTACHERS, resource: { type: 'appeal' } } },
        schema: {
          tags: ['appeals'],
          summary: `上传附件（multipart，字段 file 与可选 note；≤10 MB；${ATTACHMENT_EXTENSIONS.join('/')}）`,
          params: idParams,
          response: { 201: AppealAttachmentSchema },
        },
      },
      async (request, reply) => {
        const saved = await service.attach(authedCtx(request), (request.params as { id: string }).id, await readUpload(request));
        return reply.status(201).send(saved);
      },
    );
  });

  // ---- routing rules (R3.2) ----
  app.get(
    '/api/routing-rules',
    {
      config: { policy: { roles: READERS } },
      schema: {
        tags: ['appeals'],
        summary: '业务对口派单规则（行业 × 诉求类别 → 处室）',
        response: { 200: RoutingRulesSchema },
      },
    },
    async (request) => service.listRules(authedCtx(request)),
  );
  app.put(
    '/api/routing-rules',
    {
      config: { policy: { roles: INTAKE } },
      schema: {
        tags: ['appeals'],
        summary: '替换业务对口派单规则',
        body: z.strictObject({
          rules: z
            .array(
              z.strictObject({
                sector: z.enum(SECTORS, '行业不正确').nullable(),
                category: z.enum(APPEAL_CATEGORIES, '诉求类别不正确').nullable(),
                unitId: id,
                note: text(200, 0).default(''),
              }),
            )
            .max(200),
        }),
        response: { 200: RoutingRulesSchema },
      },
    },
    async (request) => service.replaceRules(authedCtx(request), request.body.rules),
  );
}
