// Raw SQL rows (queryRows) as the application uses them: timestamptz text → Date, snake_case → camelCase.
import { getTableColumns, type Table } from 'drizzle-orm';

/** A table's column names in declaration order, for SQL text fixed at start (prepared statements, RETURNING lists). */
export const tableColumnNames = (table: Table): string[] => Object.values(getTableColumns(table)).map((c) => c.name);

const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** A timestamptz as the drivers return it in raw queries ('2026-03-02 01:30:00.123+00') → Date. */
export function pgInstant(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  const s = String(v);
  // The common form ends in a whole-hour offset (+00, +08): only that needs the ':00' ISO wants.
  const c = s.charCodeAt(s.length - 3);
  return new Date(`${s.slice(0, 10)}T${s.slice(11)}${c === 43 || c === 45 ? ':00' : ''}`);
}

/** Per column name: its camelCase key and whether it is a *_at timestamptz (issue 20: computed once, not per row). */
const keys = new Map<string, { key: string; at: boolean }>();
function keyOf(k: string) {
  let e = keys.get(k);
  if (!e) {
    e = { key: camel(k), at: k.endsWith('_at') };
    if (keys.size < 10_000) keys.set(k, e);
  }
  return e;
}

/** Raw row → camelCase; columns named *_at are timestamptz and become Dates. */
export function fromRaw<T>(r: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const k in r) {
    const e = keyOf(k);
    const v = r[k];
    out[e.key] = e.at ? pgInstant(v) : v;
  }
  return out as T;
}
