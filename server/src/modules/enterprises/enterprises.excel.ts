// Excel (.xlsx) side of the registry: the template (Chinese headers, drop-down lists), the export,
// and reading an uploaded workbook into raw string rows. File-level problems (not xlsx, no usable
// sheet, missing columns, formulas, merged cells, too many rows) are thrown as FileProblem with a
// message for the user; row-level checks are in enterprises.import-rows.ts.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { type CheckedZip, checkZipArchive, type ZipPart, ZipRefused } from '../../lib/zip-guard.ts';
import { ENTERPRISE_STATUS_LABELS, IMPORT_MAX_ROWS, OWNERSHIP_LABELS, SECTOR_LABELS, SIZE_LABELS, SUB_SECTOR_LABELS } from '../../../../shared/enterprises.ts';
import { countiesOf, fullNameOf, isCityCode, regions } from '../../domain/regions/index.ts';

export const SHEET_NAME = '企业名录';
const OPTIONS_SHEET = '选项';

export type ColumnKey =
  | 'name'
  | 'uscc'
  | 'region'
  | 'sector'
  | 'subSector'
  | 'ownership'
  | 'size'
  | 'status'
  | 'struggling'
  | 'strugglingReason'
  | 'unit'
  | 'address'
  | 'tags'
  | 'contactName'
  | 'contactPost'
  | 'contactMobile'
  | 'contactLandline';

type Column = { key: ColumnKey; header: string; required?: boolean; width: number; note?: string };

export const COLUMNS: Column[] = [
  { key: 'name', header: '企业名称', required: true, width: 32 },
  { key: 'uscc', header: '统一社会信用代码', required: true, width: 22, note: '18位，GB 32100-2015' },
  { key: 'region', header: '所属区县', required: true, width: 24, note: '从下拉列表选择，或填写6位区划代码' },
  { key: 'sector', header: '行业', required: true, width: 12 },
  { key: 'subSector', header: '工贸细分行业', width: 14, note: '仅工贸企业填写' },
  { key: 'ownership', header: '经济类型', required: true, width: 10 },
  { key: 'size', header: '企业规模', required: true, width: 10 },
  { key: 'status', header: '经营状态', width: 10, note: '空白为“在营”' },
  { key: 'struggling', header: '困难企业', width: 10, note: '是/否，空白为“否”' },
  { key: 'strugglingReason', header: '困难原因', width: 24 },
  { key: 'unit', header: '监管处室', width: 24 },
  { key: 'address', header: '地址', width: 36 },
  { key: 'tags', header: '标签', width: 20, note: '多个标签用顿号或逗号分隔' },
  { key: 'contactName', header: '联系人', width: 10 },
  { key: 'contactPost', header: '联系人职务', width: 12 },
  { key: 'contactMobile', header: '联系人手机', width: 14 },
  { key: 'contactLandline', header: '联系人固定电话', width: 16 },
];
export const COLUMN_HEADER: Record<ColumnKey, string> = Object.fromEntries(COLUMNS.map((c) => [c.key, c.header])) as Record<ColumnKey, string>;
const REQUIRED_HEADERS = COLUMNS.filter((c) => c.required).map((c) => c.header);

export class FileProblem extends Error {}

/** "370102 济南市历下区" — the drop-down value for a county. */
export const regionOption = (code: string) => `${code} ${fullNameOf(code) ?? ''}`;

/** Counties a tenant may use: its own for a city bureau, every Shandong county for the province. */
export function regionOptionsFor(tenantKind: 'province' | 'city', tenantCode: string): string[] {
  const counties = tenantKind === 'city' && isCityCode(tenantCode) ? countiesOf(tenantCode) : regions.filter((r) => r.level === 'county');
  return counties.map((r) => regionOption(r.code));
}

const labels = (m: Record<string, string>) => Object.values(m);

