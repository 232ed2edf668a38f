// 政策知识库 (capability 8, R6.1): articles kept by units — question, answer, cited policy documents,
// sectors and categories, validity. draft → in_review (unit head) → published; a published article
// is revised (a new draft text) or withdrawn (domain/knowledge/transitions.ts). Every saved text is a
// version row. Past valid_to an article is hidden from suggestions and its unit is told once (task
// `knowledge-expiry`). Searchable in Chinese (jieba words, as the appeals). A reply to an appeal is
// saved as a draft article in one step (fromAppeal).
import type { KnowledgeAnswer, KnowledgeList, KnowledgeSummary, KnowledgeView } from '../../../../shared/api/knowledge.ts';
import type { KnowledgeAction, KnowledgeState } from '../../../../shared/knowledge.ts';
import type { DbOrTx } from '../../db/client.ts';
import { knowledgeArticles, type KnowledgeCitation } from '../../db/schema.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { queryTerms, similarity, wordBag } from '../../domain/assistance/similarity.ts';
import { shanghaiDate } from '../../domain/calendar/index.ts';
import { allowedActions, checkTransition, isExpired, partiesOf } from '../../domain/knowledge/transitions.ts';
import { AppError, ErrorCode, invalid, notFound } from '../../errors.ts';
import { actorNames, audit, systemActor, withTx, type Actor, type AuthedCtx } from '../../lib/context.ts';
import { iso } from '../../lib/format.ts';
import { appealClock, appealReply, contentWords, documentWords, queryWords } from '../appeals/index.ts';
import { insertNotifications } from '../notifications/index.ts';
import { activeUnitsById } from '../units/index.ts';
import { fileRefusal, listFiles } from './knowledge.files.ts';
import * as repo from './knowledge.repository.ts';
import type { ArticleRow } from './knowledge.repository.ts';
import type { Db } from '../../db/client.ts';

export { articleOwner as owner } from './knowledge.repository.ts';

export type ArticleInput = {
  unitId: string;
  question: string;
  answer: string;
  citations: KnowledgeCitation[];
  sectors: string[];
  categories: string[];
  validFrom: string;
  validTo: string | null;
};

const today = () => shanghaiDate(appealClock.now());
const words = (a: { question: string; answer: string; citations: KnowledgeCitation[] }) =>
  documentWords(a.question, a.answer, a.citations.map((c) => `${c.docNo} ${c.title} ${c.issuer}`).join(' '));

function staff(actor: Actor) {
  if (actor.kind !== 'staff') throw new AppError(ErrorCode.FORBIDDEN);
  return actor;
}

async function unitNames(db: DbOrTx, tenantId: string, rows: readonly ArticleRow[]) {
  return activeUnitsById(db, tenantId, [...new Set(rows.map((r) => r.unitId))]);
}

function summary(r: ArticleRow, names: Map<string, { name: string }>): KnowledgeSummary {
  return {
    id: r.id,
    unitId: r.unitId,
    unitName: names.get(r.unitId)?.name ?? '（已撤销的单位）',
    state: r.state as KnowledgeState,
    question: r.question,
    answer: r.answer,
    citations: r.citations.map((c) => ({ docNo: c.docNo, title: c.title ?? '', issuer: c.issuer, date: c.date ?? null, url: c.url ?? null })),
    sectors: r.sectors,
    categories: r.categories,
    validFrom: r.validFrom,
    validTo: r.validTo,
    expired: isExpired(r.validTo, today()),
    revision: r.revision,
    publishedAt: iso(r.publishedAt),
    updatedAt: iso(r.updatedAt)!,
    version: r.version,
  };
}

export async function present(db: DbOrTx, actor: Actor, r: ArticleRow): Promise<KnowledgeView> {
  const names = await unitNames(db, r.tenantId, [r]);
  const versions = await repo.versionsOf(db, r.tenantId, r.id);
  const files = await listFiles(db, r.tenantId, r.id);
  const parties = actor.kind === 'staff' ? partiesOf(actor, r) : [];
  return {
    ...summary(r, names),
    sourceAppealId: r.sourceAppealId,
    reviewComment: r.reviewComment,
    publishedRevision: r.publishedRevision,
    versions: versions.map((v) => ({
      revision: v.revision,
      question: v.question,
      answer: v.answer,
      validFrom: v.validFrom,
      validTo: v.validTo,
      savedBy: v.savedBy,
      savedAt: iso(v.savedAt)!,
    })),
    allowedActions: allowedActions(r.state as KnowledgeState, parties),
    files: files.map((f) => ({ id: f.id, name: f.name, size: f.size, uploadedByName: f.uploadedByName, createdAt: iso(f.createdAt)! })),
    filesRefusal: fileRefusal(actor, r)?.message ?? null,
  };
}

