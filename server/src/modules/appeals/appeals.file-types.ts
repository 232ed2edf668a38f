// Attachment files over HTTP, shared by the staff routes (appeals.routes.ts) and the enterprise
// portal (portal.attachments.routes.ts): the types accepted, the content check on upload, and the
// download reply.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ATTACHMENT_EXTENSIONS, ATTACHMENT_MAX_BYTES } from '../../../../shared/appeals.ts';
import { AppError, ErrorCode } from '../../errors.ts';

export const EXT_MIME: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  txt: 'text/plain; charset=utf-8',
};

/** Sends a stored attachment as a download (type from its extension, UTF-8 file name). */
export function sendAttachment(reply: FastifyReply, f: { name: string; mime: string; data: Buffer; ext?: string }) {
  return reply
    .header('content-type', EXT_MIME[f.ext ?? f.name.split('.').pop()!.toLowerCase()] ?? f.mime)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
    .send(f.data);
}

/** The file's first bytes must match its extension (a renamed .exe is refused). */
export function contentMatches(ext: string, b: Buffer): boolean {
  const starts = (...bytes: number[]) => bytes.every((x, i) => b[i] === x);
  switch (ext) {
    case 'pdf':
      return starts(0x25, 0x50, 0x44, 0x46);
    case 'png':
      return starts(0x89, 0x50, 0x4e, 0x47);
    case 'jpg':
    case 'jpeg':
      return starts(0xff, 0xd8, 0xff);
    case 'docx':
    case 'xlsx':
      return starts(0x50, 0x4b, 0x03, 0x04);
    case 'doc':
    case 'xls':
      return starts(0xd0, 0xcf, 0x11, 0xe0);
    case 'txt':
      return !b.subarray(0, 8192).includes(0);
    default:
      return false;
  }
}

export type UploadedFile = { name: string; ext: string; mime: string; data: Buffer; note: string };

const MAX_MB = ATTACHMENT_MAX_BYTES / 1024 / 1024;
const fileError = (code: ErrorCode, message: string) => new AppError(code, message, { fields: { file: message } });

/**
 * The one file of a multipart upload (field `file`, optional `note`), checked for the staff uploader
 * and the portal alike: size, allowed extension, not empty, content matching the extension.
 */
export async function readUpload(request: FastifyRequest): Promise<UploadedFile> {
  if (!request.isMultipart()) throw new AppError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, '请以 multipart/form-data 上传文件');
  const file = await request.file();
  if (!file) throw fileError(ErrorCode.VALIDATION_FAILED, '请选择要上传的文件');
  let data: Buffer;
  try {
    data = await file.toBuffer();
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw fileError(ErrorCode.PAYLOAD_TOO_LARGE, `附件不能超过 ${MAX_MB} MB`);
    throw err;
  }
  if (file.file.truncated) throw fileError(ErrorCode.PAYLOAD_TOO_LARGE, `附件不能超过 ${MAX_MB} MB`);
  const name = (file.filename ?? '').replace(/[\\/]/g, '_').trim().slice(-200);
  const ext = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
  if (!(ATTACHMENT_EXTENSIONS as readonly string[]).includes(ext)) {
    throw fileError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, `不支持的附件类型，仅限 ${ATTACHMENT_EXTENSIONS.join('、')}`);
  }
  if (data.length === 0) throw fileError(ErrorCode.VALIDATION_FAILED, '文件为空');
  if (!contentMatches(ext, data)) throw fileError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, '文件内容与扩展名不符');
  const noteField = file.fields.note as { value?: unknown } | undefined;
  const note = typeof noteField?.value === 'string' ? noteField.value.trim().slice(0, 500) : '';
  return { name, ext, mime: EXT_MIME[ext], data, note };
}
