// How to make one resource of each policy resource type in a given tenant. The authorization
// matrix fails when a route names a resource type that has no fixture here.
import type { Db } from '../../src/db/client.ts';
import { createLeader, createUnit, createUser } from './factory.ts';

export const resourceFixtures: Record<string, (db: Db, tenantId: string) => Promise<string>> = {
  unit: async (db, tenantId) => (await createUnit(db, tenantId)).id,
  user: async (db, tenantId) => (await createUser(db, tenantId, { signIn: false })).id,
  leader: async (db, tenantId) => (await createLeader(db, tenantId, [])).id,
};