function checkInput(input: ArticleInput) {
  const fields: Record<string, string> = {};
  if (input.validTo && input.validTo < input.validFrom) fields.validTo = '失效日期不能早于生效日期';
  if (Object.keys(fields).length) throw invalid(fields);
}

async function checkOwnUnit(db: DbOrTx, actor: Actor, unitId: string) {
  const units = await activeUnitsById(db, actor.tenantId, [unitId]);
  if (!units.size) throw invalid({ unitId: '本单位没有该处室' });
  if (actor.unitId !== unitId) throw new AppError(ErrorCode.FORBIDDEN, '只能为本处室编写知识条目');
}

export async function list(
  ctx: AuthedCtx,
  f: { q?: string | null; state?: string | null; unitId?: string | null; limit: number; offset: number },
): Promise<KnowledgeList> {
  const actor = ctx.actor;
  const { rows, total } = await repo.listArticles(ctx.db, actor.tenantId, { ...f, words: f.q ? queryWords(f.q) || null : null });
  const names = await unitNames(ctx.db, actor.tenantId, rows);
  return { items: rows.map((r) => summary(r, names)), total };
}

async function article(db: DbOrTx, actor: Actor, id: string) {
  const r = await repo.getArticle(db, actor.tenantId, id);
  if (!r) throw notFound('知识条目');
  return r;
}

export async function get(ctx: AuthedCtx, id: string) {
  return present(ctx.db, ctx.actor, await article(ctx.db, ctx.actor, id));
}

async function saveVersion(db: DbOrTx, actor: Actor, r: ArticleRow) {
  await repo.insertVersion(db, {
    tenantId: r.tenantId,
    articleId: r.id,
    revision: r.revision,
    question: r.question,
    answer: r.answer,
    citations: r.citations,
    validFrom: r.validFrom,
    validTo: r.validTo,
    savedBy: actorNames(actor).timeline,
    savedAt: appealClock.now(),
  });
}

export async function create(ctx: AuthedCtx, input: ArticleInput & { sourceAppealId?: string | null }) {
  const actor = staff(ctx.actor);
  checkInput(input);
  return withTx(ctx, async (tx) => {
    await checkOwnUnit(tx, actor, input.unitId);
    const row = await repo.insertArticle(
      tx,
      { ...input, tenantId: actor.tenantId, state: 'draft', sourceAppealId: input.sourceAppealId ?? null, createdBy: actor.userId },
      words(input),
    );
    await saveVersion(tx, actor, row);
    await audit(tx, ctx, { action: 'knowledge.create', entity: 'knowledge', entityId: row.id, summary: `起草知识条目「${row.question}」`, after: row });
    return present(tx, actor, row);
  });
}

/** R6.1: a reply to an appeal becomes a draft article of the caller's unit in one step. */
export async function fromAppeal(ctx: AuthedCtx, appealId: string) {
  const actor = staff(ctx.actor);
  if (!actor.unitId) throw new AppError(ErrorCode.FORBIDDEN, '只有处室工作人员可以保存为知识条目');
  const a = await appealReply(ctx.db, actor.tenantId, appealId);
  if (!a) throw notFound('诉求');
  if (!a.replyText) throw new AppError(ErrorCode.INVALID_TRANSITION, '该诉求尚无答复，不能保存为知识条目');
  return create(ctx, {
    unitId: actor.unitId,
    question: a.title,
    answer: a.replyText,
    citations: [],
    sectors: a.sector ? [a.sector] : [],
    categories: [a.category],
    validFrom: today(),
    validTo: null,
    sourceAppealId: a.id,
  });
}

export async function edit(ctx: AuthedCtx, id: string, input: ArticleInput & { version: number }) {
  const actor = staff(ctx.actor);
  checkInput(input);
  return withTx(ctx, async (tx) => {
    const cur = await article(tx, actor, id);
    const c = checkTransition(cur.state as KnowledgeState, 'edit', partiesOf(actor, cur));
    if (!c.ok) throw c.reason === 'state' ? new AppError(ErrorCode.INVALID_TRANSITION, c.message) : new AppError(ErrorCode.FORBIDDEN, c.message);
    if (input.unitId !== cur.unitId) await checkOwnUnit(tx, actor, input.unitId);
    const { version, ...fields } = input;
    const { before, after } = await updateVersioned(
      tx,
      knowledgeArticles,
      { id, tenantId: actor.tenantId, version },
      { ...fields, revision: cur.revision + 1, searchVector: repo.tsWords(words(input)) },
      '知识条目',
      async (row) => present(tx, actor, (await repo.getArticle(tx, actor.tenantId, (row as { id: string }).id))!),
    );
    const row = (await repo.getArticle(tx, actor.tenantId, id))!;
    await saveVersion(tx, actor, row);
    const { searchVector: _a, ...b } = before;
    const { searchVector: _b, ...a } = after;
    await audit(tx, ctx, {
      action: 'knowledge.edit',
      entity: 'knowledge',
      entityId: id,
      summary: `修改知识条目「${row.question}」（第${row.revision}版）`,
      before: b,
      after: a,
    });
    return present(tx, actor, row);
  });
}

