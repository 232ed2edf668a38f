// API calls of 机关党委's pages (issue 16 first half): the annual survey (R7.3), supervision and
// 通报/约谈 (R7.2, R7.4), the annual assessment (R8.1).
import { api } from '../../api/client.ts';
import type { SurveyList, SurveyResults, SurveySampleList, SurveyView } from '../../../../shared/api/surveys.ts';
import type { SupervisionItemView, SupervisionList } from '../../../../shared/api/supervision.ts';
import type { Assessment, AssessmentAppeals, AssessmentMeasure } from '../../../../shared/api/assessment.ts';
import type { SurveyAnswers, SurveyQuestion } from '../../../../shared/surveys.ts';
import type { SupervisionCategory, SupervisionOutcome, SupervisionTarget } from '../../../../shared/supervision.ts';

export type { Assessment, SupervisionItemView, SurveyResults, SurveyView };

export const listSurveys = (signal?: AbortSignal) => api.get<SurveyList>('/surveys', undefined, signal);
export const createSurvey = (body: { year: number; title: string; closesOn: string; anonymous: boolean }) => api.post<SurveyView>('/surveys', body);
export const editSurvey = (id: string, body: { version: number; title?: string; anonymous?: boolean; closesOn?: string; questions?: SurveyQuestion[] }) =>
  api.patch<SurveyView>(`/surveys/${id}`, body);
export const drawSample = (id: string, body: { version: number; total: number; minimumPerStratum: number; seed?: string | null; excludePrevious: boolean }) =>
  api.post<SurveyView>(`/surveys/${id}/sample`, body);
export const surveySample = (id: string, signal?: AbortSignal) => api.get<SurveySampleList>(`/surveys/${id}/sample`, undefined, signal);
export const openSurvey = (id: string, version: number) => api.post<SurveyView>(`/surveys/${id}/open`, { version });
export const closeSurvey = (id: string, version: number) => api.post<SurveyView>(`/surveys/${id}/close`, { version });
export const remindSurvey = (id: string) => api.post<{ reminded: number; sms: number }>(`/surveys/${id}/remind`);
export const faceToFace = (id: string, sampleId: string, answers: SurveyAnswers) =>
  api.post<SurveyView>(`/surveys/${id}/sample/${sampleId}/face-to-face`, { answers });
export const surveyResults = (id: string, signal?: AbortSignal) => api.get<SurveyResults>(`/surveys/${id}/results`, undefined, signal);
export const surveyXlsxUrl = (id: string) => `/api/surveys/${id}/xlsx`;

export const listSupervision = (q: { year?: number; unitId?: string }, signal?: AbortSignal) => api.get<SupervisionList>('/supervision', q, signal);
export const openSupervision = (body: {
  targetType: SupervisionTarget;
  unitId?: string;
  appealId?: string;
  /** The contact point of an item on one (R7.2). */
  targetId?: string;
  category: SupervisionCategory;
  description: string;
}) => api.post<SupervisionItemView>('/supervision', body);
export const requestExplanation = (id: string, body: { version: number; request: string; due: string }) =>
  api.post<SupervisionItemView>(`/supervision/${id}/request-explanation`, body);
export const explain = (id: string, body: { version: number; explanation: string }) => api.post<SupervisionItemView>(`/supervision/${id}/explain`, body);
export type ConcludeBody = {
  version: number;
  outcome: SupervisionOutcome;
  conclusion: string;
  notice?: { title: string; body: string; recipientUnitIds: string[] } | null;
  interview?: {
    heldOn: string;
    unitHeadName: string;
    interviewerNames: string;
    findings: string;
    items: { description: string; ownerName: string; dueDate: string }[];
  } | null;
};
export const conclude = (id: string, body: ConcludeBody) => api.post<SupervisionItemView>(`/supervision/${id}/conclude`, body);
export const rectificationDone = (id: string, body: { version: number; note: string }) => api.post<SupervisionItemView>(`/rectifications/${id}/done`, body);
export const completeInterview = (id: string, version: number) => api.post<SupervisionItemView>(`/supervision/${id}/interview/complete`, { version });
export const noticeDocxUrl = (id: string) => `/api/supervision/${id}/notice.docx`;

export const getAssessment = (year: number, signal?: AbortSignal) => api.get<Assessment>('/assessment', { year }, signal);
/** The appeals behind one rate of a unit's row (issue 16 drill-down). */
export const getAssessmentAppeals = (q: { year: number; unitId: string; measure: AssessmentMeasure }, signal?: AbortSignal) =>
  api.get<AssessmentAppeals>('/assessment/appeals', q, signal);
