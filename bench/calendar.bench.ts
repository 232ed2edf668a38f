// Micro-benchmark of the working-day calendar and SLA engine (R6.2).
// Run: node bench/calendar.bench.ts   — prints ops/s and µs/op.

import {
  DEFAULT_SLA_SETTINGS,
  addWorkingHours,
  computeDeadlines,
  getBundledCalendar,
  milestoneState,
  resolveSlaSettings,
  type WorkCalendar,
} from '../server/src/domain/calendar/index.ts';

const cal: WorkCalendar = getBundledCalendar();
const T0 = Date.parse('2020-01-01T00:00:00+08:00');
const SPAN = Date.parse('2026-09-30T00:00:00+08:00') - T0;
const N = 4096;
// Pre-generated inputs (a simple LCG so runs are reproducible).
let seed = 42;
const rnd = () => {
  seed = (seed * 1_103_515_245 + 12_345) >>> 0;
  return seed / 2 ** 32;
};
const instants = Array.from({ length: N }, () => new Date(T0 + Math.floor(rnd() * SPAN)));
const counts = Array.from({ length: N }, () => 1 + Math.floor(rnd() * 30));
const working = resolveSlaSettings({ contactClock: 'working' });

type Row = { name: string; opsPerSec: number; usPerOp: number };

function bench(name: string, fn: (i: number) => unknown, iterations = 500_000): Row {
  let sink = 0;
  for (let i = 0; i < 20_000; i++) sink ^= fn(i & (N - 1)) ? 1 : 0; // warm-up
  const start = performance.now();
  for (let i = 0; i < iterations; i++) sink ^= fn(i & (N - 1)) ? 1 : 0;
  const ms = performance.now() - start;
  if (sink === 2) console.log(''); // keep the results alive
  return { name, opsPerSec: Math.round((iterations / ms) * 1000), usPerOp: Number(((ms * 1000) / iterations).toFixed(3)) };
}

const rows: Row[] = [
  bench('isWorkdayDay (day number)', (i) => cal.isWorkdayDay(18_262 + (i % 2_500))),
  bench('addWorkdays (n = 1..30)', (i) => cal.addWorkdays(instants[i], counts[i])),
  bench('addWorkdays (n = 15)', (i) => cal.addWorkdays(instants[i], 15)),
  bench('workdaysBetween', (i) => cal.workdaysBetween(instants[i], instants[(i + 1) & (N - 1)])),
  bench('addWorkingHours (2 h)', (i) => addWorkingHours(cal, instants[i], 2)),
  bench('computeDeadlines (natural)', (i) => computeDeadlines(instants[i], DEFAULT_SLA_SETTINGS, cal)),
  bench('computeDeadlines (working)', (i) => computeDeadlines(instants[i], working, cal)),
  bench('milestoneState (3 workdays)', (i) => milestoneState({ dueAt: instants[i], now: instants[(i + 7) & (N - 1)], dueSoonThreshold: { workdays: 3 } }, cal)),
];

console.log(`Node ${process.version}, ${N} random instants 2020–2026\n`);
console.table(Object.fromEntries(rows.map((r) => [r.name, { 'ops/s': r.opsPerSec.toLocaleString('en-US'), 'µs/op': r.usPerOp }])));