function addHeader(ws: ExcelJS.Worksheet, extra: string[] = []) {
  ws.columns = [...COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width })), ...extra.map((h) => ({ header: h, key: h, width: 30 }))];
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.alignment = { vertical: 'middle' };
  COLUMNS.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.required ? 'FFFCE4D6' : 'FFDDEBF7' } };
    if (c.note || c.required) cell.note = `${c.required ? '必填。' : ''}${c.note ?? ''}`;
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

/** The import template: headers, drop-down lists (data validation) fed from a hidden sheet. */
export async function buildTemplate(opts: { tenantKind: 'province' | 'city'; tenantCode: string; unitNames: string[] }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '政企通';
  const ws = wb.addWorksheet(SHEET_NAME);
  addHeader(ws);
  const opt = wb.addWorksheet(OPTIONS_SHEET, { state: 'hidden' });
  const lists: { key: ColumnKey; values: string[] }[] = [
    { key: 'region', values: regionOptionsFor(opts.tenantKind, opts.tenantCode) },
    { key: 'sector', values: labels(SECTOR_LABELS) },
    { key: 'subSector', values: labels(SUB_SECTOR_LABELS) },
    { key: 'ownership', values: labels(OWNERSHIP_LABELS) },
    { key: 'size', values: labels(SIZE_LABELS) },
    { key: 'status', values: labels(ENTERPRISE_STATUS_LABELS) },
    { key: 'struggling', values: ['是', '否'] },
    { key: 'unit', values: opts.unitNames.length ? opts.unitNames : ['（本单位尚无处室）'] },
  ];
  const LAST = 5001;
  lists.forEach((l, i) => {
    const col = opt.getColumn(i + 1);
    col.values = [COLUMN_HEADER[l.key], ...l.values];
    const letter = col.letter;
    const colIndex = COLUMNS.findIndex((c) => c.key === l.key) + 1;
    const target = ws.getColumn(colIndex).letter;
    (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${target}2:${target}${LAST}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`'${OPTIONS_SHEET}'!$${letter}$2:$${letter}$${l.values.length + 1}`],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: COLUMN_HEADER[l.key],
      error: '请从下拉列表中选择',
    });
  });
  // Keep USCC, mobile and landline as text so Excel does not turn them into numbers.
  for (const key of ['uscc', 'contactMobile', 'contactLandline'] as ColumnKey[]) {
    ws.getColumn(COLUMNS.findIndex((c) => c.key === key) + 1).numFmt = '@';
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export type ExportRow = Record<ColumnKey, string> & { otherContacts: string; archived: boolean };

/** The export: the template's columns (so it can be edited and re-imported) plus other contacts. */
export async function buildExport(rows: ExportRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '政企通';
  const ws = wb.addWorksheet(SHEET_NAME);
  addHeader(ws, ['其他联系人', '已归档']);
  for (const r of rows) {
    ws.addRow([...COLUMNS.map((c) => r[c.key] ?? ''), r.otherContacts, r.archived ? '是' : '']);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export type RawRow = { row: number; cells: Partial<Record<ColumnKey, string>> };

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value as unknown;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; text?: unknown; error?: string; result?: unknown };
    if (o.richText)
      return o.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if (typeof o.text === 'string') return o.text.trim();
    if (o.error) return o.error;
  }
  return String(v).trim();
}

const normHeader = (h: string) =>
  h
    .replace(/\s+/g, '')
    .replace(/[*＊]/g, '')
    .replace(/[（(]必填[)）]/g, '');

const MERGE_REF = /<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]+\d+(?::[A-Z]+\d+)?)"/g;

/**
 * The merged ranges of every worksheet part, read from the bytes the zip check inflates anyway (the
 * streaming reader does not report merges).
 */
function mergeCollector() {
  const merges = new Map<string, string[]>();
  const tap = (name: string) => {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(name)) return undefined;
    const found: string[] = [];
    merges.set(name, found);
    let tail = '';
    return (chunk: Buffer) => {
      const text = tail + chunk.toString('latin1');
      for (const m of text.matchAll(MERGE_REF)) found.push(m[1]);
      // A tag cut by the chunk boundary is seen whole next time; one already matched is not repeated.
      const open = text.lastIndexOf('<');
      tail = open >= 0 && text.indexOf('>', open) < 0 ? text.slice(open) : '';
    };
  };
  return { merges, tap };
}

