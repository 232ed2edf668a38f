// The minutes and the follow-up list of a meeting as .docx (R5.1 "ready to report to 省政府办公厅",
// R7.1 findings and what follows), readable in WPS/Word: A4, 宋体/黑体, one table of the items with
// the live state of each appeal born in the meeting.
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { APPEAL_STATE_LABELS } from '../../../../shared/appeals.ts';
import type { RoundtableView } from '../../../../shared/api/roundtables.ts';
import { formatChineseDay, formatDateTime } from '../../../../shared/format.ts';
import {
  INVITATION_REPLY_LABELS,
  ITEM_DISPOSITION_LABELS,
  LEADER_ATTENDANCE_LABELS,
  ROUNDTABLE_KIND_LABELS,
  ROUNDTABLE_ORGANISER_LABELS,
} from '../../../../shared/roundtables.ts';

const BODY_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' };
const HEAD_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体' };
const TEXT_WIDTH = Math.round(16 * 567);

const run = (text: string, o: { bold?: boolean; size?: number; head?: boolean } = {}) =>
  new TextRun({ text, bold: o.bold, size: o.size ?? 24, font: o.head ? HEAD_FONT : BODY_FONT });
const para = (text: string, o: { center?: boolean; size?: number; head?: boolean } = {}) =>
  new Paragraph({
    alignment: o.center ? AlignmentType.CENTER : undefined,
    spacing: { after: 120, line: 360 },
    children: [run(text, { size: o.size, head: o.head })],
  });
const heading = (text: string) => new Paragraph({ spacing: { before: 240, after: 120 }, children: [run(text, { head: true, size: 30 })] });
/** Multi-line text: one paragraph per line, first-line indent. */
const body = (text: string) =>
  text.split('\n').map((line) => new Paragraph({ spacing: { after: 80, line: 360 }, indent: { firstLine: 480 }, children: [run(line)] }));

const border = { style: BorderStyle.SINGLE, size: 4, color: '808080' };
const borders = { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border };

function table(headers: string[], rows: string[][], widths: number[]) {
  const sum = widths.reduce((s, w) => s + w, 0);
  const cols = widths.map((w) => Math.round((w / sum) * TEXT_WIDTH));
  const cell = (v: string, i: number, head: boolean) =>
    new TableCell({
      width: { size: cols[i], type: WidthType.DXA },
      shading: head ? { type: ShadingType.CLEAR, fill: 'E8EEF7', color: 'auto' } : undefined,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      children: v
        .split('\n')
        .map((line) => new Paragraph({ alignment: head ? AlignmentType.CENTER : AlignmentType.LEFT, children: [run(line, { size: 18, head })] })),
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: cols,
    borders,
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h, i) => cell(h, i, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, i, false)) })),
    ],
  });
}

export const FOLLOW_UP_HEADERS = ['序号', '企业', '诉求事项', '会上处理', '诉求编号', '办理处室', '当前状态'];

export function followUpRows(m: RoundtableView): string[][] {
  return m.items.map((i, n) => [
    String(n + 1),
    i.enterpriseName,
    i.title,
    i.disposition === 'answered' ? `${ITEM_DISPOSITION_LABELS.answered}：${i.answer ?? ''}` : ITEM_DISPOSITION_LABELS[i.disposition],
    i.appeal?.number ?? '—',
    i.appeal?.leadUnitName ?? (i.disposition === 'answered' ? '—' : (i.unitName ?? '—')),
    i.appeal ? APPEAL_STATE_LABELS[i.appeal.state] : '—',
  ]);
}

export async function minutesDocx(m: RoundtableView, tenantName: string, now: Date): Promise<Buffer> {
  const attending = m.invitations.filter((i) => i.reply === 'attending');
  const leaders = m.leaders.filter((l) => l.status === 'confirmed');
  const children = [
    para(`${ROUNDTABLE_KIND_LABELS[m.kind]}会议纪要`, { center: true, size: 36, head: true }),
    para(`${m.title}`, { center: true, size: 28 }),
    heading('一、会议基本情况'),
    ...body(
      [
        `会议类型：${ROUNDTABLE_KIND_LABELS[m.kind]}；组织单位：${ROUNDTABLE_ORGANISER_LABELS[m.organiser]}`,
        `会议时间：${formatChineseDay(m.meetingDate)}；会议地点：${m.place}`,
        `涉及处室：${m.units.map((u) => u.name).join('、')}。${m.leadRule}`,
        `会议议题：${m.topics}`,
        `出席厅领导：${leaders.map((l) => l.leaderName).join('、') || '无'}`,
        `参会企业：${attending.map((i) => `${i.enterpriseName}（${i.attendeeName ?? ''}）`).join('、') || '无'}`,
      ].join('\n'),
    ),
    heading('二、会议纪要'),
    ...body(m.minutes ?? ''),
    heading('三、发现的问题'),
    ...body(m.findings ?? ''),
    heading('四、后续工作安排'),
    ...body(m.followUp ?? ''),
    heading('五、诉求办理跟踪清单'),
    para(
      `会上共处理诉求${m.items.length}项，其中当场答复${m.items.filter((i) => i.disposition === 'answered').length}项，转为诉求办理${m.items.filter((i) => i.disposition === 'appeal').length}项；会上形成的诉求尚未办结${m.appealsOpen}件。`,
    ),
    table(FOLLOW_UP_HEADERS, followUpRows(m), [6, 18, 24, 20, 14, 14, 10]),
    heading('六、邀请企业回复情况'),
    table(
      ['企业', '联系人', '回复', '参会人'],
      m.invitations.map((i) => [i.enterpriseName, i.contactName, INVITATION_REPLY_LABELS[i.reply], i.attendeeName ?? '—']),
      [40, 20, 15, 25],
    ),
    ...(m.leaders.length
      ? [
          heading('七、厅领导出席安排（R5.3）'),
          table(
            ['领导', '安排', '说明'],
            m.leaders.map((l) => [l.leaderName, LEADER_ATTENDANCE_LABELS[l.status], l.note ?? '']),
            [35, 20, 45],
          ),
        ]
      : []),
    para(`${tenantName}　纪要录入：${m.minutesByName ?? ''}（${formatDateTime(m.minutesAt)}）　导出时间：${formatDateTime(now)}`, { size: 18 }),
  ];
  const doc = new Document({
    creator: tenantName,
    title: `${m.title}会议纪要`,
    sections: [{ properties: { page: { margin: { top: 1417, bottom: 1417, left: 1417, right: 1417 } } }, children }],
  });
  return Packer.toBuffer(doc);
}
