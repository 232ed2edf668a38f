import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { AppError, ErrorCode } from '../../src/errors.ts';
import { createCalendar, getBundledCalendar, loadBundledNotices, parseNotice } from '../../src/domain/calendar/index.ts';
import { EXPECTED, expandRange, expectedHolidayDates, expectedMakeupDates } from './expected-holidays.ts';

const cal = getBundledCalendar();

test('R6.2 bundled notices: 2020–2026 are loaded, one validated file per year', () => {
  assert.deepEqual(cal.loadedYears(), [2020, 2021, 2022, 2023, 2024, 2025, 2026]);
  for (const n of loadBundledNotices()) {
    assert.ok(n.documents.length >= 1);
    assert.match(n.documents[0].number, /^国办发明电〔\d{4}〕\d+号$/);
    assert.equal(n.documents[0].title, `国务院办公厅关于${n.year}年部分节假日安排的通知`);
  }
});

for (const year of Object.keys(EXPECTED).map(Number)) {
  test(`R6.2 calendar ${year}: every holiday block day is a holiday`, () => {
    for (const [name, tok] of Object.entries(EXPECTED[year].holidays)) {
      for (const d of expandRange(year, tok)) {
        assert.equal(cal.dayKind(d), 'holiday', `${year} ${name} ${d}`);
        assert.equal(cal.isWorkday(d), false, `${year} ${name} ${d}`);
      }
    }
  });

  test(`R6.2 calendar ${year}: every make-up day is a working Saturday/Sunday`, () => {
    for (const d of expectedMakeupDates(year)) {
      const wd = new Date(d + 'T00:00:00Z').getUTCDay();
      assert.ok(wd === 0 || wd === 6, `${d} is a weekend day`);
      assert.equal(cal.dayKind(d), 'makeup', d);
      assert.equal(cal.isWorkday(d), true, d);
    }
  });

  test(`R6.2 calendar ${year}: every other day follows Mon–Fri working / Sat–Sun rest`, () => {
    const special = new Set([...expectedHolidayDates(year), ...expectedMakeupDates(year)]);
    // Dates of this year set by the next year's notice (e.g. 2022-12-31 by the 2023 notice).
    if (EXPECTED[year + 1]) for (const d of [...expectedHolidayDates(year + 1), ...expectedMakeupDates(year + 1)]) special.add(d);
    const days = cal.yearDays(year);
    assert.equal(days.length, year % 4 === 0 ? 366 : 365);
    for (const { date, kind, workday } of days) {
      if (special.has(date)) continue;
      const wd = new Date(date + 'T00:00:00Z').getUTCDay();
      const expected = wd === 0 || wd === 6 ? 'weekend' : 'weekday';
      assert.equal(kind, expected, date);
      assert.equal(workday, expected === 'weekday', date);
    }
    // and the JSON has exactly the expected specials of this year, no more
    const notice = loadBundledNotices().find((n) => n.year === year)!;
    assert.deepEqual(
      notice.makeupDays.map((m) => m.date),
      expectedMakeupDates(year),
    );
    assert.deepEqual(
      notice.holidays.flatMap((h) => expandRange(year, `${h.start}..${h.end}`)),
      expectedHolidayDates(year),
    );
  });
}

test('R6.2 ordinary weekday / weekend samples', () => {
  assert.equal(cal.dayKind('2025-09-30'), 'weekday'); // Tue
  assert.equal(cal.dayKind('2025-10-18'), 'weekend'); // Sat
  assert.equal(cal.dayKind('2025-10-19'), 'weekend'); // Sun
  assert.equal(cal.dayKind('2024-02-09'), 'weekday'); // 2024 除夕: encouraged rest, not a holiday
  assert.equal(cal.dayKind('2025-01-28'), 'holiday'); // 2025 除夕 is a statutory holiday
  assert.equal(cal.dayKind('2022-12-31'), 'holiday'); // set by the 2023 notice
  assert.equal(cal.dayKind('2026-12-31'), 'weekday');
});

test('R6.2 2020 Spring Festival extension (国办发明电〔2020〕1号)', () => {
  assert.equal(cal.dayKind('2020-01-30'), 'holiday');
  assert.equal(cal.dayKind('2020-01-31'), 'holiday'); // Fri, added by the extension
  assert.equal(cal.dayKind('2020-02-01'), 'holiday'); // Sat: was a make-up day, now a holiday
  assert.equal(cal.isWorkday('2020-02-01'), false);
  assert.equal(cal.dayKind('2020-02-02'), 'holiday');
  assert.equal(cal.dayKind('2020-02-03'), 'weekday');
  assert.equal(cal.isWorkday('2020-02-03'), true);
  assert.equal(cal.dayKind('2020-01-19'), 'makeup');
  const n2020 = loadBundledNotices().find((n) => n.year === 2020)!;
  assert.deepEqual(
    n2020.documents.map((d) => d.number),
    ['国办发明电〔2019〕16号', '国办发明电〔2020〕1号'],
  );
  assert.equal(n2020.documents[1].publishedOn, '2020-01-26');
  assert.equal(n2020.documents[1].amends, '国办发明电〔2019〕16号');
  const spring = n2020.holidays.find((h) => h.name === '春节')!;
  assert.deepEqual([spring.start, spring.end, spring.originalEnd, spring.amendedBy], ['2020-01-24', '2020-02-02', '2020-01-30', '国办发明电〔2020〕1号']);
  assert.deepEqual(
    n2020.cancelledMakeupDays?.map((c) => c.date),
    ['2020-02-01'],
  );
  assert.ok(!n2020.makeupDays.some((m) => m.date === '2020-02-01'));
});

