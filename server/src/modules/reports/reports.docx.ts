// The report as .docx (issue 16): A4, headings and tables in the style of a department's written
// report, charts as PNG pictures (reports.charts.ts), every figure explained in the closing 统计口径.
// Also the R6.5 leader-transfer report as .docx (landscape, the same columns as its .xlsx).
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ISectionOptions,
} from 'docx';
import type { FigureCounts } from '../../../../shared/api/dashboard.ts';
import { MILESTONE_LABELS, type Milestone } from '../../../../shared/appeals.ts';
import { citiesOption, monthlyVolumeOption, satisfactionTrendOption, unitOnTimeOption } from '../../../../shared/charts.ts';
import { FIGURES, type FigureKey } from '../../../../shared/figures.ts';
import { formatChineseDay, formatChineseMonth, formatDate, formatDateTime, formatDeadline, formatRate } from '../../../../shared/format.ts';
import type { LeaderReportLine } from '../escalation/index.ts';
import { renderChart } from './reports.charts.ts';
import type { ReportData } from './reports.content.ts';

const BODY_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' };
const HEAD_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体' };
/** Half-points. */
const SIZE = { title: 36, subtitle: 28, h1: 30, body: 24, table: 18, note: 18 };
/** A4 at 2.5 cm margins: 21 cm − 5 cm of text width, in twips (1 cm = 567 twips). */
const TEXT_WIDTH = Math.round(16 * 567);
const TEXT_WIDTH_LANDSCAPE = Math.round((29.7 - 5) * 567);
/** Picture width in pixels (docx sizes pictures in px at 96 dpi): the text width. */
const PICTURE_WIDTH = Math.round((16 / 2.54) * 96);

const run = (text: string, o: { bold?: boolean; size?: number; head?: boolean; color?: string } = {}) =>
  new TextRun({ text, bold: o.bold, size: o.size ?? SIZE.body, font: o.head ? HEAD_FONT : BODY_FONT, color: o.color });

const para = (
  text: string | TextRun[],
  o: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; size?: number; indent?: boolean; after?: number } = {},
) =>
  new Paragraph({
    alignment: o.align,
    spacing: { after: o.after ?? 120, line: 360 },
    indent: o.indent ? { firstLine: 480 } : undefined,
    children: typeof text === 'string' ? [run(text, { size: o.size })] : text,
  });

/** Paragraph styles of table cells (see table()). */
const CELL_STYLES = [
  { id: 'Cell', name: 'Table Cell', run: { size: SIZE.table, font: BODY_FONT }, paragraph: { spacing: { after: 0 } } },
  { id: 'CellHead', name: 'Table Header Cell', run: { size: SIZE.table, font: HEAD_FONT, bold: true }, paragraph: { spacing: { after: 0 } } },
];

const heading = (text: string) =>
  new Paragraph({ heading: HeadingLevel.HEADING_1, spacing: { before: 240, after: 120 }, children: [run(text, { head: true, size: SIZE.h1 })] });

const border = { style: BorderStyle.SINGLE, size: 4, color: '808080' };
const borders = { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border };

/** A table with a shaded header row; `widths` are relative (scaled to `total` twips). */
function table(headers: string[], rows: (string | number)[][], widths: number[], total = TEXT_WIDTH) {
  const sum = widths.reduce((s, w) => s + w, 0);
  const cols = widths.map((w) => Math.round((w / sum) * total));
  const cell = (v: string | number, i: number, head: boolean) =>
    new TableCell({
      width: { size: cols[i], type: WidthType.DXA },
      shading: head ? { type: ShadingType.CLEAR, fill: 'E8EEF7', color: 'auto' } : undefined,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      // A multi-line value (the R6.5 milestones) is one paragraph per line.
      // Plain runs in a paragraph style (fonts and size set once in the style, not per run: a report
      // has thousands of cells and the per-run properties doubled the time to pack the document).
      children: String(v)
        .split('\n')
        .map(
          (line) =>
            new Paragraph({
              style: head ? 'CellHead' : 'Cell',
              alignment: typeof v === 'number' || head ? AlignmentType.CENTER : AlignmentType.LEFT,
              children: [new TextRun(line)],
            }),
        ),
    });
  return new Table({
    width: { size: total, type: WidthType.DXA },
    columnWidths: cols,
    borders,
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h, i) => cell(h, i, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, i, false)) })),
    ],
  });
}

