// Attachment files over HTTP, shared by the staff routes (appeals.routes.ts) and the enterprise
// portal (portal.attachments.routes.ts): the types accepted, the content check on upload, and the
// download reply.
import type { FastifyReply } from 'fastify';

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
