// HTTP API of contact points (联系点), field records and the year at a glance (issue 14: R1.*, R4.*,
// R7.1). Points and records are seen by unit like appeals: another tenant's or another unit's id
// answers 404 like a missing one.
import fastifyMultipart from '@fastify/multipart';
import { z } from 'zod';
import { ATTACHMENT_MAX_BYTES } from '../../../../shared/appeals.ts';
import { FIELD_KINDS, POINT_ACTIONS, POINT_KINDS, POINT_STATES } from '../../../../shared/contacts.ts';
import type { Role } from '../../../../shared/roles.ts';
import { ContactPointDetailSchema, ContactPointSchema, FieldRecordSchema, YearViewSchema } from '../../../../shared/api/contacts.ts';
import { listOf } from '../../../../shared/api/common.ts';
import { readUpload, sendAttachment } from '../../http/attachments.ts';
import { authedCtx, type ZApp } from '../../http/context.ts';
import { id, idParams, optionalText, text, version } from '../../http/schemas.ts';
import { registerResource } from '../../plugins/policy.ts';
import * as records from './contacts.records.ts';
import { recordBody } from '../../http/field-record-body.ts';
import * as service from './contacts.service.ts';
import * as year from './contacts.year.ts';

const byUnit = { visible: (actor: Parameters<typeof service.canSeeUnit>[0], owner: { unitId?: string | null }) => service.canSeeUnit(actor, owner.unitId) };
registerResource('contactPoint', { load: service.pointOwner, ...byUnit });
registerResource('fieldRecord', { load: records.recordOwner, ...byUnit });
registerResource('fieldFollowUp', { load: records.followUpOwner, ...byUnit });

const READERS = ['leader', 'unit_staff', 'liaison', 'unit_head', 'coordinator', 'intake', 'oversight'] as const satisfies readonly Role[];
const PROPOSERS = ['unit_head', 'liaison'] as const satisfies readonly Role[];
const ACTORS = ['unit_head', 'liaison', 'coordinator', 'leader'] as const satisfies readonly Role[];
const tags = ['contacts'];

