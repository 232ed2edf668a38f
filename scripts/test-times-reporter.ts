// A node:test reporter for scripts/test.ts: how long each test file's tests took, as one JSON object
// { "server/test/…/x.test.ts": seconds } written when the run ends. The runner packs the next run's
// batches by these times (scripts/test-times.json) instead of by file size.
import path from 'node:path';

type Event = { type: string; data: { nesting: number; file?: string; details?: { duration_ms?: number } } };

export default async function* fileTimes(source: AsyncIterable<Event>) {
  const seconds: Record<string, number> = {};
  for await (const e of source) {
    if ((e.type !== 'test:pass' && e.type !== 'test:fail') || e.data.nesting !== 0 || !e.data.file) continue;
    const file = path.relative(process.cwd(), e.data.file);
    seconds[file] = (seconds[file] ?? 0) + (e.data.details?.duration_ms ?? 0) / 1000;
  }
  yield JSON.stringify(seconds);
}
