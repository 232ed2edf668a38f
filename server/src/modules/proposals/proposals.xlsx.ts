// R3.3 the yearly 建议提案 办理 list (.xlsx, exceljs): a summary per lead unit, then one sheet per unit
// with every proposal of the year — number, session, deputy / member and delegation, assignment, the
// reply period, the reply (on time or late), the evaluation, and how often it was handled again.
import ExcelJS from 'exceljs';
import type { YearList } from './proposals.service.ts';

export const SUMMARY_SHEET = '汇总';
export const LIST_HEADER = [
  '序号',
  '类别',
  '会议',
  '编号',
  '标题',
  '代表/委员',
  '代表团/界别',
  '交办日期',
  '答复期限',
  '答复日期',
  '按期答复',
  '代表委员评价',
  '办理轮次',
  '状态',
  '关联诉求',
] as const;

/** A worksheet name: at most 31 characters, none of []:*?/\ (Excel's rules), unique in the workbook. */
function sheetName(name: string, used: Set<string>) {
  const base = name.replace(/[[\]:*?/\\]/g, '·').slice(0, 28) || '处室';
  let n = base;
  for (let i = 2; used.has(n); i++) n = `${base}${i}`;
  used.add(n);
  return n;
}

export async function proposalsXlsx(list: YearList): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '政企通';
  const byUnit = new Map<string, { name: string; items: YearList['items'] }>();
  for (const p of list.items) {
    const u = byUnit.get(p.leadUnitId) ?? { name: p.leadUnitName, items: [] };
    u.items.push(p);
    byUnit.set(p.leadUnitId, u);
  }
  const summary = wb.addWorksheet(SUMMARY_SHEET);
  summary.addRow([`${list.year}年人大代表建议和政协委员提案办理情况`]);
  summary.addRow(['主办处室', '件数', '人大代表建议', '政协委员提案', '已答复', '按期答复', '满意', '基本满意', '不满意', '重新办理（件）', '未答复']);
  const used = new Set([SUMMARY_SHEET]);
  for (const [, u] of byUnit) {
    const replied = u.items.filter((p) => p.rounds.some((r) => r.repliedOn));
    const onTime = u.items.filter((p) => p.rounds[0]?.deadlineState === 'met_on_time');
    const ev = (e: string) => u.items.filter((p) => p.evaluation === e).length;
    summary.addRow([
      u.name,
      u.items.length,
      u.items.filter((p) => p.kind === 'npc_suggestion').length,
      u.items.filter((p) => p.kind === 'cppcc_proposal').length,
      replied.length,
      onTime.length,
      ev('satisfied'),
      ev('basically_satisfied'),
      ev('unsatisfied'),
      u.items.filter((p) => p.round > 1).length,
      u.items.filter((p) => p.state === 'handling').length,
    ]);
    const ws = wb.addWorksheet(sheetName(u.name, used));
    ws.addRow([`${u.name} ${list.year}年建议提案办理清单`]);
    ws.addRow([...LIST_HEADER]);
    u.items.forEach((p, i) => {
      const first = p.rounds[0];
      const last = p.rounds.at(-1);
      ws.addRow([
        i + 1,
        p.kindLabel,
        p.session,
        p.number,
        p.title,
        p.proposerName,
        p.delegation,
        p.assignedOn,
        p.replyDue,
        last?.repliedOn ?? '',
        first?.repliedOn ? (first.deadlineState === 'met_on_time' ? '是' : '否') : '未答复',
        p.evaluationLabel ?? '',
        p.round,
        p.stateLabel,
        p.appealNumber,
      ]);
    });
    ws.getRow(2).font = { bold: true };
    ws.getColumn(5).width = 40;
    ws.getColumn(3).width = 24;
  }
  summary.getRow(2).font = { bold: true };
  summary.getColumn(1).width = 30;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
