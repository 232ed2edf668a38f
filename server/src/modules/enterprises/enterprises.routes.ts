import fastifyMultipart from '@fastify/multipart';
import { z } from 'zod';
import { ENTERPRISE_STATUSES, IMPORT_MAX_BYTES, MAX_CONTACTS, MAX_TAGS, OWNERSHIPS, SECTORS, SIZES, SUB_SECTORS } from '../../../../shared/enterprises.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { textProblem } from '../../../../shared/text.ts';
import { authedCtx, type ZApp } from '../../http/context.ts';
import { id, idParams, optionalText, pagination, text, version } from '../../http/schemas.ts';
import { registerResource } from '../../plugins/policy.ts';
import * as imports from './enterprises.import.ts';
import * as service from './enterprises.service.ts';
import { EDIT_ROLES, IMPORT_ROLES, READ_ROLES, REVEAL_ROLES } from './enterprises.service.ts';
import { createImportWorker } from './enterprises.worker.ts';
import {
  EnterpriseMetaSchema,
  EnterpriseSchema,
  ImportJobListItemSchema,
  ImportJobSchema,
  RevealedContactsSchema,
} from '../../../../shared/api/enterprises.ts';
import { listOf } from '../../../../shared/api/common.ts';

registerResource('enterprise', { load: service.owner });
registerResource('enterpriseImport', { load: imports.owner });

