// Enterprise portal fixtures (also used by the authorization matrix via helpers/resources.ts and
// by createUser for role 'enterprise').
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { hashPassword } from '../../src/lib/password.ts';
import { defaultEnterpriseId, randomUscc } from '../enterprises/fixtures.ts';
import { appealFixture } from '../appeals/fixtures.ts';

export { defaultEnterpriseId };

/** Matrix fixture 'portalAppeal': an appeal of the tenant's default enterprise (whose account reads it). */
export async function portalAppealFixture(db: Db, tenantId: string, unitId?: string): Promise<string> {
  const id = await appealFixture(db, tenantId, unitId);
  await db.execute(sql`UPDATE appeals SET enterprise_id = ${await defaultEnterpriseId(db, tenantId)} WHERE id = ${id}`);
  return id;
}

/** Matrix fixture 'enterpriseRegistration': a pending self-registration request. */
export async function registrationFixture(db: Db, tenantId: string): Promise<string> {
  const id = crypto.randomUUID();
  const uscc = randomUscc();
  await db.execute(sql`INSERT INTO enterprise_registrations (id, tenant_id, uscc, enterprise_name, contact_name, mobile, username, password_hash)
    VALUES (${id}, ${tenantId}, ${uscc}, '矩阵测试注册企业', '联系人', '13800000000', ${`reg_${id.slice(0, 8)}`}, ${await hashPassword('Unused#Passw0rd')})`);
  return id;
}