async function picture(option: Parameters<typeof renderChart>[0], height: number, caption: string) {
  const width = 760;
  const chart = await renderChart(option, { width, height });
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 120 },
      children: [
        new ImageRun({ type: 'png', data: chart.png, transformation: { width: PICTURE_WIDTH, height: Math.round((PICTURE_WIDTH * height) / width) } }),
      ],
    }),
    para([run(caption, { size: SIZE.note })], { align: AlignmentType.CENTER, after: 200 }),
  ];
}

/** Overdue appeals listed in the .docx (the .xlsx has the full list). */
export const DOCX_OVERDUE_ROWS = 50;

const rateWithN = (r: number | null, n: number, d: number) => (r === null ? '—' : `${formatRate(r)}（${n}/${d}）`);

/** The period in words: "2026年11月" or "2026年". */
export function periodLabel(data: Pick<ReportData, 'period'>) {
  return data.period.kind === 'monthly' ? formatChineseMonth(data.period.key) : `${data.period.key}年`;
}

export function reportTitle(data: Pick<ReportData, 'tenant' | 'period'>) {
  return `${data.tenant.name}涉企诉求办理情况${data.period.kind === 'monthly' ? '月报' : '年报'}`;
}

function summaryText(data: ReportData): string {
  const t = data.totals;
  const p = data.previousTotals;
  const word = data.period.kind === 'monthly' ? '本月' : '本年';
  const prevWord = data.period.kind === 'monthly' ? '上月' : '上年';
  const change = !p.received
    ? ''
    : t.received === p.received
      ? `，与${prevWord}持平`
      : `，较${prevWord}${t.received > p.received ? '增加' : '减少'}${Math.abs(t.received - p.received)}件`;
  return (
    `${word}共受理涉企诉求${t.received}件${change}，办结${t.closed}件（其中当场答复${t.answeredOnSpot}件）。` +
    `响应率（2小时内联系企业）${formatRate(t.responseRate)}，初步意见按时率${formatRate(t.opinionOnTimeRate)}，` +
    `办结按时率${formatRate(t.resolutionOnTimeRate)}；解决率${formatRate(t.resolutionRate)}，` +
    `满意率${formatRate(t.satisfactionRate)}（企业评价${t.evaluated}件）。` +
    `${word}因企业不满意重办${data.reopened.length}次；截至报告生成时，仍有${data.overdue.total}件诉求逾期未办结。` +
    (data.leaderTransfers.length ? `省政府领导转办事项${data.leaderTransfers.length}件（R6.5）。` : '')
  );
}

/** The key figures: this period, the one before, the year to date. */
export function keyFigureRows(data: ReportData): (string | number)[][] {
  const cols: FigureCounts[] = data.period.kind === 'monthly' ? [data.totals, data.previousTotals, data.yearToDate] : [data.totals, data.previousTotals];
  const line = (label: string, f: (c: FigureCounts) => string | number) => [label, ...cols.map(f)];
  return [
    line('受理（件）', (c) => c.received),
    line('办结（件）', (c) => c.closed),
    line('当场答复（件）', (c) => c.answeredOnSpot),
    line('响应率（2小时联系）', (c) => rateWithN(c.responseRate, c.contactOnTime, c.contactDue)),
    line('初步意见按时率', (c) => rateWithN(c.opinionOnTimeRate, c.opinionOnTime, c.opinionDue)),
    line('办结按时率', (c) => rateWithN(c.resolutionOnTimeRate, c.resolutionOnTime, c.resolutionDue)),
    line('解决率', (c) => rateWithN(c.resolutionRate, c.solved, c.resolved)),
    line('满意率', (c) => rateWithN(c.satisfactionRate, c.satisfied, c.evaluated)),
  ];
}

