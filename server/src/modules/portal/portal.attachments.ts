// Attachments on portal submissions (issue 7). The enterprise uploads after creating the appeal
// (POST /api/portal/appeals/:id/attachments, multipart, the staff uploader's type/size/content checks)
// while the appeal is open, at most PORTAL_ATTACHMENTS_PER_APPEAL of its own per appeal (within the
// appeal's overall limit).
// What the enterprise may list and download: only the files its own accounts uploaded. Staff
// attachments carry no "internal" flag and are working papers (contact evidence, co-handling parts,
// escalation material), so none of them is shown in the portal; what the handling side tells the
// enterprise goes through the reply and the message thread.
import crypto from 'node:crypto';
import { PORTAL_ATTACHMENTS_PER_APPEAL } from '../../../../shared/appeals.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import type { AuthedCtx } from '../../lib/context.ts';
import { iso } from '../../lib/format.ts';
import { attachmentFileUploadedBy, attachmentsUploadedBy, type UploadedAttachment } from '../appeals/index.ts';
import { enterpriseAccountIds } from '../users/index.ts';
import { ownAppeal } from './portal.messages.ts';
import { attachFile } from './portal.submit.ts';

/** A file as read and checked by the upload route (http/attachments.ts readUpload). */
export type PortalFile = { name: string; ext: string; mime: string; data: Buffer; note: string };

/** The files of the appeal uploaded by the enterprise's accounts (disabled ones too: what they uploaded stays the enterprise's). */
async function ownFiles(ctx: AuthedCtx, tenantId: string, appealId: string, enterpriseId: string) {
  return attachmentsUploadedBy(ctx.db, tenantId, appealId, await enterpriseAccountIds(ctx.db, tenantId, enterpriseId));
}

const present = (r: UploadedAttachment) => ({
  id: r.id,
  name: r.name,
  ext: r.ext,
  mime: r.mime,
  size: r.size,
  note: r.note,
  uploadedByName: r.uploadedByName,
  createdAt: iso(r.createdAt)!,
});

export async function list(ctx: AuthedCtx, id: string) {
  const a = await ownAppeal(ctx, id);
  const rows = await ownFiles(ctx, a.tenantId, id, a.enterpriseId!);
  const remaining = a.state === 'closed' ? 0 : Math.max(0, PORTAL_ATTACHMENTS_PER_APPEAL - rows.length);
  return { items: rows.map(present), total: rows.length, canUpload: remaining > 0, remaining };
}

/**
 * Upload; `created: false` when this very file (same name and content) is already among the
 * enterprise's attachments of the appeal — a retried upload after a lost answer adds nothing.
 */
export async function upload(ctx: AuthedCtx, id: string, file: PortalFile) {
  const a = await ownAppeal(ctx, id);
  const sha256 = crypto.createHash('sha256').update(file.data).digest('hex');
  const rows = await ownFiles(ctx, a.tenantId, id, a.enterpriseId!);
  const same = rows.find((r) => r.sha256 === sha256 && r.name === file.name);
  if (same) return { created: false, body: present(same) };
  if (rows.length >= PORTAL_ATTACHMENTS_PER_APPEAL) {
    throw new AppError(ErrorCode.INVALID_TRANSITION, `每件诉求企业最多上传${PORTAL_ATTACHMENTS_PER_APPEAL}个附件`);
  }
  const saved = await attachFile(ctx, id, file);
  return {
    created: true,
    body: {
      id: saved.id,
      name: saved.name,
      ext: saved.ext,
      mime: saved.mime,
      size: saved.size,
      note: saved.note,
      uploadedByName: saved.uploadedByName,
      createdAt: saved.createdAt,
    },
  };
}

export async function download(ctx: AuthedCtx, id: string, attachmentId: string) {
  const a = await ownAppeal(ctx, id);
  const f = await attachmentFileUploadedBy(ctx.db, a.tenantId, id, await enterpriseAccountIds(ctx.db, a.tenantId, a.enterpriseId!), attachmentId);
  // A staff attachment of this appeal answers like a missing one.
  if (!f) throw new AppError(ErrorCode.NOT_FOUND, '附件不存在');
  return f;
}
