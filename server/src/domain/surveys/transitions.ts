// R7.3 the survey lifecycle: ONE explicit table of state × action × allowed parties → next state.
// draft → (draw_sample) sampled → (open: the sample is fixed and the links go out) open → closed.
// Pure: no database. server/test/surveys/transitions.test.ts walks every combination.
import { SURVEY_ACTION_LABELS, SURVEY_STATE_LABELS, type SurveyAction, type SurveyState } from '../../../../shared/surveys.ts';

/**
 * oversight — 机关党委 (role oversight), who runs the survey and records face-to-face answers;
 * respondent — the holder of a sampled enterprise's survey link (no account); system — the
 * scheduler (reminders to non-respondents).
 */
export const SURVEY_PARTIES = ['oversight', 'respondent', 'system'] as const;
export type SurveyParty = (typeof SURVEY_PARTIES)[number];
export const SURVEY_PARTY_LABELS: Record<SurveyParty, string> = { oversight: '机关党委', respondent: '受访企业', system: '系统' };

export type SurveyTransition = { from: SurveyState; action: SurveyAction; by: readonly SurveyParty[]; to: SurveyState | 'same' };

/** THE table. Anything not listed is refused. */
export const SURVEY_TRANSITIONS: readonly SurveyTransition[] = Object.freeze([
  // The questionnaire can change until the sample is fixed.
  { from: 'draft', action: 'edit', by: ['oversight'], to: 'same' },
  { from: 'sampled', action: 'edit', by: ['oversight'], to: 'same' },
  // The sample is shown before it is fixed; it may be drawn again (another seed or size).
  { from: 'draft', action: 'draw_sample', by: ['oversight'], to: 'sampled' },
  { from: 'sampled', action: 'draw_sample', by: ['oversight'], to: 'sampled' },
  // Fixing the sample issues the links (SMS outbox + portal notice).
  { from: 'sampled', action: 'open', by: ['oversight'], to: 'open' },
  // Answers: by the link, or face to face recorded by 机关党委.
  { from: 'open', action: 'answer', by: ['respondent', 'oversight'], to: 'same' },
  { from: 'open', action: 'remind', by: ['oversight', 'system'], to: 'same' },
  { from: 'open', action: 'close', by: ['oversight'], to: 'closed' },
]) as readonly SurveyTransition[];

export type SurveyCheck = { ok: true; next: SurveyState } | { ok: false; status: 403 | 409; message: string };

const partyList = (ps: readonly SurveyParty[]) => ps.map((p) => SURVEY_PARTY_LABELS[p]).join('、');

/** 403 when none of the caller's parties may ever do it (or not in this state), 409 when the state does not allow it. */
export function checkSurveyTransition(state: SurveyState, action: SurveyAction, parties: readonly SurveyParty[]): SurveyCheck {
  const label = SURVEY_ACTION_LABELS[action];
  const anyState = SURVEY_TRANSITIONS.filter((t) => t.action === action);
  const ever = [...new Set(anyState.flatMap((t) => t.by))];
  if (!parties.some((p) => ever.includes(p))) return { ok: false, status: 403, message: `只有${partyList(ever)}可以${label}` };
  const t = anyState.find((x) => x.from === state);
  if (!t) {
    const states = anyState.map((x) => `「${SURVEY_STATE_LABELS[x.from]}」`).join('、');
    return { ok: false, status: 409, message: `调查当前为「${SURVEY_STATE_LABELS[state]}」，不能${label}（仅${states}时可以）` };
  }
  if (!parties.some((p) => t.by.includes(p)))
    return { ok: false, status: 403, message: `调查为「${SURVEY_STATE_LABELS[state]}」时，只有${partyList(t.by)}可以${label}` };
  return { ok: true, next: t.to === 'same' ? state : t.to };
}

export function allowedSurveyActions(state: SurveyState, parties: readonly SurveyParty[]): SurveyAction[] {
  return SURVEY_TRANSITIONS.filter((t) => t.from === state && parties.some((p) => t.by.includes(p))).map((t) => t.action);
}
