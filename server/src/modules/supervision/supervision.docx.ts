// R7.4 a 通报 as .docx: red-headed 机关党委 notice in the usual 公文 layout — 文号, title, recipients,
// body (one paragraph per line), issuer and date.
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import { formatDate } from '../../../../shared/format.ts';
import type { SupervisionItemView } from './supervision.service.ts';

const FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋' };
const TITLE_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' };

const p = (
  text: string,
  opts: {
    size?: number;
    bold?: boolean;
    color?: string;
    align?: (typeof AlignmentType)[keyof typeof AlignmentType];
    indent?: boolean;
    font?: typeof FONT;
    after?: number;
  } = {},
) =>
  new Paragraph({
    alignment: opts.align,
    indent: opts.indent ? { firstLine: 640 } : undefined,
    spacing: { after: opts.after ?? 120, line: 560 },
    children: [new TextRun({ text, size: opts.size ?? 32, bold: opts.bold, color: opts.color, font: opts.font ?? FONT })],
  });

export async function noticeDocx(v: SupervisionItemView): Promise<Buffer> {
  const n = v.notice!;
  const body = [
    p('中共山东省应急管理厅机关委员会', { size: 44, bold: true, color: 'C00000', align: AlignmentType.CENTER, font: TITLE_FONT, after: 240 }),
    p(n.number, { align: AlignmentType.CENTER, after: 360 }),
    p(n.title, { size: 44, bold: true, align: AlignmentType.CENTER, font: TITLE_FONT, after: 360 }),
    p(`${n.recipients.join('、')}：`),
    ...n.body
      .split(/\r?\n/)
      .filter((l) => l.trim() !== '')
      .map((l) => p(l.trim(), { indent: true })),
    p('机关党委', { align: AlignmentType.RIGHT }),
    p(formatDate(n.issuedAt), { align: AlignmentType.RIGHT }),
  ];
  const doc = new Document({
    creator: '政企通',
    title: `${n.number} ${n.title}`,
    sections: [{ properties: { page: { margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } }, children: body }],
  });
  return Packer.toBuffer(doc);
}
