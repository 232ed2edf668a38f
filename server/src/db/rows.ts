// Raw SQL rows (queryRows) as the application uses them: timestamptz text → Date, snake_case → camelCase.

const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** A timestamptz as the drivers return it in raw queries ('2026-03-02 01:30:00.123+00') → Date. */
export function pgInstant(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  return new Date(
    String(v)
      .replace(' ', 'T')
      .replace(/([+-]\d\d)$/, '$1:00'),
  );
}

/** Raw row → camelCase; columns named *_at are timestamptz and become Dates. */
export function fromRaw<T>(r: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) out[camel(k)] = k.endsWith('_at') ? pgInstant(v) : v;
  return out as T;
}
