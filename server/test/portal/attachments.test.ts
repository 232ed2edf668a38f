// Issue 7: attachments on portal submissions — the staff uploader's checks (type by extension AND
// content, size, empty), the enterprise's count limit, only its own files listed and downloadable
// (never the handling side's working papers), A never touches B's appeal (same 404 as missing),
// closed appeals refuse; and the per-IP limit on portal submit.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { PORTAL_ATTACHMENTS_PER_APPEAL } from '../../../shared/appeals.ts';
import { queryRows } from '../../src/db/client.ts';
import { submitLimits } from '../../src/modules/portal/portal.submit.ts';
import { createEnterprise } from '../enterprises/fixtures.ts';
import { auditRows, createUser, type TestUser } from '../helpers/factory.ts';
import { samplePdf, samplePng } from '../helpers/files.ts';
import { appealIn, call, current, world, type World } from '../appeals/helpers.ts';

const PNG = samplePng(crypto.randomInt(256));
const PDF = samplePdf(`portal ${crypto.randomUUID()}`);

function multipart(name: string, data: Buffer, note?: string) {
  const b = `----zqt${crypto.randomBytes(6).toString('hex')}`;
  const parts = [
    ...(note !== undefined ? [Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="note"\r\n\r\n${note}\r\n`)] : []),
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${b}--\r\n`),
  ];
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

const upload = (w: World, as: TestUser, id: string, name: string, data: Buffer, note?: string) =>
  call(w.app, as, { method: 'POST', url: `/api/portal/appeals/${id}/attachments`, ...multipart(name, data, note) });
const list = (w: World, as: TestUser, id: string) => call(w.app, as, { method: 'GET', url: `/api/portal/appeals/${id}/attachments` });
const withoutRequestId = (body: string) => {
  const { requestId: _r, ...rest } = JSON.parse(body);
  return rest;
};

async function enterpriseWithAccount(w: World) {
  const e = await createEnterprise(w.db, w.province.id);
  const ent = await createUser(w.db, w.province.id, { roles: ['enterprise'], scope: 'unit', enterpriseId: e.id });
  return { e, ent };
}

test('issue 7 attachments: the enterprise uploads to its own appeal, checked by type, content and size; a retry adds nothing; staff see the file', async () => {
  const w = await world();
  const { e, ent } = await enterpriseWithAccount(w);
  const id = await appealIn(w, 'received', { enterpriseId: e.id });

  const r = await upload(w, ent, id, '现场照片.png', PNG, '储罐区');
  assert.equal(r.statusCode, 201, r.body);
  assert.equal(r.json().name, '现场照片.png');
  assert.equal(r.json().note, '储罐区');
  // The same file again (a retried upload): the existing attachment, nothing added.
  const again = await upload(w, ent, id, '现场照片.png', PNG);
  assert.equal(again.statusCode, 200, again.body);
  assert.equal(again.json().id, r.json().id);

  // Refused with field messages, nothing stored: wrong extension, content not matching the
  // extension (a PNG named .pdf, an executable named .docx), empty, too large, not multipart.
  const refusals: [string, Buffer, number, RegExp][] = [
    ['tool.exe', PNG, 415, /不支持的附件类型/],
    ['noext', PNG, 415, /不支持的附件类型/],
    ['fake.pdf', PNG, 415, /文件内容与扩展名不符/],
    ['report.docx', Buffer.from('MZ\x90\x00 this is a windows executable'), 415, /文件内容与扩展名不符/],
    ['empty.txt', Buffer.alloc(0), 400, /文件为空/],
    ['big.txt', Buffer.alloc(10 * 1024 * 1024 + 1, 0x41), 413, /不能超过 10 MB/],
  ];
  for (const [name, data, status, message] of refusals) {
    const bad = await upload(w, ent, id, name, data);
    assert.equal(bad.statusCode, status, `${name}: ${bad.body}`);
    assert.match(bad.json().error.fields?.file, message, `${name}: ${bad.body}`);
  }
  const json = await call(w.app, ent, { method: 'POST', url: `/api/portal/appeals/${id}/attachments`, payload: { file: 'x' } });
  assert.equal(json.statusCode, 415);

  const mine = await list(w, ent, id);
  assert.equal(mine.statusCode, 200, mine.body);
  assert.deepEqual(
    mine.json().items.map((f: { name: string }) => f.name),
    ['现场照片.png'],
  );
  assert.equal(mine.json().remaining, PORTAL_ATTACHMENTS_PER_APPEAL - 1);

  const dl = await call(w.app, ent, { method: 'GET', url: `/api/portal/appeals/${id}/attachments/${r.json().id}` });
  assert.equal(dl.statusCode, 200);
  assert.equal(dl.headers['content-type'], 'image/png');
  assert.deepEqual(dl.rawPayload, PNG);

  // The handling side sees it among the appeal's attachments, in the timeline and the audit log, by the enterprise user.
  const staff = await current(w, id);
  assert.deepEqual(
    staff.attachments.map((f: { name: string; unitId: string | null }) => [f.name, f.unitId]),
    [['现场照片.png', null]],
  );
  assert.equal(staff.events.find((x: { type: string }) => x.type === 'attach').actorId, ent.id);
  assert.ok((await auditRows(w.db, w.province.id)).some((a) => a.action === 'appeal.attach' && a.entity_id === id && a.actor_id === ent.id));
});

test('issue 7 attachments: the enterprise never lists or downloads the handling side’s files; at most the portal limit per appeal; closed appeals refuse', async () => {
  const w = await world();
  const { e, ent } = await enterpriseWithAccount(w);
  const id = await appealIn(w, 'handling', { enterpriseId: e.id });
  const staffFile = await call(w.app, w.users.leadStaff, {
    method: 'POST',
    url: `/api/appeals/${id}/attachments`,
    ...multipart('内部核查记录.pdf', PDF, '内部'),
  });
  assert.equal(staffFile.statusCode, 201, staffFile.body);

  assert.equal((await list(w, ent, id)).json().total, 0, 'staff file not listed');
  const dlStaff = await call(w.app, ent, { method: 'GET', url: `/api/portal/appeals/${id}/attachments/${staffFile.json().id}` });
  assert.equal(dlStaff.statusCode, 404);
  assert.equal(dlStaff.body.includes('内部核查记录'), false);

  // Another account of the same enterprise sees its colleague's uploads.
  const colleague = await createUser(w.db, w.province.id, { roles: ['enterprise'], scope: 'unit', enterpriseId: e.id });
  for (let i = 0; i < PORTAL_ATTACHMENTS_PER_APPEAL; i++) {
    const r = await upload(w, i % 2 ? colleague : ent, id, `材料${i}.txt`, Buffer.from(`补充材料 ${i}`));
    assert.equal(r.statusCode, 201, r.body);
  }
  const over = await upload(w, ent, id, '多余.txt', Buffer.from('超出'));
  assert.equal(over.statusCode, 409);
  assert.equal(over.json().error.message, `每件诉求企业最多上传${PORTAL_ATTACHMENTS_PER_APPEAL}个附件`);
  const l = (await list(w, colleague, id)).json();
  assert.equal(l.total, PORTAL_ATTACHMENTS_PER_APPEAL);
  assert.equal(l.canUpload, false);

  const { e: e2, ent: ent2 } = await enterpriseWithAccount(w);
  const closed = await appealIn(w, 'closed', { enterpriseId: e2.id });
  const c = await upload(w, ent2, closed, '迟到.pdf', PDF);
  assert.equal(c.statusCode, 409, c.body);
  assert.match(c.json().error.message, /已办结/);
  assert.equal((await list(w, ent2, closed)).json().canUpload, false);
});

test('issue 7 attachments: enterprise A cannot list, download or upload on B’s appeal — the same 404 as a missing id', async () => {
  const w = await world();
  const a = await enterpriseWithAccount(w);
  const b = await enterpriseWithAccount(w);
  const bAppeal = await appealIn(w, 'received', { enterpriseId: b.e.id });
  const bFile = await upload(w, b.ent, bAppeal, 'B的材料.pdf', PDF);
  assert.equal(bFile.statusCode, 201, bFile.body);
  const missing = crypto.randomUUID();
  const pairs: [string, () => ReturnType<typeof call>, () => ReturnType<typeof call>][] = [
    ['list', () => list(w, a.ent, bAppeal), () => list(w, a.ent, missing)],
    [
      'download',
      () => call(w.app, a.ent, { method: 'GET', url: `/api/portal/appeals/${bAppeal}/attachments/${bFile.json().id}` }),
      () => call(w.app, a.ent, { method: 'GET', url: `/api/portal/appeals/${missing}/attachments/${bFile.json().id}` }),
    ],
    ['upload', () => upload(w, a.ent, bAppeal, 'x.pdf', PDF), () => upload(w, a.ent, missing, 'x.pdf', PDF)],
  ];
  for (const [what, onB, onMissing] of pairs) {
    const rb = await onB();
    const rm = await onMissing();
    assert.equal(rb.statusCode, 404, `${what}: ${rb.body}`);
    assert.deepEqual(withoutRequestId(rb.body), withoutRequestId(rm.body), what);
  }
  const [{ n }] = await queryRows<{ n: number }>(w.db, sql`SELECT count(*)::int AS n FROM appeal_attachments WHERE appeal_id = ${bAppeal}`);
  assert.equal(n, 1, 'A added nothing');
});

test('issue 7 portal submit: per-IP rate limit on top of the per-account one, across accounts (429 in Chinese)', async () => {
  const w = await world();
  const e = await createEnterprise(w.db, w.province.id);
  const accounts = [
    await createUser(w.db, w.province.id, { roles: ['enterprise'], scope: 'unit', enterpriseId: e.id }),
    await createUser(w.db, w.province.id, { roles: ['enterprise'], scope: 'unit', enterpriseId: e.id }),
  ];
  const body = { category: 'licensing', title: '许可咨询', content: '咨询许可证延续。', contactName: '张经理', contactPhone: '13912345678' };
  const saved = submitLimits.perIpPerMinute;
  submitLimits.perIpPerMinute = 3;
  try {
    let verdict: number[] | null = null;
    for (let attempt = 0; attempt < 3 && !verdict; attempt++) {
      // Addresses of this attempt only (the limiter is shared by every test process on the same database).
      const ip = `10.${crypto.randomInt(256)}.${crypto.randomInt(256)}.${crypto.randomInt(1, 255)}`;
      const other = `10.${crypto.randomInt(256)}.${crypto.randomInt(256)}.${crypto.randomInt(1, 255)}`;
      const [{ m: before }] = await queryRows<{ m: string }>(w.db, sql`SELECT date_trunc('minute', now())::text AS m`);
      const codes: number[] = [];
      for (const [i, as] of [accounts[0], accounts[1], accounts[0], accounts[1]].entries()) {
        const r = await call(w.app, as, {
          method: 'POST',
          url: '/api/portal/appeals',
          payload: { ...body, title: `许可咨询${attempt}-${i}` },
          remoteAddress: ip,
        });
        codes.push(r.statusCode);
        if (r.statusCode === 429) assert.equal(r.json().error.message, '您所在网络提交诉求过于频繁，请一分钟后再试');
      }
      // The same account from another address is not limited by the first address.
      const elsewhere = await call(w.app, accounts[1], {
        method: 'POST',
        url: '/api/portal/appeals',
        payload: { ...body, title: `另一网络${attempt}` },
        remoteAddress: other,
      });
      codes.push(elsewhere.statusCode);
      const [{ m: after }] = await queryRows<{ m: string }>(w.db, sql`SELECT date_trunc('minute', now())::text AS m`);
      if (before === after) verdict = codes;
    }
    assert.deepEqual(verdict, [201, 201, 201, 429, 201]);
  } finally {
    submitLimits.perIpPerMinute = saved;
  }
});
