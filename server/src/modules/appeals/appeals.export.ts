// 导出 Excel (issue 17): the workbench's or the search page's list, exactly as filtered, sorted and
// scoped — read by the list itself (appeals.read.ts list: the same WHERE and ORDER BY, no second
// copy of the filters) — as .xlsx with Chinese headers, at most EXPORT_MAX_ROWS rows (a capped
// export says so in its last row). The 2115 deadlines are written by the one formatter
// (shared/format.ts formatDeadline). Every export is audited: who exported which filters, how many.
import ExcelJS from 'exceljs';
import { APPEAL_CATEGORY_LABELS, APPEAL_STATE_LABELS } from '../../../../shared/appeals.ts';
import type { AppealSummary } from '../../../../shared/api/appeals.ts';
import { formatDateTime, formatDeadline } from '../../../../shared/format.ts';
import { audit, withTx, type AuthedCtx } from '../../lib/context.ts';
import { list, type ListQuery } from './appeals.read.ts';

/** At most this many appeals in one export. */
export const EXPORT_MAX_ROWS = 10_000;

export const EXPORT_HEADERS = [
  '编号',
  '标题',
  '企业',
  '类别',
  '主办处室',
  '状态',
  '受理时间',
  '联系企业时限（2小时）',
  '初步意见时限（1个工作日）',
  '办结时限（15个工作日）',
  '是否逾期',
] as const;

const WIDTHS = [26, 40, 30, 14, 18, 12, 18, 22, 22, 22, 10];

/** One appeal as a row of the export (the test reads the file back and compares with this). */
export function exportRow(a: AppealSummary): string[] {
  const due = (m: keyof AppealSummary['milestones']) => (a.deadlineError ? '时限待计算' : formatDeadline(a.milestones[m].dueAt));
  return [
    a.number,
    a.title,
    a.enterpriseName,
    APPEAL_CATEGORY_LABELS[a.category],
    a.leadUnitName ?? '—',
    APPEAL_STATE_LABELS[a.state],
    formatDateTime(a.receivedAt),
    due('contact'),
    due('opinion'),
    due('resolution'),
    a.overdue ? '是' : '否',
  ];
}

/** `max`: the cap (EXPORT_MAX_ROWS; a test passes a small one to see a capped export). */
export async function exportXlsx(ctx: AuthedCtx, q: Omit<ListQuery, 'page' | 'pageSize'>, max = EXPORT_MAX_ROWS) {
  // One row more than the cap tells whether more match.
  const page = await list(ctx, { ...q, page: 1, pageSize: max + 1 });
  const capped = page.items.length > max;
  const items = capped ? page.items.slice(0, max) : page.items;

  const wb = new ExcelJS.Workbook();
  wb.creator = '政企通';
  const ws = wb.addWorksheet('诉求列表');
  const head = ws.addRow([...EXPORT_HEADERS]);
  head.font = { bold: true };
  head.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  });
  WIDTHS.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const a of items) ws.addRow(exportRow(a));
  if (capped) ws.addRow([`仅导出前 ${max} 件，符合条件的诉求更多，请缩小筛选范围后分批导出`]).font = { italic: true };
  const buf = Buffer.from(await wb.xlsx.writeBuffer());

  await withTx(ctx, (tx) =>
    audit(tx, ctx, {
      action: 'appeal.export',
      entity: 'appeal',
      summary: `导出诉求列表 ${items.length} 件${capped ? `（超过 ${max} 件，仅导出前 ${max} 件）` : ''}`,
      after: { filter: q, count: items.length, capped },
    }),
  );
  return { buf, count: items.length, capped };
}