export function keyFigureHeaders(data: ReportData) {
  return data.period.kind === 'monthly' ? ['指标', '本月', '上月', '本年累计'] : ['指标', '本年', '上年'];
}

export const UNIT_HEADERS = ['主办处室', '受理', '办结', '响应率', '初步意见按时率', '办结按时率', '解决率', '满意率', '当前逾期'];
export const unitRow = (u: ReportData['units'][number]) => [
  u.unitName,
  u.received,
  u.closed,
  formatRate(u.responseRate),
  formatRate(u.opinionOnTimeRate),
  formatRate(u.resolutionOnTimeRate),
  formatRate(u.resolutionRate),
  formatRate(u.satisfactionRate),
  u.overdueNow,
];
export const CITY_HEADERS = ['单位', '受理', '办结', '响应率', '初步意见按时率', '办结按时率', '解决率', '满意率', '当前逾期'];
export const cityRow = (c: NonNullable<ReportData['cities']>[number]) => [
  c.name,
  c.received,
  c.closed,
  formatRate(c.responseRate),
  formatRate(c.opinionOnTimeRate),
  formatRate(c.resolutionOnTimeRate),
  formatRate(c.resolutionRate),
  formatRate(c.satisfactionRate),
  c.overdueNow,
];
export const milestoneLabel = (m: string | null) => (m ? MILESTONE_LABELS[m as Milestone] : '—');
const yearOf = (d: Date) => formatDate(d).slice(0, 4);
/** Short milestone names for narrow table columns. */
const SHORT_MILESTONE: Record<Milestone, string> = { contact: '联系企业', opinion: '初步意见', resolution: '办结' };
const shortMilestone = (m: string | null) => (m ? (SHORT_MILESTONE[m as Milestone] ?? m) : '—');

