// `zqt user create | reset-password | unlock`: the documented break-glass path (应急通道) for the
// first administrators of a fresh database or a new city, and for recovery. 三权分立 holds here too:
// shared/account-rules.ts decides (duty 'cli': staff and admin accounts; enterprise accounts are
// intake's). Every change is audited with actor "命令行".
import { parseArgs } from 'node:util';
import { and, eq, sql } from 'drizzle-orm';
import { accountRefusal } from '../../../shared/account-rules.ts';
import { ADMIN_ROLES, ROLES, type Role } from '../../../shared/roles.ts';
import { openMigratedDatabase } from '../boot.ts';
import { loadConfig } from '../config.ts';
import { tenants, units, users } from '../db/schema.ts';
import { insertAudit } from '../modules/audit/index.ts';
import { clearAllThrottles, deleteUserSessions, rememberPassword } from '../modules/auth/index.ts';
import { roleProblems } from '../modules/users/index.ts';
import { generateInitialPassword, hashPassword } from '../lib/password.ts';

type Out = { stdout: string; stderr: string; exitCode: number };
const fail = (msg: string): Out => ({ stdout: '', stderr: msg, exitCode: 1 });

export async function userCli(argv: string[]): Promise<Out> {
  const [sub, ...rest] = argv;
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { tenant: { type: 'string' }, username: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, unit: { type: 'string' } },
      strict: true,
    }) as { values: Record<string, string | undefined> });
  } catch (err) {
    return fail(`参数错误: ${(err as Error).message}`);
  }
  if (sub !== 'create' && sub !== 'reset-password' && sub !== 'unlock') return fail('用法: zqt user create|reset-password|unlock …');
  if (!values.username) return fail('缺少 --username');
  if (sub === 'create' && (!values.tenant || !values.name)) return fail('缺少 --tenant 或 --name');
  const role = values.role as Role | undefined;
  if (role && !ROLES.includes(role)) return fail(`未知角色 ${role}，可选: ${ROLES.join(', ')}`);

  const database = await openMigratedDatabase(loadConfig());
  try {
    const db = database.db;
    const initialPassword = generateInitialPassword();
    const passwordHash = await hashPassword(initialPassword);
    return await db.transaction(async (tx) => {
      if (sub === 'create') {
        const [tenant] = await tx.select().from(tenants).where(eq(tenants.code, values.tenant!));
        if (!tenant) return fail(`单位代码 ${values.tenant} 不存在`);
        const [taken] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = lower(${values.username!})`);
        if (taken) return fail(`用户名 ${values.username} 已存在`);
        let unitId: string | null = null;
        if (values.unit) {
          const [u] = await tx
            .select()
            .from(units)
            .where(and(eq(units.tenantId, tenant.id), eq(units.name, values.unit)));
          if (!u) return fail(`处室「${values.unit}」不存在`);
          unitId = u.id;
        }
        const roles = role ? [role] : [];
        const refusal = accountRefusal('cli', roles, 'create');
        if (refusal) return fail(refusal);
        if (role && (ADMIN_ROLES as readonly string[]).includes(role) && values.unit) return fail('管理员账号不属于任何处室（三权分立），请去掉 --unit');
        const scope =
          role && ['sysadmin', 'secadmin', 'auditor', 'intake', 'coordinator', 'oversight'].includes(role)
            ? 'tenant'
            : role === 'leader'
              ? 'portfolio'
              : 'unit';
        const problems = roleProblems({ userId: '' }, 'new', roles, scope, unitId);
        if (Object.keys(problems).length) return fail(Object.values(problems).join('；'));
        const [row] = await tx
          .insert(users)
          .values({ tenantId: tenant.id, username: values.username!, displayName: values.name!, roles, scope, unitId, passwordHash, mustChangePassword: true })
          .returning();
        await insertAudit(tx, {
          tenantId: tenant.id,
          actorId: null,
          actorName: '命令行',
          action: 'user.create',
          entity: 'user',
          entityId: row.id,
          summary: `命令行（应急通道）新建账号「${row.username}」`,
          after: { username: row.username, roles, scope },
          ip: null,
          requestId: null,
        });
        return { stdout: JSON.stringify({ username: row.username, tenant: tenant.code, roles, initialPassword }), stderr: '', exitCode: 0 };
      }
      const [u] = await tx.select().from(users).where(sql`lower(${users.username}) = lower(${values.username!})`);
      if (!u) return fail(`用户名 ${values.username} 不存在`);
      const refusal = accountRefusal('cli', u.roles as Role[], sub === 'unlock' ? 'unlock' : 'reset_password');
      if (refusal) return fail(refusal);
      if (sub === 'unlock') {
        const n = await clearAllThrottles(tx, u.username);
        await insertAudit(tx, {
          tenantId: u.tenantId,
          actorId: null,
          actorName: '命令行',
          action: 'user.unlock',
          entity: 'user',
          entityId: u.id,
          summary: `命令行（应急通道）解锁账号「${u.username}」`,
          ip: null,
          requestId: null,
        });
        return { stdout: JSON.stringify({ username: u.username, unlocked: n }), stderr: '', exitCode: 0 };
      }
      await rememberPassword(tx, u.id, u.passwordHash);
      await tx
        .update(users)
        .set({ passwordHash, mustChangePassword: true, version: sql`${users.version} + 1`, updatedAt: sql`now()` })
        .where(eq(users.id, u.id));
      await deleteUserSessions(tx, u.id);
      await clearAllThrottles(tx, u.username);
      await insertAudit(tx, {
        tenantId: u.tenantId,
        actorId: null,
        actorName: '命令行',
        action: 'user.password_reset',
        entity: 'user',
        entityId: u.id,
        summary: `命令行（应急通道）重置账号「${u.username}」的密码`,
        ip: null,
        requestId: null,
      });
      return { stdout: JSON.stringify({ username: u.username, initialPassword }), stderr: '', exitCode: 0 };
    });
  } finally {
    await database.close();
  }
}