// ---- validation of uploaded notices ----

const base2025 = () => JSON.parse(readFileSync(new URL('../../src/domain/calendar/notices/2025.json', import.meta.url), 'utf8'));

function fieldsOf(fn: () => unknown): Record<string, string> {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof AppError);
    assert.equal(e.code, ErrorCode.VALIDATION_FAILED);
    return e.fields ?? {};
  }
  assert.fail('expected VALIDATION_FAILED');
}

test('R6.2 notice validation: a bundled file round-trips', () => {
  assert.equal(parseNotice(base2025()).year, 2025);
});

test('R6.2 notice validation: a make-up day must be a Saturday or Sunday', () => {
  const n = base2025();
  n.makeupDays[0].date = '2025-01-27'; // Monday
  const f = fieldsOf(() => parseNotice(n));
  assert.equal(f['makeupDays.0.date'], '调休上班日须为星期六或星期日');
});

test('R6.2 notice validation: holiday blocks ordered and not overlapping', () => {
  const n = base2025();
  n.holidays[2].start = '2025-02-03'; // overlaps 春节 block
  assert.equal(fieldsOf(() => parseNotice(n))['holidays.2.start'], '假期须按开始日期排序且互不重叠');
  const m = base2025();
  [m.holidays[1], m.holidays[2]] = [m.holidays[2], m.holidays[1]];
  assert.ok('holidays.2.start' in fieldsOf(() => parseNotice(m)));
  const e = base2025();
  e.holidays[0].end = '2024-12-31';
  assert.equal(fieldsOf(() => parseNotice(e))['holidays.0.end'], '结束日期不能早于开始日期');
});

test('R6.2 notice validation: no date both holiday and make-up', () => {
  const n = base2025();
  n.makeupDays.splice(1, 0, { date: '2025-02-01', forHoliday: '春节' }); // Sat inside 春节
  assert.equal(fieldsOf(() => parseNotice(n))['makeupDays.1.date'], '同一日期不能既是假日又是调休上班日');
});

test('R6.2 notice validation: dates in or adjacent to the year', () => {
  const n = base2025();
  n.holidays[5] = { name: '国庆节、中秋节', start: '2026-10-01', end: '2026-10-08' };
  const f = fieldsOf(() => parseNotice(n));
  assert.match(f['holidays.5.start'], /2024-12-01 至 2026-01-31/);
  const ok = base2025();
  ok.holidays[0] = { name: '元旦', start: '2024-12-30', end: '2025-01-01' };
  assert.equal(parseNotice(ok).holidays[0].start, '2024-12-30');
});

test('R6.2 notice validation: wrong types, unknown keys, bad dates and names get Chinese messages', () => {
  const n = base2025();
  n.year = '2025';
  n.extra = 1;
  n.documents[0].publishedOn = '2024-02-30';
  n.makeupDays[0].forHoliday = '除夕';
  const f = fieldsOf(() => parseNotice(n));
  assert.equal(f['year'], '年度须为数字');
  assert.match(f['(root)'], /extra/);
  assert.equal(f['documents.0.publishedOn'], '日期格式不正确，应为 YYYY-MM-DD 且为真实存在的日期');
  for (const msg of Object.values(f)) assert.match(msg, /[\u4e00-\u9fff]/);
  assert.ok('year' in fieldsOf(() => parseNotice({})));
  assert.ok(Object.keys(fieldsOf(() => parseNotice(null))).length > 0);
  const g = base2025();
  g.makeupDays[0].forHoliday = '除夕';
  assert.equal(fieldsOf(() => parseNotice(g))['makeupDays.0.forHoliday'], '对应假日名称须与本通知中的某个假期名称一致');
});

test('R6.2 calendar build: duplicate year and conflicting notices are rejected', () => {
  const notices = loadBundledNotices();
  assert.throws(
    () => createCalendar([notices[0], notices[0]]),
    (e: unknown) => e instanceof AppError && e.code === 'VALIDATION_FAILED',
  );
  const n2022 = notices.find((n) => n.year === 2022)!;
  const bad = parseNotice({
    ...base2025(),
    year: 2023,
    documents: [{ title: 't', number: 'x', publishedOn: '2022-12-08' }],
    holidays: [{ name: '元旦', start: '2023-01-02', end: '2023-01-02' }],
    makeupDays: [{ date: '2022-12-31', forHoliday: '元旦' }],
  });
  const withNote = parseNotice({
    ...n2022,
    makeupDays: [...n2022.makeupDays],
    holidays: [...n2022.holidays.slice(0, -1), n2022.holidays.at(-1)!, { name: '元旦', start: '2022-12-31', end: '2022-12-31' }],
  });
  assert.throws(() => createCalendar([withNote, bad]), /相互矛盾/);
});
