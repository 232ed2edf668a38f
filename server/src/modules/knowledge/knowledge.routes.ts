// HTTP API of the policy knowledge base (capability 8, R6.1): list/search, detail with versions,
// draft, edit, the review workflow, and a reply to an appeal saved as a draft in one step.
import { z } from 'zod';
import { KnowledgeListSchema, KnowledgeViewSchema } from '../../../../shared/api/knowledge.ts';
import { APPEAL_CATEGORIES } from '../../../../shared/appeals.ts';
import { KNOWLEDGE_STATES } from '../../../../shared/knowledge.ts';
import { SECTORS, type Role } from '../../../../shared/roles.ts';
import { isIsoDate } from '../../domain/calendar/index.ts';
import { authedCtx, type ZApp } from '../../http/context.ts';
import { id, idParams, optionalText, pagination, text, version } from '../../http/schemas.ts';
import { registerResource } from '../../plugins/policy.ts';
import fastifyMultipart from '@fastify/multipart';
import { ATTACHMENT_MAX_BYTES } from '../../../../shared/appeals.ts';
import { readUpload, sendAttachment } from '../../http/attachments.ts';
import * as files from './knowledge.files.ts';
import * as service from './knowledge.service.ts';

registerResource('knowledgeArticle', { load: service.owner });

const READERS = ['leader', 'unit_staff', 'liaison', 'unit_head', 'coordinator', 'intake', 'oversight'] as const satisfies readonly Role[];
const WRITERS = ['unit_staff', 'liaison', 'unit_head'] as const satisfies readonly Role[];
const tags = ['knowledge'];
const resource = { type: 'knowledgeArticle' } as const;
const isoDate = z.string('请填写日期').refine((s) => isIsoDate(s), '日期格式应为 YYYY-MM-DD');
const citation = z.strictObject({
  docNo: text(100),
  title: z.string().max(200, '不能超过200字').default(''),
  issuer: text(100),
  date: isoDate.nullable().default(null),
  url: z.union([z.url('链接格式不正确').max(500, '不能超过500字'), z.null()]).default(null),
});
const article = {
  unitId: id,
  question: text(500),
  answer: text(10000),
  citations: z.array(citation).max(20, '最多引用20份文件').default([]),
  sectors: z.array(z.enum(SECTORS, '行业不正确')).max(3).default([]),
  categories: z.array(z.enum(APPEAL_CATEGORIES, '类别不正确')).max(20).default([]),
  validFrom: isoDate,
  validTo: isoDate.nullable().default(null),
};
const ACTIONS = ['submit', 'approve', 'reject', 'revise', 'withdraw'] as const;

export function knowledgeRoutes(app: ZApp) {
  app.get(
    '/api/knowledge',
    {
      config: { policy: { roles: READERS } },
      schema: {
        tags,
        summary: '政策知识库：按关键词（中文分词）、状态、处室检索',
        querystring: z.strictObject({ q: optionalText(100), state: z.enum(KNOWLEDGE_STATES).optional(), unitId: id.optional(), ...pagination }),
        response: { 200: KnowledgeListSchema },
      },
    },
    async (request) => {
      const q = request.query;
      return service.list(authedCtx(request), {
        q: q.q ?? null,
        state: q.state ?? null,
        unitId: q.unitId ?? null,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
    },
  );
  app.post(
    '/api/knowledge',
    {
      config: { policy: { roles: WRITERS } },
      schema: { tags, summary: '起草知识条目（本处室）', body: z.strictObject(article), response: { 201: KnowledgeViewSchema } },
    },
    async (request, reply) => reply.code(201).send(await service.create(authedCtx(request), request.body)),
  );
  app.post(
    '/api/knowledge/from-appeal',
    {
      config: { policy: { roles: WRITERS } },
      schema: { tags, summary: '将诉求的答复保存为知识条目草稿（本处室）', body: z.strictObject({ appealId: id }), response: { 201: KnowledgeViewSchema } },
    },
    async (request, reply) => reply.code(201).send(await service.fromAppeal(authedCtx(request), request.body.appealId)),
  );
  app.get(
    '/api/knowledge/:id',
    {
      config: { policy: { roles: READERS, resource } },
      schema: { tags, summary: '知识条目详情与历史版本', params: idParams, response: { 200: KnowledgeViewSchema } },
    },
    async (request) => service.get(authedCtx(request), request.params.id),
  );
  app.put(
    '/api/knowledge/:id',
    {
      config: { policy: { roles: WRITERS, resource } },
      schema: {
        tags,
        summary: '修改知识条目（草稿）',
        params: idParams,
        body: z.strictObject({ ...article, version }),
        response: { 200: KnowledgeViewSchema },
      },
    },
    async (request) => service.edit(authedCtx(request), request.params.id, request.body),
  );
  app.post(
    '/api/knowledge/:id/:action',
    {
      config: { policy: { roles: WRITERS, resource } },
      schema: {
        tags,
        summary: '知识条目流转：提交审核、审核发布、退回修改、修订、撤回',
        params: z.strictObject({ id, action: z.enum(ACTIONS, '操作不正确') }),
        body: z.strictObject({ version, comment: optionalText(500) }),
        response: { 200: KnowledgeViewSchema },
      },
    },
    async (request) => service.act(authedCtx(request), request.params.id, request.params.action, request.body),
  );

  // #19: the article's files (the cited documents themselves).
  const fileParams = z.strictObject({ id, fileId: id });
  app.get(
    '/api/knowledge/:id/files/:fileId',
    {
      config: { policy: { roles: READERS, resource } },
      schema: { tags, summary: '下载知识条目附件', params: fileParams },
    },
    async (request, reply) => {
      const f = await files.getFile(authedCtx(request), request.params.id, request.params.fileId);
      return sendAttachment(reply, { name: f.name, mime: f.mime, data: f.data });
    },
  );
  app.delete(
    '/api/knowledge/:id/files/:fileId',
    {
      config: { policy: { roles: WRITERS, resource } },
      schema: { tags, summary: '移除知识条目附件（草稿、退回修改时）', params: fileParams, response: { 200: KnowledgeViewSchema } },
    },
    async (request) => {
      const ctx = authedCtx(request);
      await files.removeFile(ctx, request.params.id, request.params.fileId);
      return service.get(ctx, request.params.id);
    },
  );
  app.register(async (sub) => {
    await sub.register(fastifyMultipart, { limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1, fields: 5, fieldSize: 4096 } });
    (sub as unknown as ZApp).post(
      '/api/knowledge/:id/files',
      {
        config: { policy: { roles: WRITERS, resource } },
        schema: {
          tags,
          summary: '上传知识条目附件（所引政策文件原文等；与诉求附件相同的类型、大小和内容检查）',
          params: idParams,
          response: { 201: KnowledgeViewSchema },
        },
      },
      async (request, reply) => {
        const ctx = authedCtx(request);
        const articleId = (request.params as { id: string }).id;
        await files.addFile(ctx, articleId, await readUpload(request));
        return reply.status(201).send(await service.get(ctx, articleId));
      },
    );
  });
}
