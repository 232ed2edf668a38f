// Notification fixtures (also used by the authorization matrix via helpers/resources.ts).
import crypto from 'node:crypto';
import type { Db } from '../../src/db/client.ts';
import { notifications } from '../../src/db/schema.ts';
import { firstUnitId } from '../enterprises/fixtures.ts';

export async function createNotification(
  db: Db,
  tenantId: string,
  to: { userId?: string; unitId?: string; role?: string },
  opts: { type?: string; title?: string; appealId?: string } = {},
) {
  const [n] = await db
    .insert(notifications)
    .values({
      tenantId,
      type: opts.type ?? 'dispatch',
      userId: to.userId ?? null,
      unitId: to.unitId ?? null,
      role: to.role ?? null,
      appealId: opts.appealId ?? null,
      title: opts.title ?? '测试通知',
      body: '测试通知内容',
      sourceKey: `test:${crypto.randomUUID()}`,
    })
    .returning();
  return n;
}

/** Matrix fixture: addressed to the tenant's first unit, where the matrix's users work. */
export async function notificationFixture(db: Db, tenantId: string, matrixUnitId?: string) {
  const unitId = matrixUnitId ?? (await firstUnitId(db, tenantId));
  return (await createNotification(db, tenantId, unitId ? { unitId } : { role: 'intake' })).id;
}
