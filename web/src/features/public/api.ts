// API calls of the evaluation link page (/e/:token, issue 7): no session; reading records nothing.
import { api } from '../../api/client.ts';
import type { PublicSurvey } from '../../../../shared/api/surveys.ts';
import type { SurveyAnswers } from '../../../../shared/surveys.ts';
import type { PublicEvaluation, PublicEvaluationDone } from '../../../../shared/api/portal.ts';
import type { EvaluationRating } from '../../../../shared/appeals.ts';
import type { LinkState } from '../../../../shared/portal.ts';

export type { LinkState, PublicEvaluation, PublicEvaluationDone, PublicSurvey };

const path = (token: string) => `/public/evaluations/${encodeURIComponent(token)}`;

export const readEvaluationLink = (token: string, signal?: AbortSignal) => api.get<PublicEvaluation>(path(token), undefined, signal);
/** One use only; 不满意 reopens the appeal. */
export const evaluateByLink = (token: string, body: { rating: EvaluationRating; comment: string | null }) => api.post<PublicEvaluationDone>(path(token), body);

// The annual satisfaction survey's signed link (/s/:token, R7.3): reading records nothing; one submission.
const surveyPath = (token: string) => `/public/surveys/${encodeURIComponent(token)}`;
export const readSurveyLink = (token: string, signal?: AbortSignal) => api.get<PublicSurvey>(surveyPath(token), undefined, signal);
export const answerSurveyLink = (token: string, answers: SurveyAnswers) => api.post<{ state: 'used'; title: string }>(surveyPath(token), { answers });