const tags = ['enterprises'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const contactIn = z.strictObject({
  id: z.string().max(64).optional(),
  name: text(20),
  post: optionalText(30),
  // Full number, or the masked form of the stored one (unchanged); checked in the service.
  mobile: z.union([z.string().trim().max(20), z.null()]).optional(),
  landline: z.union([z.string().trim().max(30), z.null()]).optional(),
});

const fields = {
  name: text(100),
  uscc: z.string('须填写统一社会信用代码').max(40, '统一社会信用代码不能超过18位'),
  regionCode: z.string('须选择所属区县').regex(/^\d{6}$/, '所属区县须为6位行政区划代码'),
  sector: z.enum(SECTORS, '行业须为 危险化学品、非煤矿山、工贸 之一'),
  subSector: z.enum(SUB_SECTORS, '工贸细分行业不正确').nullable().optional(),
  ownership: z.enum(OWNERSHIPS, '经济类型须为 国有、民营、外资、港澳台、集体、其他 之一'),
  size: z.enum(SIZES, '企业规模须为 大型、中型、小型、微型 之一'),
  struggling: z.boolean('困难企业须为是或否').optional(),
  strugglingReason: optionalText(200),
  supervisingUnitId: id.nullable().optional(),
  address: optionalText(200),
  status: z.enum(ENTERPRISE_STATUSES, '经营状态须为 在营、停产、关闭 之一').optional(),
  tags: z.array(text(20)).max(MAX_TAGS, `标签最多${MAX_TAGS}个`).optional(),
  contacts: z.array(contactIn).max(MAX_CONTACTS, `联系人最多${MAX_CONTACTS}位`).optional(),
};

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const filters = {
  q: text(50, 0).optional(),
  sector: z.enum(SECTORS).optional(),
  subSector: z.enum(SUB_SECTORS).optional(),
  region: z
    .string()
    .regex(/^\d{6}$/, '区划代码为6位数字')
    .optional(),
  size: z.enum(SIZES).optional(),
  ownership: z.enum(OWNERSHIPS).optional(),
  struggling: bool.optional(),
  supervisingUnitId: id.optional(),
  status: z.enum(ENTERPRISE_STATUSES).optional(),
  tag: text(20).optional(),
  includeArchived: bool.optional(),
};

const stamp = () => new Date().toISOString().slice(0, 10).replaceAll('-', '');
const attachment = (name: string) => `attachment; filename="enterprises.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;

export function enterpriseRoutes(app: ZApp) {
  const worker = createImportWorker(app.database, app.log);
  app.addHook('onReady', async () => worker.start());
  app.addHook('onClose', async () => worker.stop());

  app.get(
    '/api/enterprises/meta',
    {
      config: { policy: { roles: READ_ROLES } },
      schema: {
        tags,
        summary: '企业名录选项（本单位可用的区县、权限）',
        response: { 200: EnterpriseMetaSchema },
      },
    },
    async (request) => service.meta(authedCtx(request)),
  );

  app.get(
    '/api/enterprises',
    {
      config: { policy: { roles: READ_ROLES } },
      schema: {
        tags,
        summary: '企业名录（筛选、关键词）',
        querystring: z.strictObject({ ...filters, ...pagination }),
        response: { 200: listOf(EnterpriseSchema) },
      },
    },
    async (request) => service.list(authedCtx(request), request.query),
  );

  app.get(
    '/api/enterprises/export',
    {
      config: { policy: { roles: READ_ROLES } },
      schema: { tags, summary: '按当前筛选导出 .xlsx（手机号码按权限脱敏）', querystring: z.strictObject(filters) },
    },
    async (request, reply) => {
      const buf = await service.exportXlsx(authedCtx(request), request.query);
      return reply
        .type(XLSX)
        .header('content-disposition', attachment(`企业名录-${stamp()}.xlsx`))
        .send(buf);
    },
  );

  app.get(
    '/api/enterprises/import-template',
    { config: { policy: { roles: IMPORT_ROLES } }, schema: { tags, summary: '下载导入模板 .xlsx（含下拉列表）' } },
    async (request, reply) => {
      const buf = await service.template(authedCtx(request));
      return reply.type(XLSX).header('content-disposition', attachment('企业名录导入模板.xlsx')).send(buf);
    },
  );

  app.get(
    '/api/enterprises/:id',
    {
      config: { policy: { roles: READ_ROLES, resource: { type: 'enterprise' } } },
      schema: { tags, summary: '企业详情（手机号码脱敏）', params: idParams, response: { 200: EnterpriseSchema } },
    },
    async (request) => service.get(authedCtx(request), request.params.id),
  );

  app.post(
    '/api/enterprises',
    {
      config: { policy: { roles: EDIT_ROLES } },
      schema: { tags, summary: '登记企业', body: z.strictObject(fields), response: { 201: EnterpriseSchema } },
    },
    async (request, reply) => reply.status(201).send(await service.create(authedCtx(request), request.body)),
  );

  app.patch(
    '/api/enterprises/:id',
    {
      config: { policy: { roles: EDIT_ROLES, resource: { type: 'enterprise' } } },
      schema: {
        tags,
        summary: '修改或归档企业（带版本号，过期返回 409）',
        params: idParams,
        body: z.strictObject({
          version,
          name: fields.name.optional(),
          uscc: fields.uscc.optional(),
          regionCode: fields.regionCode.optional(),
          sector: fields.sector.optional(),
          subSector: fields.subSector,
          ownership: fields.ownership.optional(),
          size: fields.size.optional(),
          struggling: fields.struggling,
          strugglingReason: fields.strugglingReason,
          supervisingUnitId: fields.supervisingUnitId,
          address: fields.address,
          status: fields.status,
          tags: fields.tags,
          contacts: fields.contacts,
          archived: z.boolean().optional(),
        }),
        response: { 200: EnterpriseSchema },
      },
    },
    async (request) => service.update(authedCtx(request), request.params.id, request.body),
  );

  app.post(
    '/api/enterprises/:id/reveal-contacts',
    {
      config: { policy: { roles: REVEAL_ROLES, resource: { type: 'enterprise' } } },
      schema: { tags, summary: '查看联系人完整手机号码（记入审计日志）', params: idParams, response: { 200: RevealedContactsSchema } },
    },
    async (request) => service.revealContacts(authedCtx(request), request.params.id),
  );

  // ---- Excel import jobs ----

  app.register(async (sub: ZApp) => {
    await sub.register(fastifyMultipart, { limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 0, parts: 2 } });
    sub.post(
      '/api/enterprise-imports',
      {
        config: { policy: { roles: IMPORT_ROLES } },
        schema: { tags, summary: '上传 .xlsx 开始导入（后台校验，返回任务）', response: { 202: ImportJobSchema } },
      },
      async (request, reply) => {
        const ctx = authedCtx(request);
        if (!request.isMultipart()) {
          throw new AppError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, '请以 multipart/form-data 方式上传 .xlsx 文件');
        }
        let file;
        try {
          file = await request.file();
        } catch {
          throw new AppError(ErrorCode.VALIDATION_FAILED, '上传内容无法解析', { fields: { file: '上传内容无法解析' } });
        }
        if (!file) throw new AppError(ErrorCode.VALIDATION_FAILED, '请选择要上传的文件', { fields: { file: '请选择要上传的文件' } });
        let buf: Buffer;
        try {
          buf = await file.toBuffer();
        } catch (err) {
          if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
            throw new AppError(ErrorCode.PAYLOAD_TOO_LARGE, `文件超过 ${IMPORT_MAX_BYTES / 1024 / 1024} MB 上限，请拆分后分批导入`);
          }
          throw err;
        }
        if (buf.length === 0) throw new AppError(ErrorCode.VALIDATION_FAILED, '上传的文件是空的', { fields: { file: '上传的文件是空的' } });
        // Issue 12 item 8: the file name is text like any other (no NUL, no lone surrogate).
        const nameProblem = textProblem(file.filename ?? '', { singleLine: true });
        if (nameProblem) throw new AppError(ErrorCode.VALIDATION_FAILED, `文件名${nameProblem}`, { fields: { file: `文件名${nameProblem}` } });
        const jobId = await imports.upload(ctx, file.filename || '未命名.xlsx', buf);
        worker.kick();
        return reply.status(202).send(await imports.getJobView(ctx, jobId));
      },
    );
  });

  app.get(
    '/api/enterprise-imports',
    {
      config: { policy: { roles: IMPORT_ROLES } },
      schema: { tags, summary: '最近的导入任务', response: { 200: listOf(ImportJobListItemSchema) } },
    },
    async (request) => imports.recentJobs(authedCtx(request)),
  );

  app.get(
    '/api/enterprise-imports/:id',
    {
      config: { policy: { roles: IMPORT_ROLES, resource: { type: 'enterpriseImport' } } },
      schema: { tags, summary: '导入任务进度与预览（错误行、将变更的企业）', params: idParams, response: { 200: ImportJobSchema } },
    },
    async (request) => imports.getJobView(authedCtx(request), request.params.id),
  );

  app.post(
    '/api/enterprise-imports/:id/commit',
    {
      config: { policy: { roles: IMPORT_ROLES, resource: { type: 'enterpriseImport' } } },
      schema: {
        tags,
        summary: '确认导入全部有效行（已存在的企业：更新或跳过）',
        params: idParams,
        body: z.strictObject({ onExisting: z.enum(['update', 'skip'], '请选择已存在企业的处理方式：更新或跳过') }),
        response: { 200: ImportJobSchema },
      },
    },
    async (request) => {
      const r = await imports.confirm(authedCtx(request), request.params.id, request.body.onExisting);
      worker.kick();
      return r;
    },
  );

  app.post(
    '/api/enterprise-imports/:id/cancel',
    {
      config: { policy: { roles: IMPORT_ROLES, resource: { type: 'enterpriseImport' } } },
      schema: { tags, summary: '取消导入（不写入任何数据）', params: idParams, response: { 200: ImportJobSchema } },
    },
    async (request) => imports.cancel(authedCtx(request), request.params.id),
  );
}
