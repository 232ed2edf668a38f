// Attachment files over HTTP, shared by the staff routes (modules/appeals/appeals.routes.ts) and
// the enterprise portal (modules/portal/portal.attachments.routes.ts): the types accepted, the
// content check on upload, and the download reply.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ATTACHMENT_EXTENSIONS, ATTACHMENT_MAX_BYTES } from '../../../shared/appeals.ts';
import { AppError, ErrorCode } from '../errors.ts';
import { cutText, cutTextEnd, textProblem } from '../../../shared/text.ts';

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

/**
 * Sends a stored attachment as a download: always `Content-Disposition: attachment` (never shown
 * inline) with `X-Content-Type-Options: nosniff`, the type from its extension, UTF-8 file name.
 */
export function sendAttachment(reply: FastifyReply, f: { name: string; mime: string; data: Buffer; ext?: string }) {
  return reply
    .header('content-type', EXT_MIME[f.ext ?? f.name.split('.').pop()!.toLowerCase()] ?? f.mime)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
    .header('x-content-type-options', 'nosniff')
    .send(f.data);
}

// ---------------------------------------------------------------- content checks (issue 12)

/** Markup a browser would run if it ever rendered the file; never in a declared binary type. */
const MARKUP = /<(script|html|body|iframe|object|embed)[\s>/]|<!doctype\s+html|javascript:/i;

const u16 = (b: Buffer, at: number) => b.readUInt16LE(at);
const u32 = (b: Buffer, at: number) => b.readUInt32LE(at);

/** PDF: `%PDF-1.x` header, `startxref` and `%%EOF` in the trailer, no embedded JavaScript action. */
function pdfOk(b: Buffer) {
  if (!/^%PDF-[12]\.\d/.test(b.subarray(0, 8).toString('latin1'))) return false;
  const tail = b.subarray(Math.max(0, b.length - 2048)).toString('latin1');
  if (!tail.includes('%%EOF') || !tail.includes('startxref')) return false;
  return !b.includes('/JavaScript');
}

/** PNG: signature, IHDR first, IEND last. */
function pngOk(b: Buffer) {
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (b.length < 8 + 25 + 12 || !b.subarray(0, 8).equals(sig)) return false;
  if (u32BE(b, 8) !== 13 || b.subarray(12, 16).toString('latin1') !== 'IHDR') return false;
  return b.subarray(b.length - 8, b.length - 4).toString('latin1') === 'IEND';
}
const u32BE = (b: Buffer, at: number) => b.readUInt32BE(at);

/** JPEG: SOI then a marker segment, and an EOI (FF D9) after it. */
function jpegOk(b: Buffer) {
  if (b.length < 100 || b[0] !== 0xff || b[1] !== 0xd8 || b[2] !== 0xff) return false;
  const m = b[3];
  if (!((m >= 0xe0 && m <= 0xef) || m === 0xdb || m === 0xfe || (m >= 0xc0 && m <= 0xc2) || m === 0xc4 || m === 0xdd)) return false;
  return b.lastIndexOf(Buffer.from([0xff, 0xd9])) > 3;
}

/**
 * OOXML (.docx / .xlsx): a zip whose end-of-central-directory record points at a central directory
 * inside the file, listing `[Content_Types].xml` and the part folder of the type (word/ or xl/).
 */
function ooxmlOk(b: Buffer, ext: 'docx' | 'xlsx') {
  if (b.length < 22 || u32(b, 0) !== 0x04034b50) return false;
  const eocd = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]), b.length - 22);
  if (eocd < 0 || b.length - eocd > 22 + 0xffff) return false;
  const entries = u16(b, eocd + 10);
  const size = u32(b, eocd + 12);
  const offset = u32(b, eocd + 16);
  if (entries === 0 || offset + size > eocd) return false;
  const names: string[] = [];
  let p = offset;
  for (let i = 0; i < entries; i++) {
    if (p + 46 > eocd || u32(b, p) !== 0x02014b50) return false;
    const n = u16(b, p + 28);
    const extra = u16(b, p + 30);
    const comment = u16(b, p + 32);
    names.push(b.subarray(p + 46, p + 46 + n).toString('utf8'));
    p += 46 + n + extra + comment;
  }
  if (!names.includes('[Content_Types].xml')) return false;
  const folder = ext === 'docx' ? 'word/' : 'xl/';
  return names.some((n) => n.startsWith(folder));
}

/** Legacy Office (.doc / .xls): the compound file header (signature, byte order, sector size). */
function cfbOk(b: Buffer) {
  const sig = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  if (b.length < 1536 || !b.subarray(0, 8).equals(sig)) return false;
  if (u16(b, 28) !== 0xfffe) return false;
  const shift = u16(b, 30);
  return shift === 9 || shift === 12;
}

/**
 * The file's structure must match its extension (issue 12: checking only the first bytes stored an
 * HTML page that began with `%PDF-` as a PDF): PDF header and trailer, PNG chunks, JPEG markers, the
 * OOXML zip's central directory, the compound-file header; and no HTML or script markup in any
 * declared binary type. Text files: no NUL bytes.
 */
export function contentMatches(ext: string, b: Buffer): boolean {
  if (ext === 'txt') return !b.subarray(0, 8192).includes(0);
  // latin1 keeps one character per byte, so markup is found wherever it sits.
  if (MARKUP.test(b.toString('latin1'))) return false;
  switch (ext) {
    case 'pdf':
      return pdfOk(b);
    case 'png':
      return pngOk(b);
    case 'jpg':
    case 'jpeg':
      return jpegOk(b);
    case 'docx':
    case 'xlsx':
      return ooxmlOk(b, ext);
    case 'doc':
    case 'xls':
      return cfbOk(b);
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
  // Issue 12 item 8: the file name and the note are text like any other (no NUL, no lone surrogate);
  // the name keeps its last 200 characters (the extension), cut between graphemes.
  const nameProblem = textProblem(file.filename ?? '', { singleLine: true });
  if (nameProblem) throw fileError(ErrorCode.VALIDATION_FAILED, `文件名${nameProblem}`);
  const name = cutTextEnd((file.filename ?? '').replace(/[\\/]/g, '_').trim(), 200);
  const ext = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
  if (!(ATTACHMENT_EXTENSIONS as readonly string[]).includes(ext)) {
    throw fileError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, `不支持的附件类型，仅限 ${ATTACHMENT_EXTENSIONS.join('、')}`);
  }
  if (data.length === 0) throw fileError(ErrorCode.VALIDATION_FAILED, '文件为空');
  if (!contentMatches(ext, data)) throw fileError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, '文件内容与扩展名不符或文件已损坏（含网页或脚本内容的文件不能上传）');
  const noteField = file.fields.note as { value?: unknown } | undefined;
  const noteText = typeof noteField?.value === 'string' ? noteField.value : '';
  const noteProblem = textProblem(noteText);
  if (noteProblem) throw new AppError(ErrorCode.VALIDATION_FAILED, undefined, { fields: { note: noteProblem } });
  const note = cutText(noteText.trim(), 500);
  return { name, ext, mime: EXT_MIME[ext], data, note };
}
