// Annual satisfaction survey (R7.3) vocabularies, shared by server and web.

export const SURVEY_STATES = ['draft', 'sampled', 'open', 'closed'] as const;
export type SurveyState = (typeof SURVEY_STATES)[number];
export const SURVEY_STATE_LABELS: Record<SurveyState, string> = {
  draft: '草稿',
  sampled: '已抽样（待确定）',
  open: '调查中',
  closed: '已结束',
};

export const SURVEY_ACTIONS = ['edit', 'draw_sample', 'open', 'answer', 'remind', 'close'] as const;
export type SurveyAction = (typeof SURVEY_ACTIONS)[number];
export const SURVEY_ACTION_LABELS: Record<SurveyAction, string> = {
  edit: '修改问卷',
  draw_sample: '抽取样本',
  open: '确定样本并发放问卷',
  answer: '填写问卷',
  remind: '提醒未答企业',
  close: '结束调查',
};

export const QUESTION_KINDS = ['rating', 'single', 'multiple', 'text'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export const QUESTION_KIND_LABELS: Record<QuestionKind, string> = { rating: '评分', single: '单选', multiple: '多选', text: '文字' };

/** Rating scale 1..5 (5 = 非常满意). */
export const RATING_MAX = 5;
export const RATING_LABELS = ['非常不满意', '不满意', '一般', '满意', '非常满意'] as const;

export type SurveyQuestion = {
  /** Stable key within the questionnaire (q1, q2 …). */
  key: string;
  kind: QuestionKind;
  text: string;
  /** single / multiple: the choices. */
  options?: string[];
  required: boolean;
};

/** An answer per question key: rating 1..5, an option index, option indexes, or text. */
export type SurveyAnswerValue = number | number[] | string;
export type SurveyAnswers = Record<string, SurveyAnswerValue>;

export const RESPONSE_MODES = ['link', 'face_to_face'] as const;
export type ResponseMode = (typeof RESPONSE_MODES)[number];
export const RESPONSE_MODE_LABELS: Record<ResponseMode, string> = { link: '问卷链接', face_to_face: '面对面' };

export const SURVEY_LINK_STATES = ['valid', 'used', 'expired', 'closed'] as const;
export type SurveyLinkState = (typeof SURVEY_LINK_STATES)[number];
