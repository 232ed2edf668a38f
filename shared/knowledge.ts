// 政策知识库 vocabularies (capability 8, R6.1), shared by server and web.
export const KNOWLEDGE_STATES = ['draft', 'in_review', 'published', 'withdrawn'] as const;
export type KnowledgeState = (typeof KNOWLEDGE_STATES)[number];
export const KNOWLEDGE_STATE_LABELS: Record<KnowledgeState, string> = {
  draft: '草稿',
  in_review: '待审核',
  published: '已发布',
  withdrawn: '已撤回',
};

export const KNOWLEDGE_ACTIONS = ['edit', 'submit', 'approve', 'reject', 'revise', 'withdraw'] as const;
export type KnowledgeAction = (typeof KNOWLEDGE_ACTIONS)[number];
export const KNOWLEDGE_ACTION_LABELS: Record<KnowledgeAction, string> = {
  edit: '修改',
  submit: '提交审核',
  approve: '审核发布',
  reject: '退回修改',
  revise: '修订（重新起草）',
  withdraw: '撤回',
};

/** #19: files per article (the cited document itself, forms); the appeals' types and size limit. */
export const KNOWLEDGE_FILES_MAX = 10;