export function contactRoutes(app: ZApp) {
  app.get(
    '/api/contact-points',
    {
      config: { policy: { roles: READERS } },
      schema: {
        tags,
        summary: '联系点列表（厅领导联系点、处室联系点；默认在遴选或任期中的，all=true 含到期和撤回的）',
        querystring: z.strictObject({
          kind: z.enum(POINT_KINDS, '联系点类型不正确').optional(),
          state: z.enum(POINT_STATES, '状态不正确').optional(),
          enterpriseId: id.optional(),
          all: z.enum(['true', 'false']).optional(),
        }),
        response: { 200: listOf(ContactPointSchema) },
      },
    },
    async (request) => service.list(authedCtx(request), { ...request.query, all: request.query.all === 'true' }),
  );

  app.get(
    '/api/contact-points/year',
    {
      config: { policy: { roles: READERS } },
      schema: {
        tags,
        summary: 'R1.4 / R1.8 年度走访进度：每个联系点已走访/应走访、进度；按厅领导、按处室、全单位；省厅另见各市合计',
        querystring: z.strictObject({ year: z.coerce.number().int().min(2020, '年份不正确').max(2100, '年份不正确').optional() }),
        response: { 200: YearViewSchema },
      },
    },
    async (request) => year.yearView(authedCtx(request), request.query.year),
  );

  app.get(
    '/api/contact-points/people',
    {
      config: { policy: { roles: READERS } },
      schema: {
        tags,
        summary: '可选的联络员与后续措施责任人（本单位在用的处室人员）',
        response: { 200: listOf(z.object({ id: z.string(), name: z.string(), unitId: z.string().nullable(), liaison: z.boolean() })) },
      },
    },
    async (request) => service.people(authedCtx(request)),
  );

  app.post(
    '/api/contact-points',
    {
      config: { policy: { roles: PROPOSERS } },
      schema: {
        tags,
        summary: 'R1.5 联系处室提出厅领导联系点 / R1.9 处室选定处室联系点（每个厅领导、处室同时1至2个）',
        body: z.strictObject({
          kind: z.enum(POINT_KINDS, '联系点类型不正确'),
          leaderId: id.nullable().optional(),
          unitId: id,
          enterpriseId: id,
          liaisonUserId: id.nullable().optional(),
          reason: optionalText(1000),
        }),
        response: { 201: ContactPointDetailSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await service.propose(authedCtx(request), request.body)),
  );

  app.get(
    '/api/contact-points/:id',
    {
      config: { policy: { roles: READERS, resource: { type: 'contactPoint' } } },
      schema: { tags, summary: '联系点详情（含遴选过程、重叠情况、可做的操作）', params: idParams, response: { 200: ContactPointDetailSchema } },
    },
    async (request) => service.detail(authedCtx(request), request.params.id),
  );

  app.post(
    '/api/contact-points/:id/actions',
    {
      config: { policy: { roles: ACTORS, resource: { type: 'contactPoint' } } },
      schema: {
        tags,
        summary: '遴选流程操作：统筹通过、退回、改荐其他企业（政策法规处）；确认、提出意见（厅领导）；重新报送、撤回（联系处室）',
        params: idParams,
        body: z.strictObject({
          version,
          action: z.enum(POINT_ACTIONS.filter((a) => a !== 'expire') as [string, ...string[]], '操作不正确') as z.ZodType<service.ActInput['action']>,
          reason: optionalText(1000),
          enterpriseId: id.nullable().optional(),
          liaisonUserId: id.nullable().optional(),
          acceptOverlap: z.boolean().optional(),
        }),
        response: { 200: ContactPointDetailSchema },
      },
    },
    async (request) => service.act(authedCtx(request), request.params.id, request.body),
  );

  // ---- field records ----
  app.get(
    '/api/field-records',
    {
      config: { policy: { roles: READERS } },
      schema: {
        tags,
        summary: '现场记录（走访、许可核查、执法检查、执法/投诉核查）',
        querystring: z.strictObject({
          pointId: id.optional(),
          enterpriseId: id.optional(),
          kind: z.enum(FIELD_KINDS, '记录类型不正确').optional(),
          limit: z.coerce.number().int().min(1).max(200).optional(),
        }),
        response: { 200: listOf(FieldRecordSchema) },
      },
    },
    async (request) => records.listRecords(authedCtx(request), request.query),
  );

  app.post(
    '/api/field-records',
    {
      config: { policy: { roles: records.RECORDERS } },
      schema: {
        tags,
        summary: 'R1.8 / R4.1–R4.3 新增现场记录；R7.1 须写明发现的问题和后续措施；现场提出的诉求同时转入诉求办理',
        body: recordBody,
        response: { 201: FieldRecordSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await records.createRecord(authedCtx(request), request.body)),
  );

  app.get(
    '/api/field-records/:id',
    {
      config: { policy: { roles: READERS, resource: { type: 'fieldRecord' } } },
      schema: { tags, summary: '现场记录详情', params: idParams, response: { 200: FieldRecordSchema } },
    },
    async (request) => records.getRecord(authedCtx(request), request.params.id),
  );

  app.post(
    '/api/field-follow-ups/:id/done',
    {
      config: { policy: { roles: records.RECORDERS, resource: { type: 'fieldFollowUp' } } },
      schema: {
        tags,
        summary: 'R7.1 后续措施办结（写明落实情况）',
        params: idParams,
        body: z.strictObject({ version, note: text(1000) }),
        response: { 200: FieldRecordSchema },
      },
    },
    async (request) => records.completeFollowUp(authedCtx(request), request.params.id, request.body),
  );

  app.get(
    '/api/field-records/:id/files/:fileId',
    {
      config: { policy: { roles: READERS, resource: { type: 'fieldRecord' } } },
      schema: { tags, summary: '下载现场记录附件', params: z.strictObject({ id, fileId: id }) },
    },
    async (request, reply) => {
      const f = await records.getFile(authedCtx(request), request.params.id, request.params.fileId);
      return sendAttachment(reply, { name: f.name, mime: f.mime, data: f.data });
    },
  );

  app.register(async (sub) => {
    await sub.register(fastifyMultipart, { limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1, fields: 5, fieldSize: 4096 } });
    (sub as unknown as ZApp).post(
      '/api/field-records/:id/files',
      {
        config: { policy: { roles: records.RECORDERS, resource: { type: 'fieldRecord' } } },
        schema: {
          tags,
          summary: '上传现场照片、签到表、陈述申辩材料（与诉求附件相同的类型、大小和内容检查）',
          params: idParams,
          response: { 201: FieldRecordSchema },
        },
      },
      async (request, reply) => {
        const file = await readUpload(request);
        return reply.status(201).send(await records.addFile(authedCtx(request), (request.params as { id: string }).id, file));
      },
    );
  });
}
