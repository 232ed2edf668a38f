// Personal information requests (issue 21): the security administrator exports what is held about an
// enterprise contact or a staff member (.xlsx) and masks what may be deleted; all audited.
import { z } from 'zod';
import { authedCtx, type ZApp } from '../../http/context.ts';
import { text } from '../../http/schemas.ts';
import * as service from './privacy.service.ts';
import { PrivacyMaskResultSchema } from '../../../../shared/api/privacy.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (name: string) => `attachment; filename="personal-information.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;
const mobile = z.string().regex(/^1\d{10}$/, '请输入 11 位手机号码');
const tags = ['privacy'];

export function privacyRoutes(app: ZApp) {
  app.get(
    '/api/privacy/contact.xlsx',
    {
      config: { policy: { roles: ['secadmin'] } },
      schema: { tags, summary: '个人信息查阅复制：企业联系人（按手机号码，.xlsx；记入审计日志）', querystring: z.strictObject({ mobile }) },
    },
    async (request, reply) => {
      const r = await service.exportContact(authedCtx(request), request.query);
      return reply
        .type(XLSX)
        .header('content-disposition', attachment(`个人信息-企业联系人-${request.query.mobile.slice(-4)}.xlsx`))
        .send(r.file);
    },
  );

  app.post(
    '/api/privacy/contact/mask',
    {
      config: { policy: { roles: ['secadmin'] } },
      schema: {
        tags,
        summary: '个人信息删除（脱敏）：企业名录联系人与已发送短信的号码；诉求记录按档案规定保留',
        body: z.strictObject({ mobile }),
        response: { 200: PrivacyMaskResultSchema },
      },
    },
    async (request) => service.maskContact(authedCtx(request), request.body),
  );

  app.get(
    '/api/privacy/staff.xlsx',
    {
      config: { policy: { roles: ['secadmin'] } },
      schema: { tags, summary: '个人信息查阅复制：工作人员（按用户名，.xlsx；记入审计日志）', querystring: z.strictObject({ username: text(64) }) },
    },
    async (request, reply) => {
      const r = await service.exportStaff(authedCtx(request), request.query);
      return reply
        .type(XLSX)
        .header('content-disposition', attachment(`个人信息-工作人员-${r.account.username}.xlsx`))
        .send(r.file);
    },
  );
}
