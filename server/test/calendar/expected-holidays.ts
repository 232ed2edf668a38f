// Expected holiday blocks and make-up days 2020–2026, written independently of the bundled JSON
// (transcribed again from the State Council notices). Tokens: "MM-DD" or "MM-DD..MM-DD" within the
// year, or full "YYYY-MM-DD" for dates in an adjacent year.

export const EXPECTED: Record<number, { holidays: Record<string, string>; makeup: string }> = {
  // 国办发明电〔2019〕16号 + 国办发明电〔2020〕1号 (春节 extended to 02-02; 02-01 make-up cancelled)
  2020: {
    holidays: { 元旦: '01-01', 春节: '01-24..02-02', 清明: '04-04..04-06', 劳动: '05-01..05-05', 端午: '06-25..06-27', 国庆中秋: '10-01..10-08' },
    makeup: '01-19 04-26 05-09 06-28 09-27 10-10',
  },
  // 国办发明电〔2020〕27号
  2021: {
    holidays: {
      元旦: '01-01..01-03',
      春节: '02-11..02-17',
      清明: '04-03..04-05',
      劳动: '05-01..05-05',
      端午: '06-12..06-14',
      中秋: '09-19..09-21',
      国庆: '10-01..10-07',
    },
    makeup: '02-07 02-20 04-25 05-08 09-18 09-26 10-09',
  },
  // 国办发明电〔2021〕11号
  2022: {
    holidays: {
      元旦: '01-01..01-03',
      春节: '01-31..02-06',
      清明: '04-03..04-05',
      劳动: '04-30..05-04',
      端午: '06-03..06-05',
      中秋: '09-10..09-12',
      国庆: '10-01..10-07',
    },
    makeup: '01-29 01-30 04-02 04-24 05-07 10-08 10-09',
  },
  // 国办发明电〔2022〕16号
  2023: {
    holidays: { 元旦: '2022-12-31..01-02', 春节: '01-21..01-27', 清明: '04-05', 劳动: '04-29..05-03', 端午: '06-22..06-24', 中秋国庆: '09-29..10-06' },
    makeup: '01-28 01-29 04-23 05-06 06-25 10-07 10-08',
  },
  // 国办发明电〔2023〕7号
  2024: {
    holidays: { 元旦: '01-01', 春节: '02-10..02-17', 清明: '04-04..04-06', 劳动: '05-01..05-05', 端午: '06-10', 中秋: '09-15..09-17', 国庆: '10-01..10-07' },
    makeup: '02-04 02-18 04-07 04-28 05-11 09-14 09-29 10-12',
  },
  // 国办发明电〔2024〕12号
  2025: {
    holidays: { 元旦: '01-01', 春节: '01-28..02-04', 清明: '04-04..04-06', 劳动: '05-01..05-05', 端午: '05-31..06-02', 国庆中秋: '10-01..10-08' },
    makeup: '01-26 02-08 04-27 09-28 10-11',
  },
  // 国办发明电〔2025〕7号
  2026: {
    holidays: {
      元旦: '01-01..01-03',
      春节: '02-15..02-23',
      清明: '04-04..04-06',
      劳动: '05-01..05-05',
      端午: '06-19..06-21',
      中秋: '09-25..09-27',
      国庆: '10-01..10-07',
    },
    makeup: '01-04 02-14 02-28 05-09 09-20 10-10',
  },
};

const full = (year: number, tok: string) => (tok.length === 10 ? tok : `${year}-${tok}`);

/** Every date of a range token, inclusive (UTC-only arithmetic). */
export function expandRange(year: number, token: string): string[] {
  const [a, b = a] = token.split('..');
  const start = Date.parse(full(year, a) + 'T00:00:00Z');
  const end = Date.parse(full(year, b) + 'T00:00:00Z');
  const out: string[] = [];
  for (let t = start; t <= end; t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

export const expectedHolidayDates = (year: number) => Object.values(EXPECTED[year].holidays).flatMap((tok) => expandRange(year, tok));
export const expectedMakeupDates = (year: number) => EXPECTED[year].makeup.split(' ').map((t) => full(year, t));

const HOLIDAYS = new Set(Object.keys(EXPECTED).flatMap((y) => expectedHolidayDates(Number(y))));
const MAKEUPS = new Set(Object.keys(EXPECTED).flatMap((y) => expectedMakeupDates(Number(y))));

/** Naive reference kind of a date 2020–2026 from the literals above (throws outside). */
export function naiveKind(date: string): 'weekday' | 'weekend' | 'holiday' | 'makeup' {
  const y = Number(date.slice(0, 4));
  if (!(y in EXPECTED)) throw new Error(`naive: year ${y} not in table`);
  if (HOLIDAYS.has(date)) return 'holiday';
  if (MAKEUPS.has(date)) return 'makeup';
  const wd = new Date(date + 'T00:00:00Z').getUTCDay();
  return wd === 0 || wd === 6 ? 'weekend' : 'weekday';
}

export const naiveIsWorkday = (date: string) => {
  const k = naiveKind(date);
  return k === 'weekday' || k === 'makeup';
};

export const addDaysIso = (date: string, n: number) => new Date(Date.parse(date + 'T00:00:00Z') + n * 86_400_000).toISOString().slice(0, 10);

/** Naive reference for N working days: walk day by day from the Shanghai date of t; null if it leaves 2020–2026. */
export function naiveDueDate(t: Date, n: number): string | null {
  let d = new Date(t.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  if (n === 0) return d;
  let count = 0;
  for (;;) {
    d = addDaysIso(d, 1);
    if (Number(d.slice(0, 4)) > 2026) return null;
    if (naiveIsWorkday(d) && ++count === n) return d;
  }
}
