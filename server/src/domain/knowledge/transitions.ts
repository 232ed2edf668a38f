// The knowledge-article workflow (capability 8, R6.1): ONE explicit table of state × action × parties
// → next state. A unit's staff draft and submit; the unit head reviews (approve → published, reject →
// back to draft); a published article is revised (a new draft text, hidden until approved again) or
// withdrawn. Pure. server/test/assistance/knowledge.test.ts walks every combination.
import { KNOWLEDGE_ACTION_LABELS, KNOWLEDGE_STATE_LABELS, type KnowledgeAction, type KnowledgeState } from '../../../../shared/knowledge.ts';
import type { Role } from '../../../../shared/roles.ts';

/** author — a unit role (staff, liaison, head) of the owning unit; head — the owning unit's 处室负责人. */
export const PARTIES = ['author', 'head'] as const;
export type Party = (typeof PARTIES)[number];
const PARTY_LABELS: Record<Party, string> = { author: '本单位工作人员', head: '本单位负责人' };

export type Transition = { from: KnowledgeState; action: KnowledgeAction; by: readonly Party[]; to: KnowledgeState | 'same' };
const A: Party[] = ['author', 'head'];
const H: Party[] = ['head'];

export const TRANSITIONS: readonly Transition[] = Object.freeze([
  { from: 'draft', action: 'edit', by: A, to: 'same' },
  { from: 'draft', action: 'submit', by: A, to: 'in_review' },
  { from: 'in_review', action: 'approve', by: H, to: 'published' },
  { from: 'in_review', action: 'reject', by: H, to: 'draft' },
  { from: 'published', action: 'revise', by: A, to: 'draft' },
  { from: 'published', action: 'withdraw', by: H, to: 'withdrawn' },
  { from: 'withdrawn', action: 'revise', by: A, to: 'draft' },
] satisfies Transition[]);

export type Acting = { roles: readonly Role[]; unitId: string | null };

export function partiesOf(acting: Acting, article: { unitId: string }): Party[] {
  if (acting.unitId !== article.unitId) return [];
  const out: Party[] = [];
  if (acting.roles.some((r) => r === 'unit_staff' || r === 'liaison' || r === 'unit_head')) out.push('author');
  if (acting.roles.includes('unit_head')) out.push('head');
  return out;
}

export type Check = { ok: true; to: KnowledgeState } | { ok: false; reason: 'state' | 'party'; message: string };

export function checkTransition(from: KnowledgeState, action: KnowledgeAction, parties: readonly Party[]): Check {
  const t = TRANSITIONS.find((x) => x.from === from && x.action === action);
  if (!t) return { ok: false, reason: 'state', message: `知识条目${KNOWLEDGE_STATE_LABELS[from]}，不能${KNOWLEDGE_ACTION_LABELS[action]}` };
  if (!parties.some((p) => t.by.includes(p)))
    return { ok: false, reason: 'party', message: `只有${t.by.map((p) => PARTY_LABELS[p]).join('、')}可以${KNOWLEDGE_ACTION_LABELS[action]}` };
  return { ok: true, to: t.to === 'same' ? from : t.to };
}

export function allowedActions(from: KnowledgeState, parties: readonly Party[]): KnowledgeAction[] {
  return TRANSITIONS.filter((t) => t.from === from && parties.some((p) => t.by.includes(p))).map((t) => t.action);
}

/** Hidden from suggestions once past its validity (valid_to is the last valid day, Asia/Shanghai). */
export function isExpired(validTo: string | null, today: string): boolean {
  return validTo !== null && validTo < today;
}