export async function reportDocx(data: ReportData): Promise<Buffer> {
  const label = periodLabel(data);
  const word = data.period.kind === 'monthly' ? '本月' : '本年';
  const lastDay = formatChineseDay(dayBefore(data.period.toDay));
  const body: ISectionOptions['children'][number][] = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [run(reportTitle(data), { head: true, size: SIZE.title })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [run(`（${label}）`, { size: SIZE.subtitle })] }),
    para(
      [
        run(`统计期间：${formatChineseDay(data.period.fromDay)}至${lastDay}　生成时间：${formatDateTime(data.generatedAt)}`, {
          size: SIZE.note,
          color: '555555',
        }),
      ],
      { align: AlignmentType.CENTER, after: 240 },
    ),
    heading('一、总体情况'),
    para(summaryText(data), { indent: true }),
    table(keyFigureHeaders(data), keyFigureRows(data), data.period.kind === 'monthly' ? [3, 2.4, 2.4, 2.4] : [3, 3, 3]),
    para([run('括号内为“按时（或满意、已解决）件数/应计件数”。', { size: SIZE.note, color: '555555' })], { after: 200 }),
    heading('二、受理、办结和满意度趋势'),
    ...(await picture(monthlyVolumeOption(data.trend), 300, `图1　${data.period.kind === 'monthly' ? '近12个月' : '各月'}受理与办结（件）`)),
    ...(await picture(satisfactionTrendOption(data.trend), 280, `图2　${data.period.kind === 'monthly' ? '近12个月' : '各月'}满意率与评价件数`)),
    heading('三、各处室办理情况'),
    data.units.length
      ? table(UNIT_HEADERS, data.units.map(unitRow), [3.2, 1, 1, 1.3, 1.5, 1.3, 1.2, 1.2, 1.2])
      : para(`${word}无受理或逾期诉求。`, { indent: true }),
    ...(data.units.filter((u) => u.contactDue + u.opinionDue + u.resolutionDue > 0).length
      ? await picture(
          unitOnTimeOption(data.units.filter((u) => u.contactDue + u.opinionDue + u.resolutionDue > 0)),
          Math.max(160, 60 + 34 * data.units.filter((u) => u.contactDue + u.opinionDue + u.resolutionDue > 0).length),
          '图3　各处室“2115”各节点按时率（%）',
        )
      : []),
    heading(`四、逾期未办结诉求（截至${formatDateTime(data.generatedAt)}）`),
    data.overdue.total
      ? para(
          `共${data.overdue.total}件${data.overdue.total > DOCX_OVERDUE_ROWS ? `，以下列出逾期最久的${DOCX_OVERDUE_ROWS}件，全部清单见同期 .xlsx` : ''}。按工作日计算的时限标注为到期日（星期）24:00，当年的不写年份。`,
          { indent: true },
        )
      : para('无逾期未办结诉求。', { indent: true }),
    ...(data.overdue.items.length
      ? [
          table(
            ['序号', '编号', '诉求标题', '主办处室', '节点', '时限'],
            data.overdue.items
              .slice(0, DOCX_OVERDUE_ROWS)
              .map((o, i) => [
                i + 1,
                o.number,
                o.title,
                o.unitName,
                shortMilestone(o.milestone),
                formatDeadline(o.dueAt, { year: yearOf(o.dueAt) !== yearOf(data.generatedAt) }),
              ]),
            [0.8, 4.2, 3.6, 2.8, 1.5, 3.5],
          ),
        ]
      : []),
    heading('五、重办情况'),
    ...listSection(
      data.reopened,
      `${word}无重办诉求。`,
      `${word}因企业评价“不满意”重办${data.reopened.length}次`,
      '最近',
      ['序号', '编号', '诉求标题', '主办处室', '重办时间', '第几次'],
      (r, i) => [i + 1, r.number, r.title, r.unitName, formatDateTime(r.at), r.reopenCount],
      [0.8, 4.2, 3.8, 2.7, 2.9, 1.0],
    ),
    heading('六、重大涉企事项'),
    ...listSection(
      data.major,
      `${word}无重大涉企事项。`,
      `${word}受理或期初尚未办结的重大涉企事项${data.major.length}件`,
      '受理最早',
      ['序号', '编号', '诉求标题', '企业', '主办处室', '办理状态'],
      (m, i) => [i + 1, m.number, m.title, m.enterpriseName, m.unitName, m.closedAt ? `${m.state}（${formatDateTime(m.closedAt)}）` : m.state],
      [0.8, 4.2, 3.3, 3, 2.5, 2.6],
    ),
    heading('七、省政府领导转办事项（R6.5）'),
    ...listSection(
      data.leaderTransfers,
      `${word}无省政府领导转办事项。`,
      `省政府领导转办事项${data.leaderTransfers.length}件（每月25日前报送省政府办公厅，明细见“月度报送”）`,
      '受理最早',
      ['序号', '编号', '诉求标题', '主办处室', '办理状态'],
      (l, i) => [i + 1, l.number, l.title, l.leadUnitName, l.state],
      [0.8, 4.2, 5.1, 2.8, 2.5],
    ),
  ];
  if (data.cities) {
    body.push(heading('八、各市应急管理局办理情况'));
    body.push(para('各市汇总数据来自各市局的诉求办理记录（只汇总，不含各市案卷）。', { indent: true }));
    body.push(table(CITY_HEADERS, data.cities.map(cityRow), [3.2, 1, 1, 1.3, 1.5, 1.3, 1.2, 1.2, 1.2]));
    if (data.cities.length) body.push(...(await picture(citiesOption(data.cities), 320, '图4　各市受理、办结（件）和响应率、满意率（%）')));
  }
  body.push(heading(data.cities ? '附：统计口径' : '八、统计口径'));
  const keys: FigureKey[] = [
    'received',
    'closed',
    'answeredOnSpot',
    'responseRate',
    'opinionOnTimeRate',
    'resolutionOnTimeRate',
    'resolutionRate',
    'satisfactionRate',
    'overdueNow',
    'reopened',
    'major',
    'leaderTransfers',
  ];
  for (const k of keys)
    body.push(para([run(`${FIGURES[k].label}：`, { bold: true, size: SIZE.note }), run(FIGURES[k].explain, { size: SIZE.note })], { after: 60 }));
  body.push(para([run('本报告由政企通根据诉求办理记录和时间线自动生成，未经人工修改。', { size: SIZE.note, color: '555555' })], { after: 60 }));

  const doc = new Document({
    creator: '政企通',
    title: `${reportTitle(data)}（${label}）`,
    styles: { default: { document: { run: { font: BODY_FONT, size: SIZE.body } } }, paragraphStyles: CELL_STYLES },
    sections: [{ properties: { page: { margin: { top: 1418, bottom: 1418, left: 1418, right: 1418 } } }, children: body }],
  });
  return Packer.toBuffer(doc);
}

