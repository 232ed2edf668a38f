// Enterprise records: validation messages, unique USCC per tenant, versioned edits, who may edit,
// masking and the audited reveal, Chinese keyword search, tenant isolation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { ensureTenants } from '../../src/seed/tenants.ts';
import { call, testApp } from '../helpers/app.ts';
import { testDatabase } from '../helpers/db.ts';
import { auditRows, createScene, createUnit, createUser } from '../helpers/factory.ts';
import { createEnterprise, randomUscc } from './fixtures.ts';

const db = async () => (await testDatabase()).db;

const valid = (over: Record<string, unknown> = {}) => ({
  name: '济南鲁华化工有限公司',
  uscc: randomUscc('370102'),
  regionCode: '370102',
  sector: 'hazchem',
  ownership: 'private',
  size: 'medium',
  contacts: [{ name: '张三', post: '安全总监', mobile: '13812341234', landline: '0531-86081234' }],
  ...over,
});

async function scene() {
  const d = await db();
  const s = await createScene(d);
  const intake = await createUser(d, s.province.id, { roles: ['intake'] });
  return { ...s, d, intake };
}

test('create: every bad field is refused with a Chinese message naming the problem', async () => {
  const { app } = await testApp();
  const { intake } = await scene();
  const good = valid();
  const res = await call(app, intake, {
    method: 'POST',
    url: '/api/enterprises',
    payload: {
      ...good,
      uscc: good.uscc.slice(0, 17) + (good.uscc[17] === '0' ? '1' : '0'),
      regionCode: '370100',
      sector: 'industry',
      struggling: true,
      contacts: [{ name: '李四', mobile: '12345', landline: '86081234' }],
    },
  });
  assert.equal(res.statusCode, 400);
  const f = res.json().error.fields;
  assert.match(f.uscc, /校验位错误，第18位应为/);
  assert.match(f.regionCode, /县级行政区划代码/);
  assert.match(f.subSector, /工贸企业须选择细分行业/);
  assert.match(f.strugglingReason, /困难企业须填写困难原因/);
  assert.match(f['contacts.0.mobile'], /手机号码格式不正确/);
  assert.match(f['contacts.0.landline'], /固定电话格式不正确/);

  const r2 = await call(app, intake, {
    method: 'POST',
    url: '/api/enterprises',
    payload: { ...valid(), sector: 'hazchem', subSector: 'textile', ownership: '民营', extra: 1 },
  });
  assert.equal(r2.statusCode, 400);
  assert.ok(r2.json().error.fields.ownership, 'enum refused');
  assert.equal(r2.json().error.fields.extra, '不允许的字段');

  const r3 = await call(app, intake, { method: 'POST', url: '/api/enterprises', payload: { ...valid(), subSector: 'textile' } });
  assert.match(r3.json().error.fields.subSector, /只有工贸企业填写细分行业/);
  const r4 = await call(app, intake, { method: 'POST', url: '/api/enterprises', payload: { ...valid(), uscc: '91370102MA3C5QX' } });
  assert.match(r4.json().error.fields.uscc, /应为18位，实际为15位/);
  const r5 = await call(app, intake, { method: 'POST', url: '/api/enterprises', payload: { ...valid(), uscc: '91370102MA3C5QXI2O' } });
  assert.match(r5.json().error.fields.uscc, /不得含 I、O、S、V、Z/);
});

