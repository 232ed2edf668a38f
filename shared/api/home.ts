// Response schema of the home page's to-do panel (server/src/modules/home/home.routes.ts, issue 17).
import { z } from 'zod';

/**
 * The to-do items, in the order the home page shows them: 待派单, 待签收, 今日到期, 已逾期, 待审批
 * (延期/挂起), 待评价, 待报送 (R6.5 月报), 待签收批示 (领导批示).
 */
export const TODO_KEYS = ['dispatch', 'accept', 'due_today', 'overdue', 'approval', 'evaluate', 'leader_report', 'instruction'] as const;
export type TodoKey = (typeof TODO_KEYS)[number];

export const TodoItemSchema = z.object({
  key: z.enum(TODO_KEYS),
  /** Appeals (or R6.5 rows) waiting, in the caller's data scope; capped at 10 000. */
  count: z.number().int().min(0),
  /**
   * The workbench list that shows exactly these appeals: GET /api/appeals parameters (the workbench
   * opens /appeals with them and lists open appeals on every view but 全部诉求); null for 待报送 and
   * 待签收批示 (the escalation page's 批示 tab).
   */
  query: z.record(z.string(), z.string()).nullable(),
  /** 待报送: the month of the R6.5 report ('YYYY-MM'); null otherwise. */
  month: z.string().nullable(),
});
export type TodoItem = z.infer<typeof TodoItemSchema>;

/** Only the items that apply to the caller's roles; empty for the administrators. */
export const HomeTodoSchema = z.object({ items: z.array(TodoItemSchema) });
export type HomeTodo = z.infer<typeof HomeTodoSchema>;