const WORKSHEET_PART = /^xl\/worksheets\/sheet\d+\.xml$/;

/**
 * The archive's bytes for the streaming reader, its worksheets moved after every other entry. The
 * reader needs the shared strings and the workbook's relationships before a sheet's rows; a sheet
 * stored before them (Excel and exceljs both write sheets first) it copies to a temporary file and
 * reads afterwards. That was a disk write per upload, and a reading stopped early (a file refused
 * for its columns) left the file and its descriptor open until the process ended. The reader walks
 * the local entries one after another and never uses the directory's offsets, so the entries are
 * sliced from the checked buffer, not copied. A workbook without shared strings still takes the
 * temporary-file path.
 */
function worksheetsLast(buf: Buffer, zip: CheckedZip): Buffer[] {
  const slice = (p: ZipPart) => buf.subarray(p.start, p.end);
  const sheets = zip.parts.filter((p) => WORKSHEET_PART.test(p.name));
  const rest = zip.parts.filter((p) => !WORKSHEET_PART.test(p.name));
  return [...rest.map(slice), ...sheets.map(slice), buf.subarray(zip.directoryStart)];
}

type SheetReader = ExcelJS.stream.xlsx.WorksheetReader & { name: string; state?: string };

/**
 * Reads the workbook: picks the sheet, checks the structure, returns non-empty rows as strings.
 * Issue 12 item 6: the archive is checked first (zip-guard: sizes, ratios, actual inflated bytes), then
 * the rows are streamed (exceljs WorkbookReader), never the whole workbook model; reading stops as
 * soon as the row limit is passed.
 */
