// Zod building blocks shared by route schemas. Every string has a length limit; objects are strict
// (unknown fields refused). Messages are Chinese (zod's zh-CN locale is set in app.ts).
import { z } from 'zod';

/** Text with a length limit and trimmed; rejects control characters other than tab/newline. */
export const text = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min, min === 1 ? '不能为空' : `至少${min}个字符`)
    .max(max, `不能超过${max}个字符`)
    // eslint-disable-next-line no-control-regex
    .regex(/^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/, '含有不允许的控制字符');

export const optionalText = (max: number) => z.union([text(max, 0), z.null()]).optional();

export const id = z.guid('ID 格式不正确');
export const idParams = z.strictObject({ id });
export const version = z.number('须提供版本号 version').int().min(1);

export const pagination = {
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

export const mobile = z.string().trim().regex(/^1[3-9]\d{9}$/, '手机号码格式不正确（11位，1开头）');

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
