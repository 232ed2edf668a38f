// Files of a knowledge article (#19): the cited policy document itself, a form, a scanned notice.
// Checked like the appeals' attachments (type, size, content: http/attachments.ts readUpload); added
// or removed by whoever may edit the article's text, in the states where it may be edited
// (domain/knowledge/transitions.ts 'edit'), so a published article's files change only through a
// revision. At most KNOWLEDGE_FILES_MAX per article, counted under the article's row lock. Every
// change audited; a removed file is kept (removed_at), not deleted.
import type { KnowledgeState } from '../../../../shared/knowledge.ts';
import { KNOWLEDGE_FILES_MAX } from '../../../../shared/knowledge.ts';
import { checkTransition, partiesOf } from '../../domain/knowledge/transitions.ts';
import { AppError, ErrorCode, notFound } from '../../errors.ts';
import { audit, withTx, type Actor, type AuthedCtx } from '../../lib/context.ts';
import { appealClock } from '../appeals/index.ts';
import * as files from './knowledge.files.repository.ts';
import * as repo from './knowledge.repository.ts';
import type { ArticleRow } from './knowledge.repository.ts';

/** Why the caller may not change the article's files now, or null. */
export function fileRefusal(actor: Actor, r: ArticleRow): { code: ErrorCode; message: string } | null {
  if (actor.kind !== 'staff') return { code: ErrorCode.FORBIDDEN, message: '无权修改知识条目附件' };
  const c = checkTransition(r.state as KnowledgeState, 'edit', partiesOf(actor, r));
  if (c.ok) return null;
  return c.reason === 'state'
    ? { code: ErrorCode.INVALID_TRANSITION, message: '已提交审核或已发布的条目不能修改附件，请先撤回或修订' }
    : { code: ErrorCode.FORBIDDEN, message: c.message };
}

async function editable(tx: Parameters<typeof repo.getArticle>[0], actor: Actor, id: string) {
  const r = await repo.getArticle(tx, actor.tenantId, id);
  if (!r) throw notFound('知识条目');
  const refusal = fileRefusal(actor, r);
  if (refusal) throw new AppError(refusal.code, refusal.message);
  return r;
}

export async function addFile(ctx: AuthedCtx, id: string, file: { name: string; mime: string; data: Buffer }) {
  const actor = ctx.actor;
  return withTx(ctx, async (tx) => {
    await files.lockArticle(tx, actor.tenantId, id);
    const r = await editable(tx, actor, id);
    if ((await files.filesOf(tx, actor.tenantId, id)).length >= KNOWLEDGE_FILES_MAX) {
      throw new AppError(ErrorCode.VALIDATION_FAILED, `每个知识条目最多 ${KNOWLEDGE_FILES_MAX} 个附件`, {
        fields: { file: `每个知识条目最多 ${KNOWLEDGE_FILES_MAX} 个附件` },
      });
    }
    const f = await files.insertFile(tx, {
      tenantId: actor.tenantId,
      articleId: id,
      name: file.name,
      mime: file.mime,
      size: file.data.length,
      data: file.data,
      uploadedBy: actor.userId,
      uploadedByName: actor.displayName,
    });
    await audit(tx, ctx, {
      action: 'knowledge.file_add',
      entity: 'knowledge',
      entityId: id,
      summary: `知识条目「${r.question}」上传附件「${file.name}」`,
      after: { fileId: f.id, name: f.name, size: f.size },
    });
    return f;
  });
}

export async function removeFile(ctx: AuthedCtx, id: string, fileId: string) {
  const actor = ctx.actor;
  await withTx(ctx, async (tx) => {
    await files.lockArticle(tx, actor.tenantId, id);
    const r = await editable(tx, actor, id);
    const f = await files.getFile(tx, actor.tenantId, id, fileId);
    if (!f) throw notFound('附件');
    await files.removeFile(tx, fileId, appealClock.now(), actor.displayName);
    await audit(tx, ctx, {
      action: 'knowledge.file_remove',
      entity: 'knowledge',
      entityId: id,
      summary: `知识条目「${r.question}」移除附件「${f.name}」`,
      before: { fileId, name: f.name, size: f.size },
    });
  });
}

/** A file for download: anyone who may read the article (the route's policy and the tenant scope). */
export async function getFile(ctx: AuthedCtx, id: string, fileId: string) {
  const r = await repo.getArticle(ctx.db, ctx.actor.tenantId, id);
  if (!r) throw notFound('知识条目');
  const f = await files.getFile(ctx.db, ctx.actor.tenantId, id, fileId);
  if (!f) throw notFound('附件');
  return f;
}

export const listFiles = files.filesOf;
