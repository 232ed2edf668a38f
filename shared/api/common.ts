// Building blocks of the API's response schemas (shared/api/*.ts), used by the server's routes
// (`response: {…}`) and, as types only, by the web.
import { z } from 'zod';

/** A list answer: one page of items and the total. */
export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });
export type List<T> = { items: T[]; total: number };

/** Every refusal: `{ error: { code, message, fields?, details? }, requestId }` (server/src/plugins/errors.ts). */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
    details: z.unknown().optional(),
  }),
  requestId: z.string(),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** A person (or record) named by id: `{ id, name }`. */
export const NamedSchema = z.object({ id: z.string(), name: z.string() });
export type Named = z.infer<typeof NamedSchema>;