test('create → edit with version (409 on stale) → archive; each change audited', async () => {
  const { app } = await testApp();
  const { d, province, intake, unit } = await scene();
  const created = await call(app, intake, {
    method: 'POST',
    url: '/api/enterprises',
    payload: valid({ supervisingUnitId: unit.id, sector: 'industry', subSector: 'machinery', tags: ['重点企业', '重点企业', ' 联系点 '] }),
  });
  assert.equal(created.statusCode, 201, created.body);
  const e = created.json();
  assert.equal(e.regionName, '济南市历下区');
  assert.deepEqual(e.tags, ['重点企业', '联系点']);
  assert.equal(e.contacts[0].mobile, '138****1234');
  assert.equal(e.supervisingUnitName, unit.name);

  const upd = await call(app, intake, {
    method: 'PATCH',
    url: `/api/enterprises/${e.id}`,
    payload: { version: e.version, status: 'suspended', address: '济南市历下区经十路1号' },
  });
  assert.equal(upd.statusCode, 200, upd.body);
  assert.equal(upd.json().version, 2);
  const stale = await call(app, intake, { method: 'PATCH', url: `/api/enterprises/${e.id}`, payload: { version: 1, status: 'closed' } });
  assert.equal(stale.statusCode, 409);
  assert.equal(stale.json().error.code, 'VERSION_CONFLICT');

  // The masked mobile sent back by an edit form keeps the stored number.
  const keep = await call(app, intake, { method: 'PATCH', url: `/api/enterprises/${e.id}`, payload: { version: 2, contacts: upd.json().contacts } });
  assert.equal(keep.statusCode, 200, keep.body);
  const [{ contacts }] = await queryRows<{ contacts: { mobile: string }[] }>(d, sql`SELECT contacts FROM enterprises WHERE id = ${e.id}`);
  assert.equal(contacts[0].mobile, '13812341234');

  const arch = await call(app, intake, { method: 'PATCH', url: `/api/enterprises/${e.id}`, payload: { version: 3, archived: true } });
  assert.equal(arch.json().archived, true);
  const list = await call(app, intake, { method: 'GET', url: '/api/enterprises' });
  assert.equal(list.json().total, 0, 'archived records leave the default list');
  const withArchived = await call(app, intake, { method: 'GET', url: '/api/enterprises?includeArchived=true' });
  assert.equal(withArchived.json().total, 1);

  const actions = (await auditRows(d, province.id)).map((r) => r.action);
  assert.deepEqual(
    actions.filter((a) => String(a).startsWith('enterprise.')),
    ['enterprise.create', 'enterprise.update', 'enterprise.update', 'enterprise.archive'],
  );
  const after = (await auditRows(d, province.id)).find((r) => r.action === 'enterprise.create')!.after as { contacts: { mobile: string }[] };
  assert.equal(after.contacts[0].mobile, '138****1234', 'audit rows keep mobiles masked');
});

test('one enterprise per USCC per tenant; the same USCC in another tenant is fine', async () => {
  const { app } = await testApp();
  const { d, city, intake } = await scene();
  const body = valid();
  assert.equal((await call(app, intake, { method: 'POST', url: '/api/enterprises', payload: body })).statusCode, 201);
  const dup = await call(app, intake, {
    method: 'POST',
    url: '/api/enterprises',
    payload: { ...body, name: '另一个名称有限公司', uscc: body.uscc.toLowerCase() },
  });
  assert.equal(dup.statusCode, 400);
  assert.match(dup.json().error.fields.uscc, /本单位已登记该统一社会信用代码的企业「济南鲁华化工有限公司」/);
  const cityIntake = await createUser(d, city.id, { roles: ['intake'] });
  assert.equal((await call(app, cityIntake, { method: 'POST', url: '/api/enterprises', payload: body })).statusCode, 201);
  // The database refuses it too (unique index), whatever the service does.
  await assert.rejects(createEnterprise(d, city.id, { uscc: body.uscc }));
});

test('a city bureau registers only enterprises in its own city; the province any Shandong county', async () => {
  const { app } = await testApp();
  const d = await db();
  const ids = await ensureTenants(d);
  const qingdao = await createUser(d, ids.get('370200')!, { roles: ['intake'] });
  const r = await call(app, qingdao, { method: 'POST', url: '/api/enterprises', payload: valid({ regionCode: '370102' }) });
  assert.equal(r.statusCode, 400);
  assert.match(r.json().error.fields.regionCode, /济南市历下区不在本市（青岛市）辖区内/);
  const ok = await call(app, qingdao, { method: 'POST', url: '/api/enterprises', payload: valid({ regionCode: '370211', uscc: randomUscc('370211') }) });
  assert.equal(ok.statusCode, 201, ok.body);
  const meta = await call(app, qingdao, { method: 'GET', url: '/api/enterprises/meta' });
  assert.deepEqual(
    meta.json().regions.map((c: { code: string }) => c.code),
    ['370200'],
  );
  const province = await createUser(d, ids.get('370000')!, { roles: ['coordinator'] });
  assert.equal((await call(app, province, { method: 'GET', url: '/api/enterprises/meta' })).json().regions.length, 16);
});

