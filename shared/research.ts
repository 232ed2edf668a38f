// Research (调研) vocabularies (R2.1–R2.4, R7.1), shared by server and web.

/** R2.1 the topics research is organised by, or another stated topic. */
export const RESEARCH_TOPICS = ['safety_gaps', 'pain_points', 'disaster_prevention', 'major_response', 'other'] as const;
export type ResearchTopic = (typeof RESEARCH_TOPICS)[number];
export const RESEARCH_TOPIC_LABELS: Record<ResearchTopic, string> = {
  safety_gaps: '安全生产短板',
  pain_points: '应急管理痛点难点',
  disaster_prevention: '防灾减灾救灾',
  major_response: '重大灾害事故处置保障',
  other: '其他专题',
};

/** R2.3 thematic research, or research joined with an inspection. */
export const RESEARCH_FORMS = ['thematic', 'with_inspection'] as const;
export type ResearchForm = (typeof RESEARCH_FORMS)[number];
export const RESEARCH_FORM_LABELS: Record<ResearchForm, string> = { thematic: '专题调研', with_inspection: '结合督导检查' };

export const RESEARCH_STATES = ['planned', 'in_progress', 'closed'] as const;
export type ResearchState = (typeof RESEARCH_STATES)[number];
export const RESEARCH_STATE_LABELS: Record<ResearchState, string> = { planned: '计划中', in_progress: '调研中', closed: '已完成' };

export const VISIT_STATUSES = ['planned', 'visited'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];
export const VISIT_STATUS_LABELS: Record<VisitStatus, string> = { planned: '待走访', visited: '已走访' };

export const SOLUTION_STATUSES = ['proposed', 'in_progress', 'done'] as const;
export type SolutionStatus = (typeof SOLUTION_STATUSES)[number];
export const SOLUTION_STATUS_LABELS: Record<SolutionStatus, string> = { proposed: '已提出', in_progress: '推进中', done: '已落实' };

/** R2.4 成果运用: how a result was put to use. */
export const RESULT_USES = ['measure', 'policy', 'appeal'] as const;
export type ResultUse = (typeof RESULT_USES)[number];
export const RESULT_USE_LABELS: Record<ResultUse, string> = { measure: '出台措施', policy: '出台政策', appeal: '解决诉求' };
