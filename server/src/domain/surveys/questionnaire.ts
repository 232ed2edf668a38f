// R7.3 the questionnaire: the default template (contact-point visits, appeal handling and the 2115
// time limits, work style) and the checks of a questionnaire and of one set of answers. Pure.
import { RATING_MAX, type SurveyAnswers, type SurveyQuestion } from '../../../../shared/surveys.ts';

export const DEFAULT_QUESTIONS: readonly SurveyQuestion[] = Object.freeze([
  { key: 'q1', kind: 'rating', text: '您对我厅包保联系点走访服务（走访频次、解决实际问题）的满意程度', required: true },
  { key: 'q2', kind: 'single', text: '过去一年，联系点工作人员到贵企业走访的次数', options: ['未走访', '1次', '2–3次', '4次及以上'], required: true },
  { key: 'q3', kind: 'rating', text: '您对诉求受理和办理结果的满意程度', required: true },
  {
    key: 'q4',
    kind: 'rating',
    text: '您对诉求办理时效（2小时内联系、1个工作日内提出意见、15个工作日内办结）的满意程度',
    required: true,
  },
  {
    key: 'q5',
    kind: 'multiple',
    text: '您认为工作人员在作风方面还存在哪些问题（可多选）',
    options: ['没有问题', '推诿扯皮', '办事拖沓', '态度生硬', '形式主义', '吃拿卡要'],
    required: true,
  },
  { key: 'q6', kind: 'rating', text: '您对我厅工作人员工作作风的总体满意程度', required: true },
  { key: 'q7', kind: 'text', text: '您对我厅改进服务企业工作的意见和建议', required: false },
]) as readonly SurveyQuestion[];

/** Problems of a questionnaire, per field (`questions.<i>.<field>`); empty when fine. */
export function questionnaireProblems(questions: readonly SurveyQuestion[]): Record<string, string> {
  const p: Record<string, string> = {};
  if (questions.length === 0) p.questions = '问卷至少需要一道题';
  const keys = new Set<string>();
  questions.forEach((q, i) => {
    if (keys.has(q.key)) p[`questions.${i}.key`] = '题目编号重复';
    keys.add(q.key);
    if ((q.kind === 'single' || q.kind === 'multiple') && (!q.options || q.options.length < 2)) p[`questions.${i}.options`] = '选择题至少需要两个选项';
    if ((q.kind === 'rating' || q.kind === 'text') && q.options && q.options.length) p[`questions.${i}.options`] = '评分题和文字题不设选项';
  });
  return p;
}

/** Problems of one set of answers against the questionnaire, per field (`answers.<key>`); empty when fine. */
export function answerProblems(questions: readonly SurveyQuestion[], answers: SurveyAnswers): Record<string, string> {
  const p: Record<string, string> = {};
  const known = new Set(questions.map((q) => q.key));
  for (const k of Object.keys(answers)) if (!known.has(k)) p[`answers.${k}`] = '问卷中没有这道题';
  for (const q of questions) {
    const a = answers[q.key];
    const f = `answers.${q.key}`;
    const empty = a === undefined || a === null || (typeof a === 'string' && a.trim() === '') || (Array.isArray(a) && a.length === 0);
    if (empty) {
      if (q.required) p[f] = '请回答这道题';
      continue;
    }
    const n = q.options?.length ?? 0;
    switch (q.kind) {
      case 'rating':
        if (typeof a !== 'number' || !Number.isInteger(a) || a < 1 || a > RATING_MAX) p[f] = `请选择1–${RATING_MAX}分`;
        break;
      case 'single':
        if (typeof a !== 'number' || !Number.isInteger(a) || a < 0 || a >= n) p[f] = '请选择一个选项';
        break;
      case 'multiple':
        if (!Array.isArray(a) || a.some((x) => !Number.isInteger(x) || x < 0 || x >= n) || new Set(a).size !== a.length) p[f] = '请选择选项';
        break;
      case 'text':
        if (typeof a !== 'string' || a.length > 2000) p[f] = '请填写不超过2000字';
        break;
    }
  }
  return p;
}