test('who may edit: intake/coordinator all; unit_head/unit_staff only their unit; leader and oversight read only', async () => {
  const { app } = await testApp();
  const { d, province, unit } = await scene();
  const other = await createUnit(d, province.id);
  const mine = await createEnterprise(d, province.id, { supervisingUnitId: unit.id });
  const theirs = await createEnterprise(d, province.id, { supervisingUnitId: other.id });
  const staff = await createUser(d, province.id, { roles: ['unit_staff'], scope: 'unit', unitId: unit.id });
  const leader = await createUser(d, province.id, { roles: ['leader'], scope: 'portfolio' });

  assert.equal((await call(app, staff, { method: 'PATCH', url: `/api/enterprises/${mine.id}`, payload: { version: 1, address: '新地址' } })).statusCode, 200);
  const no = await call(app, staff, { method: 'PATCH', url: `/api/enterprises/${theirs.id}`, payload: { version: 1, address: '新地址' } });
  assert.equal(no.statusCode, 403);
  const move = await call(app, staff, { method: 'PATCH', url: `/api/enterprises/${mine.id}`, payload: { version: 2, supervisingUnitId: other.id } });
  assert.equal(move.statusCode, 400);
  // A unit user's new enterprise is supervised by their unit.
  const created = await call(app, staff, { method: 'POST', url: '/api/enterprises', payload: valid() });
  assert.equal(created.json().supervisingUnitId, unit.id);
  const elsewhere = await call(app, staff, { method: 'POST', url: '/api/enterprises', payload: valid({ supervisingUnitId: other.id }) });
  assert.match(elsewhere.json().error.fields.supervisingUnitId, /只能登记本处室监管的企业/);

  assert.equal((await call(app, leader, { method: 'PATCH', url: `/api/enterprises/${mine.id}`, payload: { version: 2 } })).statusCode, 403);
  const seen = await call(app, leader, { method: 'GET', url: `/api/enterprises/${theirs.id}` });
  assert.equal(seen.statusCode, 200);
  assert.equal(seen.json().canEdit, false);
  const admin = await createUser(d, province.id, { roles: ['sysadmin'] });
  assert.equal((await call(app, admin, { method: 'GET', url: '/api/enterprises' })).statusCode, 403, 'business data: not the admin roles');
});

test('mobiles are masked by default; the reveal is role-checked and audited (个人信息保护法)', async () => {
  const { app } = await testApp();
  const { d, province, unit, intake } = await scene();
  const e = await createEnterprise(d, province.id, {
    supervisingUnitId: unit.id,
    contacts: [
      { id: 'c1', name: '王五', post: '经理', mobile: '13912345678', landline: null },
      { id: 'c2', name: '赵六', post: null, mobile: null, landline: '0531-1234567' },
    ],
  });
  const detail = await call(app, intake, { method: 'GET', url: `/api/enterprises/${e.id}` });
  assert.equal(detail.json().contacts[0].mobile, '139****5678');
  const list = await call(app, intake, { method: 'GET', url: '/api/enterprises' });
  assert.equal(list.json().items[0].contacts[0].mobile, '139****5678');
  assert.ok(!list.body.includes('13912345678'));

  const rev = await call(app, intake, { method: 'POST', url: `/api/enterprises/${e.id}/reveal-contacts` });
  assert.equal(rev.statusCode, 200);
  assert.equal(rev.json().contacts[0].mobile, '13912345678');
  const audit = (await auditRows(d, province.id)).filter((r) => r.action === 'enterprise.contacts_reveal');
  assert.equal(audit.length, 1);
  assert.equal(audit[0].entity_id, e.id);

  const liaison = await createUser(d, province.id, { roles: ['liaison'], scope: 'unit', unitId: unit.id });
  assert.equal((await call(app, liaison, { method: 'POST', url: `/api/enterprises/${e.id}/reveal-contacts` })).statusCode, 200);
  const otherUnit = await createUnit(d, province.id);
  const stranger = await createUser(d, province.id, { roles: ['unit_head'], scope: 'unit', unitId: otherUnit.id });
  const refused = await call(app, stranger, { method: 'POST', url: `/api/enterprises/${e.id}/reveal-contacts` });
  assert.equal(refused.statusCode, 403);
  const leader = await createUser(d, province.id, { roles: ['leader'], scope: 'portfolio' });
  assert.equal((await call(app, leader, { method: 'POST', url: `/api/enterprises/${e.id}/reveal-contacts` })).statusCode, 403);
  assert.equal((await auditRows(d, province.id)).filter((r) => r.action === 'enterprise.contacts_reveal').length, 2, 'refused reveals write nothing');
});

