// Zod building blocks shared by route schemas. Every string has a length limit; objects are strict
// (unknown fields refused). Messages are Chinese (zod's zh-CN locale is set in app.ts).
import { z } from 'zod';
import { textLength, textProblem } from '../../../shared/text.ts';

/**
 * Text with a length limit, trimmed. Issue 12 item 8: lengths count code points (an emoji is one
 * character, as PostgreSQL's varchar counts); lone surrogates and control characters other than
 * tab/newline/CR are refused (the boundary hook in http/text-input.ts refuses them for every string
 * already; this keeps the schema true on its own).
 */
export const text = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .superRefine((s, ctx) => {
      const problem = textProblem(s);
      if (problem) return void ctx.addIssue({ code: 'custom', message: problem });
      const n = textLength(s);
      if (n < min) ctx.addIssue({ code: 'custom', message: min === 1 ? '不能为空' : `至少${min}个字符` });
      else if (n > max) ctx.addIssue({ code: 'custom', message: `不能超过${max}个字符` });
    })
    .meta({ minLength: min, maxLength: max });

export const optionalText = (max: number) => z.union([text(max, 0), z.null()]).optional();

export const id = z.guid('ID 格式不正确');
export const idParams = z.strictObject({ id });
/** PostgreSQL integer: a larger number is refused here, not by the database (a 500). */
export const PG_INT_MAX = 2_147_483_647;
export const version = z.number('须提供版本号 version').int().min(1).max(PG_INT_MAX, '版本号不正确');

export const pagination = {
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

/** A mobile (11 digits) or a landline with area code (and extension). */
export const phone = z
  .string()
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/, '电话号码格式不正确（手机11位或固定电话）');

export const mobile = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, '手机号码格式不正确（11位，1开头）');

export const errorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
    details: z.unknown().optional(),
  }),
  requestId: z.string(),
});

export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });
