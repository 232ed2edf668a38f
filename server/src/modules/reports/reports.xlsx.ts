// The report as .xlsx (issue 16): the same content as the .docx, one sheet per part, numbers as
// numbers and rates as percentages (so they can be summed and charted in Excel/WPS), plus the full
// overdue list and the definitions.
import ExcelJS from 'exceljs';
import { FIGURES, type FigureKey } from '../../../../shared/figures.ts';
import { formatChineseDay, formatDateTime, formatDeadline } from '../../../../shared/format.ts';
import type { FigureCounts } from '../../../../shared/api/dashboard.ts';
import type { ReportData } from './reports.content.ts';
import { keyFigureHeaders, milestoneLabel, periodLabel, reportTitle } from './reports.docx.ts';

export const SHEETS = {
  summary: '主要指标',
  trend: '月度趋势',
  units: '各处室',
  cities: '各市',
  overdue: '逾期未办结',
  reopened: '重办',
  major: '重大涉企事项',
  leader: '省政府领导转办',
  notes: '统计口径',
} as const;

const PCT = '0.0%';

function sheet(wb: ExcelJS.Workbook, name: string, title: string, headers: string[], widths: number[]) {
  const ws = wb.addWorksheet(name);
  ws.addRow([title]);
  ws.mergeCells(1, 1, 1, Math.max(1, headers.length));
  ws.getRow(1).font = { bold: true, size: 13 };
  const head = ws.addRow(headers);
  head.font = { bold: true };
  head.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  head.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  });
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  return ws;
}

/** Percent-formats the given 1-based columns of every data row. */
function percentColumns(ws: ExcelJS.Worksheet, cols: number[]) {
  for (const c of cols) ws.getColumn(c).numFmt = PCT;
}

const rates = (c: FigureCounts) => [c.responseRate, c.opinionOnTimeRate, c.resolutionOnTimeRate, c.resolutionRate, c.satisfactionRate];