export async function readWorkbook(buf: Buffer, maxRows = IMPORT_MAX_ROWS): Promise<{ sheet: string; rows: RawRow[]; headers: ColumnKey[] }> {
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0) {
    throw new FileProblem('不支持旧版 Excel 97-2003（.xls）文件，请在 Excel 中“另存为”Excel 工作簿（.xlsx）后上传');
  }
  if (buf.length < 4 || buf.readUInt32BE(0) !== 0x504b0304) {
    throw new FileProblem('文件不是 Excel 工作簿（.xlsx），请使用下载的导入模板填写后上传');
  }
  // The reader's own error stays as the cause: the worker logs it (a valid file refused as unreadable
  // is our fault, and its message is the only clue).
  const unreadable = (cause?: unknown) => new FileProblem('无法读取该 .xlsx 文件（文件可能已损坏或不是 Excel 工作簿）', { cause });
  const { merges, tap } = mergeCollector();
  let checked: CheckedZip;
  try {
    checked = await checkZipArchive(buf, undefined, tap);
  } catch (err) {
    if (err instanceof ZipRefused) throw err.broken ? unreadable(err) : new FileProblem(err.message);
    throw err;
  }

  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(worksheetsLast(buf, checked)), {
    sharedStrings: 'cache',
    styles: 'cache', // date formats
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  type Picked = { name: string; part: string | null; rows: RawRow[]; cols: { key: ColumnKey; header: string; col: number }[]; formulas: string[] };
  let picked: Picked | null = null;
  const visible: string[] = [];
  let firstMissing: string[] | null = null;
  const model = reader as unknown as { model?: { sheets?: { name: string; rId: string }[] }; workbookRels?: { Id: string; Target: string }[] };
  const partOf = (name: string) => {
    const rId = model.model?.sheets?.find((x) => x.name === name)?.rId;
    const target = model.workbookRels?.find((r) => r.Id === rId)?.Target;
    return target ? `xl/${target.replace(/^\/?xl\//, '')}` : null;
  };

  try {
    for await (const sheet of reader as unknown as AsyncIterable<SheetReader>) {
      if (sheet.state === 'hidden' || sheet.state === 'veryHidden') continue;
      visible.push(sheet.name);
      if (picked && picked.name === SHEET_NAME) continue;
      const named = sheet.name === SHEET_NAME;
      // Only a sheet that could replace the one picked is read past its first row.
      if (picked && !named) continue;
      let cols: Picked['cols'] | null = null;
      const rows: RawRow[] = [];
      const formulas: string[] = [];
      let dataRows = 0;
      let rejected = false;
      for await (const row of sheet as unknown as AsyncIterable<ExcelJS.Row>) {
        if (rejected) continue; // drain
        if (!cols) {
          const hm = new Map<string, number>();
          if (row.number === 1) {
            row.eachCell({ includeEmpty: false }, (cell, col) => {
              const h = normHeader(cellText(cell));
              if (h && !hm.has(h)) hm.set(h, col);
            });
          }
          const missing = REQUIRED_HEADERS.filter((h) => !hm.has(h));
          firstMissing ??= missing;
          if (missing.length && !named) {
            rejected = true;
            continue;
          }
          if (missing.length) throw new FileProblem(`工作表“${sheet.name}”第1行缺少必填列：${missing.join('、')}（列名须与模板一致）`);
          cols = COLUMNS.filter((c) => hm.has(c.header)).map((c) => ({ key: c.key, header: c.header, col: hm.get(c.header)! }));
          if (row.number === 1) continue;
        }
        if (!row.hasValues) continue;
        dataRows++;
        if (dataRows > maxRows) continue; // counted for the message, not kept
        const cells: Partial<Record<ColumnKey, string>> = {};
        let any = false;
        for (const c of cols) {
          const cell = row.getCell(c.col);
          if (cell.type === ExcelJS.ValueType.Formula) {
            if (formulas.length < 3) formulas.push(`第${row.number}行“${c.header}”列（${cell.address}）`);
            else formulas.push('');
            continue;
          }
          const t = cellText(cell);
          if (t) {
            cells[c.key] = t;
            any = true;
          }
        }
        if (any) rows.push({ row: row.number, cells });
      }
      if (rejected) continue;
      if (!cols) {
        // An empty sheet: no header row at all.
        firstMissing ??= REQUIRED_HEADERS;
        if (named) throw new FileProblem(`工作表“${sheet.name}”第1行缺少必填列：${REQUIRED_HEADERS.join('、')}（列名须与模板一致）`);
        continue;
      }
      if (dataRows > maxRows) throw new FileProblem(`数据行数（${dataRows}行）超过上限 ${maxRows} 行，请拆分为多个文件分批导入`);
      picked = { name: sheet.name, part: partOf(sheet.name), rows, cols, formulas };
    }
  } catch (err) {
    if (err instanceof FileProblem) throw err;
    throw unreadable(err);
  }

  if (!picked) {
    const names = visible.map((n) => `“${n}”`).join('、') || '（无）';
    const first = visible[0];
    throw new FileProblem(
      `未找到名为“${SHEET_NAME}”的工作表，也没有包含必填列的工作表（文件中的工作表：${names}）。` +
        (first ? `工作表“${first}”缺少列：${(firstMissing ?? REQUIRED_HEADERS).join('、')}。` : '') +
        '请使用下载的导入模板。',
    );
  }

  const merged = (picked.part && merges.get(picked.part)) || [];
  if (merged.length) {
    const shown = merged.slice(0, 3).join('、');
    throw new FileProblem(
      `工作表“${picked.name}”含合并单元格（${shown}${merged.length > 3 ? ` 等${merged.length}处` : ''}），请取消合并并在每一行填写完整后再导入`,
    );
  }
  const { formulas } = picked;
  if (formulas.length) {
    throw new FileProblem(
      `${formulas.filter(Boolean).join('、')}${formulas.length > 3 ? ` 等${formulas.length}个单元格` : ''}含公式。请将公式转换为数值（复制后“选择性粘贴—数值”）再导入`,
    );
  }
  return { sheet: picked.name, rows: picked.rows, headers: picked.cols.map((c) => c.key) };
}