test('keyword search: Chinese substring of the name (pg_trgm + ILIKE), USCC prefix, and filters', async () => {
  const { app } = await testApp();
  const { d, province, unit, intake } = await scene();
  const a = await createEnterprise(d, province.id, { name: '济南鲁华化工有限公司', regionCode: '370102', sector: 'hazchem', supervisingUnitId: unit.id });
  await createEnterprise(d, province.id, {
    name: '青岛海蓝机械制造有限公司',
    regionCode: '370211',
    uscc: randomUscc('370211'),
    sector: 'industry',
    subSector: 'machinery',
    size: 'small',
    struggling: true,
    strugglingReason: '订单下降',
  });
  await createEnterprise(d, province.id, {
    name: '淄博100%_特种材料厂',
    regionCode: '370303',
    uscc: randomUscc('370303'),
    sector: 'industry',
    subSector: 'building',
    ownership: 'state',
  });
  const q = async (query: string) => (await call(app, intake, { method: 'GET', url: `/api/enterprises?${query}` })).json();

  assert.deepEqual(q && (await q(`q=${encodeURIComponent('华化')}`)).items.map((i: { name: string }) => i.name), ['济南鲁华化工有限公司']);
  assert.equal((await q(`q=${encodeURIComponent('有限公司')}`)).total, 2);
  assert.equal((await q(`q=${encodeURIComponent('机械制造')}`)).items[0].name, '青岛海蓝机械制造有限公司');
  assert.equal((await q(`q=${encodeURIComponent('%_')}`)).total, 1, 'LIKE wildcards are literal');
  assert.equal((await q(`q=${encodeURIComponent('化')}`)).total, 1, 'a single character matches');
  assert.equal((await q(`q=${a.uscc.slice(0, 10).toLowerCase()}`)).items[0].id, a.id);
  assert.equal((await q('sector=industry')).total, 2);
  assert.equal((await q('sector=industry&subSector=building')).total, 1);
  assert.equal((await q('region=370200')).total, 1, 'a city code covers its counties');
  assert.equal((await q('region=370102')).total, 1);
  assert.equal((await q('struggling=true')).items[0].strugglingReason, '订单下降');
  assert.equal((await q('ownership=state')).total, 1);
  assert.equal((await q('size=small')).total, 1);
  assert.equal((await q(`supervisingUnitId=${unit.id}`)).total, 1);
  assert.equal((await q('status=closed')).total, 0);
  assert.equal((await q('pageSize=1&page=2')).items.length, 1);
});

test('tenant isolation: a city sees only its own enterprises, and the province not the city’s', async () => {
  const { app } = await testApp();
  const { d, province, city, intake } = await scene();
  const prov = await createEnterprise(d, province.id, { name: '省直监管企业甲' });
  const cityE = await createEnterprise(d, city.id, { name: '市级监管企业乙' });
  const cityIntake = await createUser(d, city.id, { roles: ['intake'] });
  const cl = (await call(app, cityIntake, { method: 'GET', url: '/api/enterprises' })).json();
  assert.deepEqual(
    cl.items.map((i: { id: string }) => i.id),
    [cityE.id],
  );
  const pl = (await call(app, intake, { method: 'GET', url: '/api/enterprises' })).json();
  assert.deepEqual(
    pl.items.map((i: { id: string }) => i.id),
    [prov.id],
  );
  assert.equal((await call(app, cityIntake, { method: 'GET', url: `/api/enterprises/${prov.id}` })).statusCode, 404);
  assert.equal((await call(app, cityIntake, { method: 'POST', url: `/api/enterprises/${prov.id}/reveal-contacts` })).statusCode, 404);
  assert.equal((await call(app, cityIntake, { method: 'PATCH', url: `/api/enterprises/${prov.id}`, payload: { version: 1, name: '改名' } })).statusCode, 404);
});