export async function reportXlsx(data: ReportData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '政企通';
  wb.created = data.generatedAt;
  const title = `${reportTitle(data)}（${periodLabel(data)}）`;

  const s = sheet(wb, SHEETS.summary, title, keyFigureHeaders(data), [26, 16, 16, 16]);
  const cols: FigureCounts[] = data.period.kind === 'monthly' ? [data.totals, data.previousTotals, data.yearToDate] : [data.totals, data.previousTotals];
  const line = (label: string, f: (c: FigureCounts) => number | null, pct = false) => {
    const r = s.addRow([label, ...cols.map(f)]);
    if (pct) for (let i = 2; i <= cols.length + 1; i++) r.getCell(i).numFmt = PCT;
  };
  line('受理（件）', (c) => c.received);
  line('办结（件）', (c) => c.closed);
  line('当场答复（件）', (c) => c.answeredOnSpot);
  line('响应率（2小时联系）', (c) => c.responseRate, true);
  line('联系企业：按时件数', (c) => c.contactOnTime);
  line('联系企业：应计件数', (c) => c.contactDue);
  line('初步意见按时率', (c) => c.opinionOnTimeRate, true);
  line('初步意见：按时件数', (c) => c.opinionOnTime);
  line('初步意见：应计件数', (c) => c.opinionDue);
  line('办结按时率', (c) => c.resolutionOnTimeRate, true);
  line('办结：按时件数', (c) => c.resolutionOnTime);
  line('办结：应计件数', (c) => c.resolutionDue);
  line('解决率', (c) => c.resolutionRate, true);
  line('已解决（件）', (c) => c.solved);
  line('有办理结果（件）', (c) => c.resolved);
  line('满意率', (c) => c.satisfactionRate, true);
  line('满意和基本满意（件）', (c) => c.satisfied);
  line('企业评价（件）', (c) => c.evaluated);
  s.addRow(['重办（次）', data.reopened.length]);
  s.addRow(['当前逾期未办结（件）', data.overdue.total]);
  s.addRow(['重大涉企事项（件）', data.major.length]);
  s.addRow(['省政府领导转办（件）', data.leaderTransfers.length]);
  s.addRow([]);
  s.addRow([`统计期间：${formatChineseDay(data.period.fromDay)}起至${formatChineseDay(data.period.toDay)}前；生成时间：${formatDateTime(data.generatedAt)}`]);

  const t = sheet(
    wb,
    SHEETS.trend,
    `${title}——月度趋势`,
    ['月份', '受理', '办结', '响应率', '初步意见按时率', '办结按时率', '解决率', '满意率', '评价件数'],
    [10, 8, 8, 10, 14, 12, 10, 10, 10],
  );
  for (const m of data.trend) t.addRow([m.month, m.received, m.closed, ...rates(m), m.evaluated]);
  percentColumns(t, [4, 5, 6, 7, 8]);

  const unitHeaders = ['主办处室', '受理', '办结', '当场答复', '响应率', '初步意见按时率', '办结按时率', '解决率', '满意率', '评价件数', '当前逾期'];
  const u = sheet(wb, SHEETS.units, `${title}——各处室`, unitHeaders, [28, 8, 8, 10, 10, 14, 12, 10, 10, 10, 10]);
  for (const x of data.units) u.addRow([x.unitName, x.received, x.closed, x.answeredOnSpot, ...rates(x), x.evaluated, x.overdueNow]);
  percentColumns(u, [5, 6, 7, 8, 9]);

  if (data.cities) {
    const c = sheet(wb, SHEETS.cities, `${title}——各市（汇总数据）`, ['单位', ...unitHeaders.slice(1)], [26, 8, 8, 10, 10, 14, 12, 10, 10, 10, 10]);
    for (const x of data.cities) c.addRow([x.name, x.received, x.closed, x.answeredOnSpot, ...rates(x), x.evaluated, x.overdueNow]);
    percentColumns(c, [5, 6, 7, 8, 9]);
  }

  const o = sheet(
    wb,
    SHEETS.overdue,
    `逾期未办结诉求（截至${formatDateTime(data.generatedAt)}，共${data.overdue.total}件）`,
    ['序号', '编号', '诉求标题', '企业', '主办处室', '逾期节点', '时限'],
    [6, 24, 40, 28, 20, 12, 22],
  );
  data.overdue.items.forEach((x, i) => {
    o.addRow([i + 1, x.number, x.title, x.enterpriseName, x.unitName, milestoneLabel(x.milestone), formatDeadline(x.dueAt, { year: true })]);
  });

  const r = sheet(wb, SHEETS.reopened, '重办情况', ['序号', '编号', '诉求标题', '主办处室', '重办时间', '第几次重办'], [6, 24, 40, 20, 18, 10]);
  data.reopened.forEach((x, i) => {
    r.addRow([i + 1, x.number, x.title, x.unitName, formatDateTime(x.at), x.reopenCount]);
  });

  const m = sheet(
    wb,
    SHEETS.major,
    '重大涉企事项',
    ['序号', '编号', '诉求标题', '企业', '主办处室', '办理状态', '受理时间', '办结时间'],
    [6, 24, 40, 28, 20, 14, 18, 18],
  );
  data.major.forEach((x, i) => {
    m.addRow([i + 1, x.number, x.title, x.enterpriseName, x.unitName, x.state, formatDateTime(x.receivedAt), x.closedAt ? formatDateTime(x.closedAt) : '']);
  });

  const l = sheet(
    wb,
    SHEETS.leader,
    '省政府领导转办事项（R6.5）',
    ['序号', '编号', '受理时间', '企业', '诉求标题', '主办处室', '办理状态', '三个环节完成情况'],
    [6, 24, 17, 28, 30, 18, 14, 46],
  );
  data.leaderTransfers.forEach((x, i) => {
    const row = l.addRow([i + 1, x.number, x.receivedAt, x.enterpriseName, x.title, x.leadUnitName, x.state, x.milestones]);
    row.alignment = { vertical: 'top', wrapText: true };
  });

  const n = sheet(wb, SHEETS.notes, '统计口径', ['指标', '口径'], [18, 110]);
  const keys: FigureKey[] = [
    'received',
    'closed',
    'answeredOnSpot',
    'responseRate',
    'contactOnTimeRate',
    'opinionOnTimeRate',
    'resolutionOnTimeRate',
    'resolutionRate',
    'satisfactionRate',
    'overdueNow',
    'reopened',
    'major',
    'leaderTransfers',
  ];
  for (const k of keys) n.addRow([FIGURES[k].label, FIGURES[k].explain]).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
