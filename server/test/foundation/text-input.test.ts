// Issue 12 item 8: one text normaliser at the boundary. A lone surrogate, NUL or another control
// character anywhere a request brings text (JSON bodies, nested or in keys, query strings, path
// parameters, multipart file names and notes) is a 400 naming the field in Chinese, never a 500, and
// nothing is written; lengths count code points; excerpts are cut between graphemes.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { cutText, cutTextEnd, TEXT_MESSAGES, textLength, textProblem } from '../../../shared/text.ts';
import { queryRows } from '../../src/db/client.ts';
import { MAX_JSON_DEPTH } from '../../src/http/text-input.ts';
import { act, appealIn, call, world } from '../appeals/helpers.ts';
import { createEnterprise, multipart as importMultipart, workbook } from '../enterprises/fixtures.ts';
import { createUser } from '../helpers/factory.ts';
import { samplePdf } from '../helpers/files.ts';
import { integrationBearer } from '../integrations/fixtures.ts';

const LONE = 'a\uD800b';
/** The world's own rows of a table: on the server other test processes write theirs meanwhile. */
const count = async (w: Awaited<ReturnType<typeof world>>, table: string) =>
  (await queryRows<{ n: number }>(w.db, sql`SELECT count(*)::int AS n FROM ${sql.raw(table)} WHERE tenant_id IN (${w.province.id}, ${w.city.id})`))[0].n;

