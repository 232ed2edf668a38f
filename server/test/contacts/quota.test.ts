// R1.3 R1.7 terms and R1.4 R1.8 quota and pace (pure).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_TENANT_SETTINGS } from '../../../shared/settings.ts';
import { paceOf, renewalNoticeOn, requiredInYear, termOf, visitsPerYear } from '../../src/domain/contacts/quota.ts';

test('R1.3 R1.7 R8.1 terms: 2 years for leader points, 1 for unit points, from the tenant settings; 60 days notice', () => {
  assert.deepEqual(termOf('leader', '2026-03-15', DEFAULT_TENANT_SETTINGS), { termStart: '2026-03-15', termEnd: '2028-03-15' });
  assert.deepEqual(termOf('unit', '2026-03-15', DEFAULT_TENANT_SETTINGS), { termStart: '2026-03-15', termEnd: '2027-03-15' });
  assert.deepEqual(termOf('unit', '2028-02-29', DEFAULT_TENANT_SETTINGS), { termStart: '2028-02-29', termEnd: '2029-02-28' });
  assert.equal(termOf('leader', '2026-01-01', { ...DEFAULT_TENANT_SETTINGS, leaderContactPointRotationYears: 3 }).termEnd, '2029-01-01');
  assert.equal(renewalNoticeOn('2027-03-15'), '2027-01-14');
});

test('R1.4 R1.8 R8.1 required visits: 1 a year per leader point, 2 per unit point, pro rata for part of a year', () => {
  assert.equal(visitsPerYear('leader', DEFAULT_TENANT_SETTINGS), 1);
  assert.equal(visitsPerYear('unit', DEFAULT_TENANT_SETTINGS), 2);
  assert.equal(visitsPerYear('unit', { ...DEFAULT_TENANT_SETTINGS, unitVisitsPerYear: 4 }), 4);
  assert.equal(requiredInYear(2, 2026, '2025-06-01', '2026-06-01'), 1, 'a unit point ending mid-year: half');
  assert.equal(requiredInYear(2, 2026, '2026-01-01', '2027-01-01'), 2);
  assert.equal(requiredInYear(1, 2026, '2026-11-20', '2028-11-20'), 1, 'at least one');
  assert.equal(requiredInYear(2, 2026, '2027-01-01', '2028-01-01'), 0, 'not active in the year');
});

test('R1.4 R1.8 pace: done / on track / behind by completed quarters, behind in the last quarter while any is missing', () => {
  assert.equal(paceOf(2, 2, '2026-03-01'), 'done');
  assert.equal(paceOf(0, 2, '2026-03-01'), 'on_track');
  assert.equal(paceOf(0, 2, '2026-07-01'), 'behind', 'half the year gone, none of two');
  assert.equal(paceOf(1, 2, '2026-07-01'), 'on_track');
  assert.equal(paceOf(0, 1, '2026-09-30'), 'on_track', 'a leader point has until the last quarter');
  assert.equal(paceOf(0, 1, '2026-10-01'), 'behind');
  assert.equal(paceOf(1, 2, '2026-12-03'), 'behind');
});
