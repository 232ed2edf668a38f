// R3.1 the appeal number (ZQT-<tenant>-<year>-<serial>) drawn outside the intake's transaction
// (appeals.intake.repository.ts drawNumber): concurrent draws of one tenant-year share statements (issue 20)
// and still hand out each serial once, in the order asked; a failed statement fails only its own draws.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { test } from 'node:test';
import { drawNumber } from '../../src/modules/appeals/appeals.intake.repository.ts';
import { testDatabase } from '../helpers/db.ts';
import { createTenant } from '../helpers/factory.ts';

const serial = (n: string) => Number(n.slice(-6));

test('R3.1 concurrent draws of a tenant-year: every serial once, without a gap, in the order asked; other years and tenants count apart', async () => {
  const db = (await testDatabase()).db;
  const t = await createTenant(db, { kind: 'city' });
  const other = await createTenant(db, { kind: 'city' });
  const asked = Array.from({ length: 25 }, () => drawNumber(db, t.id, t.code, 2026));
  const elsewhere = [drawNumber(db, t.id, t.code, 2027), drawNumber(db, other.id, other.code, 2026)];
  const numbers = await Promise.all(asked);
  assert.deepEqual(
    numbers.map(serial),
    Array.from({ length: 25 }, (_, i) => i + 1),
  );
  assert.equal(numbers[0], `ZQT-${t.code}-2026-000001`);
  assert.deepEqual((await Promise.all(elsewhere)).map(serial), [1, 1]);
  // A later draw continues the count.
  assert.equal(serial(await drawNumber(db, t.id, t.code, 2026)), 26);
});

test('R3.1 a draw that fails (no such tenant) fails its own callers only; the next draw of the tenant-year works', async () => {
  const db = (await testDatabase()).db;
  const t = await createTenant(db, { kind: 'city' });
  const ghost = crypto.randomUUID();
  const failed = await Promise.allSettled([drawNumber(db, ghost, '999999', 2026), drawNumber(db, ghost, '999999', 2026)]);
  assert.deepEqual(
    failed.map((r) => r.status),
    ['rejected', 'rejected'],
  );
  assert.deepEqual((await Promise.all([drawNumber(db, t.id, t.code, 2026), drawNumber(db, t.id, t.code, 2026)])).map(serial), [1, 2]);
});
