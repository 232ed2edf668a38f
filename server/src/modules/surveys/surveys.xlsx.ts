// R7.3 the survey's results as .xlsx: figures as numbers (shares as percentages) with the n behind
// each, strata with response rates, and — only for who may see it (surveys.results.ts results) — the
// answers one by one.
import ExcelJS from 'exceljs';
import { RATING_MAX } from '../../../../shared/surveys.ts';
import type { GroupFigure } from '../../domain/surveys/results.ts';
import type { SurveyResults } from './surveys.results.ts';
import type { SurveyView } from './surveys.service.ts';

export const SURVEY_SHEETS = { questions: '分题结果', units: '各处室', cities: '各市', strata: '各层', rates: '应答率', answers: '答卷明细' } as const;

const pct = '0.0%';

function groupSheet(wb: ExcelJS.Workbook, name: string, what: string, groups: ({ name: string } & GroupFigure)[], r: SurveyResults) {
  const ws = wb.addWorksheet(name);
  const ratingQs = r.questions.filter((q) => q.kind === 'rating');
  ws.addRow([what, '答卷数', '满意度指数', ...ratingQs.flatMap((q) => [`${q.key} 平均分（1–${RATING_MAX}）`, `${q.key} 答题数`])]);
  for (const g of groups) {
    ws.addRow([
      g.name,
      g.n,
      g.index === null ? null : Math.round(g.index * 10) / 10,
      ...ratingQs.flatMap((q) => {
        const f = g.questions.find((x) => x.key === q.key)!;
        return [f.mean === null || f.mean === undefined ? null : Math.round(f.mean * 100) / 100, f.n];
      }),
    ]);
  }
  ws.getRow(1).font = { bold: true };
  ws.getColumn(1).width = 30;
}

export async function surveyXlsx(view: SurveyView, r: SurveyResults): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '政企通';
  const q = wb.addWorksheet(SURVEY_SHEETS.questions);
  q.addRow([`${r.title}（${r.year}年度）`]);
  q.addRow(['题目', '题型', '答题数', '平均分', '满意率（满意+非常满意）', '选项', '选项占比（加权）', '选择数']);
  for (const question of r.questions) {
    const f = r.overall.questions.find((x) => x.key === question.key)!;
    if (question.kind === 'rating') {
      q.addRow([question.text, '评分', f.n, f.mean ?? null, f.satisfied ?? null]);
    } else if (question.kind === 'text') {
      q.addRow([question.text, '文字', f.n]);
    } else {
      (question.options ?? []).forEach((o, i) => {
        q.addRow([
          i === 0 ? question.text : '',
          i === 0 ? (question.kind === 'single' ? '单选' : '多选') : '',
          i === 0 ? f.n : null,
          null,
          null,
          o,
          f.options?.[i]?.share ?? 0,
          f.options?.[i]?.n ?? 0,
        ]);
      });
    }
  }
  q.getRow(2).font = { bold: true };
  q.getColumn(1).width = 60;
  q.getColumn(5).numFmt = pct;
  q.getColumn(7).numFmt = pct;
  q.getColumn(4).numFmt = '0.00';
  groupSheet(wb, SURVEY_SHEETS.units, '处室', r.byUnit, r);
  if (r.byCity.length) groupSheet(wb, SURVEY_SHEETS.cities, '市', r.byCity, r);
  if (r.byStratum.length) groupSheet(wb, SURVEY_SHEETS.strata, '层（市 · 行业 · 规模）', r.byStratum, r);
  const rates = wb.addWorksheet(SURVEY_SHEETS.rates);
  rates.addRow(['层（市 · 行业 · 规模）', '总体企业数', '样本数', '权重', '已答', '其中面对面', '应答率']);
  for (const s of view.strata) rates.addRow([s.label, s.population, s.sampleSize, s.weight, s.responded, s.faceToFace, s.responseRate]);
  rates.getRow(1).font = { bold: true };
  rates.getColumn(1).width = 30;
  rates.getColumn(7).numFmt = pct;
  if (r.responses) {
    const a = wb.addWorksheet(SURVEY_SHEETS.answers);
    a.addRow(['企业', '层', '监管处室', '方式', '录入人', '提交时间', ...r.questions.map((x) => x.text)]);
    for (const x of r.responses) {
      a.addRow([
        x.enterpriseName,
        x.stratumLabel,
        x.unitName ?? '',
        x.modeLabel,
        x.recordedByName ?? '',
        x.createdAt,
        ...r.questions.map((question) => {
          const v = x.answers[question.key];
          if (v === undefined) return '';
          if (question.kind === 'single' && typeof v === 'number') return question.options?.[v] ?? '';
          if (question.kind === 'multiple' && Array.isArray(v)) return v.map((i) => question.options?.[i] ?? '').join('、');
          return v as string | number;
        }),
      ]);
    }
    a.getRow(1).font = { bold: true };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