export async function act(ctx: AuthedCtx, id: string, action: Exclude<KnowledgeAction, 'edit'>, input: { version: number; comment?: string | null }) {
  const actor = staff(ctx.actor);
  return withTx(ctx, async (tx) => {
    const cur = await article(tx, actor, id);
    const c = checkTransition(cur.state as KnowledgeState, action, partiesOf(actor, cur));
    if (!c.ok) throw c.reason === 'state' ? new AppError(ErrorCode.INVALID_TRANSITION, c.message) : new AppError(ErrorCode.FORBIDDEN, c.message);
    if (action === 'reject' && !input.comment) throw invalid({ comment: '请填写退回修改的意见' });
    const now = appealClock.now();
    const set: Record<string, unknown> = { state: c.to };
    if (action === 'approve')
      Object.assign(set, { publishedRevision: cur.revision, publishedAt: now, reviewedBy: actor.userId, reviewComment: input.comment ?? null });
    if (action === 'reject') Object.assign(set, { reviewedBy: actor.userId, reviewComment: input.comment });
    await updateVersioned(tx, knowledgeArticles, { id, tenantId: actor.tenantId, version: input.version }, set, '知识条目', async () =>
      present(tx, actor, cur),
    );
    const row = (await repo.getArticle(tx, actor.tenantId, id))!;
    const label = { submit: '提交审核', approve: '审核发布', reject: '退回修改', revise: '修订', withdraw: '撤回' }[action];
    await audit(tx, ctx, {
      action: `knowledge.${action}`,
      entity: 'knowledge',
      entityId: id,
      summary: `${label}知识条目「${row.question}」${input.comment ? `：${input.comment}` : ''}`,
      before: { state: cur.state },
      after: { state: row.state },
    });
    return present(tx, actor, row);
  });
}

/** R6.1: the published, valid articles of the tenant best matching a text (intake panel, portal form). */
export async function matchingAnswers(db: DbOrTx, tenantId: string, title: string, content: string, limit = 3): Promise<KnowledgeAnswer[]> {
  const bag = wordBag(contentWords(title), contentWords(content));
  const terms = queryTerms(bag).filter((t) => /^[\p{L}\p{N}]+$/u.test(t));
  const rows = await repo.publishedMatching(db, tenantId, terms, today(), 40);
  const names = await unitNames(db, tenantId, rows);
  return (
    rows
      .map((r) => ({ r, score: similarity(bag, wordBag(contentWords(r.question), contentWords(r.answer))) }))
      .filter((x) => x.score >= 0.12)
      .sort((x, y) => y.score - x.score)
      // Only answers close to the best one: a weak second match is noise on a phone screen.
      .filter((x, _i, all) => x.score >= all[0]!.score * 0.6)
      .slice(0, limit)
      .map(({ r, score }) => ({
        id: r.id,
        question: r.question,
        answer: r.answer,
        unitName: names.get(r.unitId)?.name ?? '',
        citations: r.citations.map((c) => ({ docNo: c.docNo, title: c.title ?? '', issuer: c.issuer, date: c.date ?? null, url: c.url ?? null })),
        score: Math.round(score * 1000) / 1000,
      }))
  );
}

/** Task `knowledge-expiry`: each published article past valid_to → its unit is told once (hidden from suggestions already). Every tenant unless `tenantIds` is given. */
export async function notifyExpired(db: Db, now: Date, opts: { tenantIds?: readonly string[] } = {}): Promise<number> {
  const day = shanghaiDate(now);
  return db.transaction(async (tx) => {
    const rows = await repo.expiredUntold(tx, day, opts.tenantIds);
    for (const r of rows) {
      await insertNotifications(tx, [
        {
          tenant_id: r.tenant_id,
          type: 'knowledge_expired',
          unit_id: r.unit_id,
          title: `知识条目已过有效期：${r.question}`,
          body: `「${r.question}」有效期至 ${r.valid_to}，已不再向受理人员和企业推荐，请修订或撤回。`,
          source_key: `knowledge_expired:${r.id}:${r.valid_to}`,
        },
      ]);
      await repo.markExpiryTold(tx, r.id, r.valid_to);
      await audit(
        tx,
        { db, actor: systemActor(r.tenant_id, 'knowledge-expiry'), ip: '', requestId: 'knowledge-expiry' },
        {
          action: 'knowledge.expired',
          entity: 'knowledge',
          entityId: r.id,
          summary: `知识条目「${r.question}」已过有效期（${r.valid_to}），通知所属处室`,
        },
      );
    }
    return rows.length;
  });
}