function multipart(name: string, data: Buffer, note?: string) {
  const b = `----zqt${crypto.randomBytes(6).toString('hex')}`;
  const parts = [
    ...(note !== undefined ? [Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="note"\r\n\r\n${note}\r\n`)] : []),
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${b}--\r\n`),
  ];
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

test('issue 12 item 8: textProblem, textLength and cutText count code points and never split a surrogate pair', () => {
  assert.equal(textProblem('应急🚒处\n\t第二行'), null);
  assert.equal(textProblem('\uD800'), TEXT_MESSAGES.surrogate);
  assert.equal(textProblem('x\uDFFFy'), TEXT_MESSAGES.surrogate);
  assert.equal(textProblem('a\u0000b'), TEXT_MESSAGES.control);
  assert.equal(textProblem('a\u007Fb'), TEXT_MESSAGES.control);
  assert.equal(textProblem('a\nb', { singleLine: true }), TEXT_MESSAGES.newline);
  assert.equal(textLength('应急🚒'), 3);
  const s = `${'字'.repeat(99)}🚒尾`;
  assert.equal(cutText(s, 100), `${'字'.repeat(99)}🚒`);
  assert.equal(cutText(s, 99), '字'.repeat(99));
  // A family emoji (one grapheme of 7 code points) goes whole or stays whole.
  const family = '👨‍👩‍👧‍👦';
  assert.equal(cutText(`ab${family}`, 5), 'ab');
  assert.equal(cutText(`ab${family}c`, 9), `ab${family}`);
  assert.equal(cutText('一二三四五', 4, '…'), '一二三…');
  assert.equal(cutTextEnd('文件🚒名.pdf', 6), '🚒名.pdf');
  for (let n = 0; n < 12; n++) assert.ok(cutText(`x🚒`.repeat(6), n, '…').isWellFormed(), String(n));
});

test('issue 12 item 8: a 99-character message plus an emoji is stored, and its notice excerpt is well-formed (no 500)', async () => {
  const w = await world();
  const e = await createEnterprise(w.db, w.province.id);
  const ent = await createUser(w.db, w.province.id, { roles: ['enterprise'], scope: 'unit', enterpriseId: e.id });
  const id = await appealIn(w, 'handling', { enterpriseId: e.id });
  const body = `${'请'.repeat(99)}🚒，后续说明`;
  const r = await call(w.app, ent, { method: 'POST', url: `/api/portal/appeals/${id}/messages`, payload: { body } });
  assert.equal(r.statusCode, 201, r.body);
  assert.equal(r.json().body, body);
  const staff = await call(w.app, w.users.leadStaff, { method: 'POST', url: `/api/appeals/${id}/messages`, payload: { body } });
  assert.equal(staff.statusCode, 201, staff.body);
  const notes = (await call(w.app, ent, { method: 'GET', url: '/api/notifications?pageSize=100' })).json().items as { body: string }[];
  const excerpt = notes.find((n) => n.body.includes('请请请'))!.body;
  assert.ok(excerpt.isWellFormed());
  assert.ok(excerpt.endsWith(`${'请'.repeat(99)}🚒…`), excerpt);
  // A text field counts code points: 50 emoji fit a 50-character unit name.
  const sys = await createUser(w.db, w.province.id, { roles: ['sysadmin'] });
  const unit = await call(w.app, sys, { method: 'POST', url: '/api/units', payload: { name: '🚒'.repeat(50), kind: 'business' } });
  assert.equal(unit.statusCode, 201, unit.body);
  const over = await call(w.app, sys, { method: 'POST', url: '/api/units', payload: { name: '🚒'.repeat(51), kind: 'business' } });
  assert.equal(over.json().error.fields.name, '不能超过50个字符');
});

test('issue 12 item 8: \\uD800 in every JSON text field of every write endpoint → 400 naming the field, nothing written', async () => {
  const w = await world();
  const sys = await createUser(w.db, w.province.id, { roles: ['sysadmin'] });
  const bearer = await integrationBearer(w.db, w.province.id);
  const before = await count(w, 'audit_log');
  const failures: string[] = [];
  let routes = 0;
  for (const route of w.app.policyRoutes) {
    if (route.method === 'GET' || route.policy.public) continue;
    routes++;
    const url = route.url.replace(/:[A-Za-z]+/g, crypto.randomUUID());
    for (const [payload, field] of [
      [{ note: LONE }, 'note'],
      [{ nested: { list: [{ text: 'x\uDC00' }] } }, 'nested.list.0.text'],
      [{ [`key${'\uD800'}`]: 'v' }, 'key\uFFFD'],
      [{ reason: 'NUL\u0000here' }, 'reason'],
    ] as const) {
      // Issue 18: token routes are called with an API token (no account).
      const res = route.policy.token
        ? await call(w.app, null, { method: route.method as 'POST', url, payload, headers: { authorization: `Bearer ${bearer}` } })
        : await call(w.app, sys, { method: route.method as 'POST', url, payload });
      // The policy refuses sysadmin (403) or finds no such record (404, random ids) before the body is
      // read; every other route answers the text check.
      if (res.statusCode === 403 || res.statusCode === 404) continue;
      if (res.statusCode !== 400 || !res.json().error.fields?.[field])
        failures.push(`${route.method} ${route.url} ${field} → ${res.statusCode} ${res.body.slice(0, 200)}`);
    }
  }
  assert.ok(routes > 40, `only ${routes} write routes`);
  assert.deepEqual(failures, []);
  assert.equal(await count(w, 'audit_log'), before, 'nothing audited, so nothing written');
});

test('issue 12 item 8: role-allowed requests with a lone surrogate in the real text fields answer 400, not 500 (messages, actions, notes)', async () => {
  const w = await world();
  const e = await createEnterprise(w.db, w.province.id);
  const ent = await createUser(w.db, w.province.id, { roles: ['enterprise'], scope: 'unit', enterpriseId: e.id });
  const id = await appealIn(w, 'handling', { enterpriseId: e.id });
  const msgs = await count(w, 'appeal_messages');
  for (const [as, url] of [
    [ent, `/api/portal/appeals/${id}/messages`],
    [w.users.leadStaff, `/api/appeals/${id}/messages`],
  ] as const) {
    const r = await call(w.app, as, { method: 'POST', url, payload: { body: `正文${'\uD800'}` } });
    assert.equal(r.statusCode, 400, r.body);
    assert.equal(r.json().error.fields.body, TEXT_MESSAGES.surrogate);
  }
  const contact = await act(w, w.users.leadStaff, id, 'contact', { method: 'phone', withWhom: '张\uD800', note: '备注\u0000' });
  assert.equal(contact.statusCode, 400, contact.body);
  assert.deepEqual(Object.keys(contact.json().error.fields).sort(), ['note', 'withWhom']);
  assert.equal(await count(w, 'appeal_messages'), msgs);
});

test('issue 12 item 8: NUL in ?q=, /api/audit?entityId= and path parameters → 400, not 500', async () => {
  const w = await world();
  const auditor = await createUser(w.db, w.province.id, { roles: ['auditor'] });
  for (const [as, url, field] of [
    [w.users.intake, '/api/appeals?q=%00', 'q'],
    [w.users.intake, '/api/appeals?q=a%0Ab', 'q'],
    [w.users.intake, '/api/enterprises?q=x%00y', 'q'],
    [auditor, '/api/audit?entityId=%00', 'entityId'],
    [null, '/api/public/evaluations/ab%00cd', 'token'],
  ] as const) {
    const r = await call(w.app, as, { method: 'GET', url });
    assert.equal(r.statusCode, 400, `${url}: ${r.body}`);
    assert.ok(r.json().error.fields[field], `${url}: ${r.body}`);
  }
  // A resource id with a NUL is simply not found (the policy looks it up first).
  assert.equal((await call(w.app, w.users.intake, { method: 'GET', url: '/api/enterprises/%00' })).statusCode, 404);
  // Invalid UTF-8 in a query string is not a 500 either.
  const bad = await call(w.app, w.users.intake, { method: 'GET', url: '/api/appeals?q=%ED%A0%80' });
  assert.ok(bad.statusCode < 500, bad.body);
});

test(`issue 12 item 8: JSON nested deeper than ${MAX_JSON_DEPTH} levels → 400, not a stack overflow`, async () => {
  const w = await world();
  const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
  const r = await call(w.app, w.users.intake, {
    method: 'POST',
    url: '/api/appeals',
    headers: { 'content-type': 'application/json' },
    payload: `{"title":${deep}}`,
  });
  assert.equal(r.statusCode, 400, r.body.slice(0, 300));
  assert.match(r.json().error.fields.title, /嵌套层级过深/);
});

test('issue 12 item 8: NUL or a lone surrogate in an uploaded file name or note → 400 on field file/note, nothing stored', async () => {
  const w = await world();
  const e = await createEnterprise(w.db, w.province.id);
  const ent = await createUser(w.db, w.province.id, { roles: ['enterprise'], scope: 'unit', enterpriseId: e.id });
  const id = await appealIn(w, 'handling', { enterpriseId: e.id });
  const files = await count(w, 'appeal_attachments');
  const pdf = samplePdf('text input');
  for (const [name, note, field] of [
    ['报告\u0000.pdf', undefined, 'file'],
    ['报告.pdf', '说明\u0000', 'note'],
  ] as const) {
    for (const url of [`/api/portal/appeals/${id}/attachments`, `/api/appeals/${id}/attachments`]) {
      const as = url.startsWith('/api/portal') ? ent : w.users.leadStaff;
      const r = await call(w.app, as, { method: 'POST', url, ...multipart(name, pdf, note) });
      assert.equal(r.statusCode, 400, `${url} ${JSON.stringify(name)}: ${r.body}`);
      assert.ok(r.json().error.fields[field], r.body);
    }
  }
  // A lone surrogate cannot travel in UTF-8; the bytes of one (ED A0 80) decode to U+FFFD and are stored as such.
  const ok = await call(w.app, ent, { method: 'POST', url: `/api/portal/appeals/${id}/attachments`, ...multipart('正常文件🚒.pdf', pdf, '说明🚒') });
  assert.equal(ok.statusCode, 201, ok.body);
  assert.equal(await count(w, 'appeal_attachments'), files + 1);

  const importer = await createUser(w.db, w.province.id, { roles: ['intake'] });
  const jobs = await count(w, 'import_jobs');
  const xlsx = await workbook([]);
  const r = await call(w.app, importer, { method: 'POST', url: '/api/enterprise-imports', ...importMultipart(xlsx, '名录\u0000.xlsx') });
  assert.equal(r.statusCode, 400, r.body);
  assert.ok(r.json().error.fields.file);
  assert.equal(await count(w, 'import_jobs'), jobs);
});