/** A list in the .docx: a sentence with the count, then at most DOCX_LIST_ROWS rows (all of them are in the .xlsx). */
export const DOCX_LIST_ROWS = 50;
function listSection<T>(
  items: readonly T[],
  none: string,
  count: string,
  order: string,
  headers: string[],
  row: (x: T, i: number) => (string | number)[],
  widths: number[],
) {
  if (!items.length) return [para(none, { indent: true })];
  const capped = items.length > DOCX_LIST_ROWS;
  return [
    para(`${count}${capped ? `，以下列出${order}的${DOCX_LIST_ROWS}件，全部清单见同期 .xlsx` : ''}。`, { indent: true }),
    table(headers, items.slice(0, DOCX_LIST_ROWS).map(row), widths),
  ];
}

/** 'YYYY-MM-DD' of the day before a day. */
function dayBefore(day: string): string {
  const t = new Date(`${day}T00:00:00Z`).getTime() - 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** R6.5 the leader-transfer report as .docx: the .xlsx's columns on landscape A4. */
export async function leaderReportDocx(q: {
  tenantName: string;
  month: string;
  dueAt: Date;
  lines: LeaderReportLine[];
  headers: readonly string[];
  generatedAt: Date;
}): Promise<Buffer> {
  const title = `省政府领导转办企业诉求事项办理情况（${formatChineseMonth(q.month)}）`;
  const rows = q.lines.map((l, i) => [
    i + 1,
    l.number,
    l.receivedAt,
    l.enterpriseName,
    l.title,
    l.leadUnitName,
    l.state,
    l.milestones,
    l.result,
    l.reply,
    l.unitProgress,
    l.evaluation,
    l.evaluationComment,
    l.closedAt,
  ]);
  const doc = new Document({
    creator: '政企通',
    title,
    styles: { default: { document: { run: { font: BODY_FONT, size: SIZE.table } } }, paragraphStyles: CELL_STYLES },
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE }, margin: { top: 1134, bottom: 1134, left: 1418, right: 1418 } } },
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [run(title, { head: true, size: SIZE.subtitle })] }),
          para(
            [
              run(`${q.tenantName}　报送截止：${formatDeadline(q.dueAt, { year: true })}　共${q.lines.length}件　生成时间：${formatDateTime(q.generatedAt)}`, {
                size: SIZE.note,
              }),
            ],
            { align: AlignmentType.CENTER, after: 200 },
          ),
          q.lines.length
            ? table([...q.headers], rows, [0.7, 2.2, 1.6, 2.2, 2.6, 1.6, 1.3, 3.2, 2.5, 2.7, 2.5, 1, 1.8, 1.6], TEXT_WIDTH_LANDSCAPE)
            : para('本月无省政府领导转办事项。', { align: AlignmentType.CENTER }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
