// 政策知识库 (capability 8, R6.1): the workflow table walked exhaustively, the HTTP workflow with its
// audit rows and versions, validity (hidden from suggestions past valid_to; the unit told once), Chinese
// search, a reply saved as a draft in one step, and another tenant's articles never suggested.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { KNOWLEDGE_ACTIONS, KNOWLEDGE_STATES } from '../../../shared/knowledge.ts';
import { queryRows } from '../../src/db/client.ts';
import { PARTIES, TRANSITIONS, allowedActions, checkTransition, isExpired, partiesOf, type Party } from '../../src/domain/knowledge/transitions.ts';
import { loadKnowledgeDemo, matchingAnswers, notifyExpired } from '../../src/modules/knowledge/index.ts';
import { createEnterprise } from '../enterprises/fixtures.ts';
import { createTenant, createUnit, createUser } from '../helpers/factory.ts';
import { appealIn, call, world, type World } from '../appeals/helpers.ts';

test('R6.1 knowledge workflow table: every state × action × party combination', () => {
  const subsets: Party[][] = [[], ['author'], ['head'], ['author', 'head']];
  let n = 0;
  for (const from of KNOWLEDGE_STATES) {
    for (const action of KNOWLEDGE_ACTIONS) {
      const row = TRANSITIONS.find((t) => t.from === from && t.action === action);
      for (const parties of subsets) {
        n++;
        const c = checkTransition(from, action, parties);
        if (!row) {
          assert.equal(c.ok, false);
          assert.equal(!c.ok && c.reason, 'state');
        } else if (parties.some((p) => row.by.includes(p))) {
          assert.deepEqual(c, { ok: true, to: row.to === 'same' ? from : row.to });
          assert.ok(allowedActions(from, parties).includes(action));
        } else {
          assert.equal(!c.ok && c.reason, 'party');
          assert.ok(!allowedActions(from, parties).includes(action));
        }
      }
    }
  }
  assert.equal(n, KNOWLEDGE_STATES.length * KNOWLEDGE_ACTIONS.length * subsets.length);
  // Only the unit head publishes; staff of another unit are no party.
  assert.deepEqual(TRANSITIONS.find((t) => t.action === 'approve')?.by, ['head']);
  assert.deepEqual(partiesOf({ roles: ['unit_staff'], unitId: 'u1' }, { unitId: 'u2' }), []);
  assert.deepEqual(partiesOf({ roles: ['unit_head'], unitId: 'u1' }, { unitId: 'u1' }), ['author', 'head']);
  assert.deepEqual(PARTIES, ['author', 'head']);
  assert.equal(isExpired('2026-01-01', '2026-01-02'), true);
  assert.equal(isExpired('2026-01-02', '2026-01-02'), false);
  assert.equal(isExpired(null, '2099-01-01'), false);
});

const ARTICLE = {
  question: '危险化学品经营许可证有效期届满如何申请延续？',
  answer: '经营许可证有效期为3年。有效期届满需要继续从事经营活动的，应当在届满3个月前向原发证机关提出延续申请，提交延续申请书和相关材料。',
  citations: [
    { docNo: '国家安全生产监督管理总局令第55号', title: '危险化学品经营许可证管理办法', issuer: '国家安全生产监督管理总局', date: '2012-07-17', url: null },
  ],
  sectors: ['hazchem'],
  categories: ['licensing'],
  validFrom: '2026-01-01',
  validTo: null,
};

async function published(w: World, over: Record<string, unknown> = {}) {
  const res = await call(w.app, w.users.leadStaff, { method: 'POST', url: '/api/knowledge', payload: { ...ARTICLE, unitId: w.lead.id, ...over } });
  assert.equal(res.statusCode, 201, res.body);
  let a = res.json();
  for (const [who, action] of [
    [w.users.leadStaff, 'submit'],
    [w.users.leadHead, 'approve'],
  ] as const) {
    const r = await call(w.app, who, { method: 'POST', url: `/api/knowledge/${a.id}/${action}`, payload: { version: a.version } });
    assert.equal(r.statusCode, 200, r.body);
    a = r.json();
  }
  return a;
}

test('R6.1 article workflow over HTTP: draft → review by the unit head → published; versions kept; audited; 409 on a stale version', async () => {
  const w = await world();
  const created = await call(w.app, w.users.leadStaff, { method: 'POST', url: '/api/knowledge', payload: { ...ARTICLE, unitId: w.lead.id } });
  assert.equal(created.statusCode, 201, created.body);
  const a = created.json();
  assert.equal(a.state, 'draft');
  assert.deepEqual(a.allowedActions.sort(), ['edit', 'submit']);
  // Another unit's staff may not write for this unit.
  const foreign = await call(w.app, w.users.otherStaff, { method: 'POST', url: '/api/knowledge', payload: { ...ARTICLE, unitId: w.lead.id } });
  assert.equal(foreign.statusCode, 403);
  const edited = await call(w.app, w.users.leadStaff, {
    method: 'PUT',
    url: `/api/knowledge/${a.id}`,
    payload: { ...ARTICLE, unitId: w.lead.id, answer: `${ARTICLE.answer}（修改）`, version: a.version },
  });
  assert.equal(edited.statusCode, 200, edited.body);
  assert.equal(edited.json().revision, 2);
  assert.equal(edited.json().versions.length, 2);
  const stale = await call(w.app, w.users.leadStaff, {
    method: 'PUT',
    url: `/api/knowledge/${a.id}`,
    payload: { ...ARTICLE, unitId: w.lead.id, version: a.version },
  });
  assert.equal(stale.statusCode, 409);
  const sub = await call(w.app, w.users.leadStaff, { method: 'POST', url: `/api/knowledge/${a.id}/submit`, payload: { version: edited.json().version } });
  assert.equal(sub.statusCode, 200, sub.body);
  // Staff cannot approve; the head can.
  const staffApprove = await call(w.app, w.users.leadStaff, {
    method: 'POST',
    url: `/api/knowledge/${a.id}/approve`,
    payload: { version: sub.json().version },
  });
  assert.equal(staffApprove.statusCode, 403);
  const rejectNoReason = await call(w.app, w.users.leadHead, {
    method: 'POST',
    url: `/api/knowledge/${a.id}/reject`,
    payload: { version: sub.json().version },
  });
  assert.equal(rejectNoReason.statusCode, 400);
  const pub = await call(w.app, w.users.leadHead, { method: 'POST', url: `/api/knowledge/${a.id}/approve`, payload: { version: sub.json().version } });
  assert.equal(pub.statusCode, 200, pub.body);
  assert.equal(pub.json().state, 'published');
  assert.equal(pub.json().publishedRevision, 2);
  const audits = await queryRows<{ action: string }>(w.db, sql`SELECT action FROM audit_log WHERE entity = 'knowledge' AND entity_id = ${a.id} ORDER BY id`);
  assert.deepEqual(
    audits.map((r) => r.action),
    ['knowledge.create', 'knowledge.edit', 'knowledge.submit', 'knowledge.approve'],
  );
  // Searchable in Chinese: a word of the answer finds it.
  const found = await call(w.app, w.users.intake, { method: 'GET', url: `/api/knowledge?q=${encodeURIComponent('延续申请')}` });
  assert.equal(found.statusCode, 200, found.body);
  assert.deepEqual(
    found.json().items.map((i: { id: string }) => i.id),
    [a.id],
  );
  const none = await call(w.app, w.users.intake, { method: 'GET', url: `/api/knowledge?q=${encodeURIComponent('烟花爆竹')}` });
  assert.equal(none.json().total, 0);
});

test('R6.1 suggestions: a published valid answer appears at intake and on the portal; expired, draft and another tenant’s never; the unit told once', async () => {
  const w = await world();
  const a = await published(w);
  const draft = await call(w.app, w.users.leadStaff, {
    method: 'POST',
    url: '/api/knowledge',
    payload: { ...ARTICLE, unitId: w.lead.id, question: '草稿：危险化学品经营许可证延续' },
  });
  assert.equal(draft.statusCode, 201);
  // The city's identical published article.
  const cityHead = await createUser(w.db, w.city.id, { roles: ['unit_head'], unitId: w.cityUnit.id, scope: 'unit' });
  const cityArticle = await call(w.app, cityHead, { method: 'POST', url: '/api/knowledge', payload: { ...ARTICLE, unitId: w.cityUnit.id } });
  assert.equal(cityArticle.statusCode, 201, cityArticle.body);
  let cv = cityArticle.json().version;
  for (const action of ['submit', 'approve']) {
    const r = await call(w.app, cityHead, { method: 'POST', url: `/api/knowledge/${cityArticle.json().id}/${action}`, payload: { version: cv } });
    assert.equal(r.statusCode, 200, r.body);
    cv = r.json().version;
  }

  const typed = { title: '危化品经营许可证到期延续', content: '我公司危险化学品经营许可证即将到期，咨询延续申请的材料和时间。' };
  const panel = await call(w.app, w.users.intake, { method: 'POST', url: '/api/assistance/suggestions', payload: typed });
  assert.equal(panel.statusCode, 200, panel.body);
  assert.deepEqual(
    panel.json().answers.map((x: { id: string }) => x.id),
    [a.id],
  );
  const ent = await createEnterprise(w.db, w.province.id, {});
  const account = await createUser(w.db, w.province.id, { roles: ['enterprise'], scope: 'unit', enterpriseId: ent.id });
  const portal = await call(w.app, account, { method: 'POST', url: '/api/portal/knowledge-answers', payload: typed });
  assert.equal(portal.statusCode, 200, portal.body);
  assert.deepEqual(
    portal.json().answers.map((x: { id: string }) => x.id),
    [a.id],
  );
  // Each tenant sees only its own published article.
  const cityPanel = await call(w.app, w.cityIntake, { method: 'POST', url: '/api/assistance/suggestions', payload: typed });
  assert.deepEqual(
    cityPanel.json().answers.map((x: { id: string }) => x.id),
    [cityArticle.json().id],
  );

  // Past its validity: hidden, and the unit is told once by the task.
  await w.db.execute(sql`UPDATE knowledge_articles SET valid_to = '2026-01-02' WHERE id = ${a.id}`);
  const after = await call(w.app, w.users.intake, { method: 'POST', url: '/api/assistance/suggestions', payload: typed });
  assert.equal(after.json().answers.length, 0);
  const now = new Date();
  await notifyExpired(w.db, now, { tenantIds: [w.province.id] });
  await notifyExpired(w.db, now, { tenantIds: [w.province.id] });
  const notes = await queryRows<{ n: number }>(
    w.db,
    sql`SELECT count(*)::int AS n FROM notifications WHERE unit_id = ${w.lead.id} AND type = 'knowledge_expired'`,
  );
  assert.equal(notes[0]!.n, 1);
  const view = await call(w.app, w.users.leadStaff, { method: 'GET', url: `/api/knowledge/${a.id}` });
  assert.equal(view.json().expired, true);
});

test('R6.1 a reply to an appeal is saved as a draft article of the unit in one step', async () => {
  const w = await world();
  const id = await appealIn(w, 'closed');
  const res = await call(w.app, w.users.leadStaff, { method: 'POST', url: '/api/knowledge/from-appeal', payload: { appealId: id } });
  assert.equal(res.statusCode, 201, res.body);
  const a = res.json();
  assert.equal(a.state, 'draft');
  assert.equal(a.unitId, w.lead.id);
  assert.equal(a.answer, '已当场答复');
  assert.equal(a.sourceAppealId, id);
  // Another tenant's appeal id: not found.
  const cityAppeal = await call(w.app, w.cityIntake, {
    method: 'POST',
    url: '/api/appeals',
    payload: {
      enterpriseName: '外市企业',
      contactName: '李',
      contactPhone: '13900000000',
      channel: 'hotline',
      category: 'licensing',
      title: '咨询',
      content: '内容',
      answerOnSpot: '答复',
    },
  });
  const foreign = await call(w.app, w.users.leadStaff, { method: 'POST', url: '/api/knowledge/from-appeal', payload: { appealId: cityAppeal.json().id } });
  assert.equal(foreign.statusCode, 404);
});

test('R6.1 demo articles: 40+ on the three sectors, most published, the expired one never suggested', async () => {
  const w = await world();
  const t = await createTenant(w.db);
  for (const name of [
    '危险化学品安全监督管理处',
    '非煤矿山安全监督管理处',
    '安全生产基础处',
    '救援预案处',
    '政策法规处（行政许可处）',
    '安全生产执法局',
    '调查评估统计处',
    '省安全技术服务中心',
  ])
    await createUnit(w.db, t.id, { name });
  const n = await loadKnowledgeDemo(w.db, t.id);
  assert.ok(n >= 40, `${n} articles`);
  const states = await queryRows<{ state: string; n: number }>(
    w.db,
    sql`SELECT state, count(*)::int AS n FROM knowledge_articles WHERE tenant_id = ${t.id} GROUP BY state ORDER BY state`,
  );
  assert.ok(states.find((s) => s.state === 'published')!.n >= 35);
  const answers = await matchingAnswers(w.db, t.id, '危化品经营许可证快到期了', '咨询危险化学品经营许可证延续申请需要提前多久');
  assert.match(answers[0]!.question, /经营许可证有效期届满/);
  const expired = await matchingAnswers(w.db, t.id, '春节后复工复产安全准备', '节后复工前企业要做哪些安全检查和复工教育');
  assert.ok(!expired.some((a) => a.question.includes('春节后复工')), 'past its validity: not suggested');
});

const BOUNDARY = '----zqt-knowledge';
const multipart = (name: string, type: string, content: string | Buffer) =>
  Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
    Buffer.from(content),
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
const upload = (w: World, who: World['users'][keyof World['users']], id: string, body: Buffer) =>
  call(w.app, who, {
    method: 'POST',
    url: `/api/knowledge/${id}/files`,
    payload: body,
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  });

test('#19 R6.1 article files: the author uploads the cited document while drafting (checked like appeal attachments), readers download it byte for byte, a published article’s files change only through a revision; audited; at most 10', async () => {
  const w = await world();
  const created = await call(w.app, w.users.leadStaff, { method: 'POST', url: '/api/knowledge', payload: { ...ARTICLE, unitId: w.lead.id } });
  const a = created.json();
  assert.equal(a.filesRefusal, null);
  assert.deepEqual(a.files, []);

  const text = '危险化学品经营许可证管理办法（全文）\n第一条 ……';
  const up = await upload(w, w.users.leadStaff, a.id, multipart('经营许可证管理办法.txt', 'text/plain', text));
  assert.equal(up.statusCode, 201, up.body);
  const file = up.json().files[0];
  assert.equal(file.name, '经营许可证管理办法.txt');
  assert.equal(file.size, Buffer.byteLength(text));

  // A fake PNG is refused with the appeals' check; another unit's staff may not upload; nothing added.
  assert.equal((await upload(w, w.users.leadStaff, a.id, multipart('a.png', 'image/png', 'not a png'))).statusCode, 415);
  assert.equal((await upload(w, w.users.otherStaff, a.id, multipart('b.txt', 'text/plain', 'x'))).statusCode, 403);

  // Readers (intake) download it byte for byte; another tenant gets 404.
  const dl = await call(w.app, w.users.intake, { method: 'GET', url: `/api/knowledge/${a.id}/files/${file.id}` });
  assert.equal(dl.statusCode, 200, dl.body);
  assert.equal(dl.rawPayload.toString('utf8'), text);
  const outsider = await createUser(w.db, (await createTenant(w.db)).id, { roles: ['intake'], scope: 'tenant' });
  assert.equal((await call(w.app, outsider, { method: 'GET', url: `/api/knowledge/${a.id}/files/${file.id}` })).statusCode, 404);

  // Submitted for review: the files are frozen with the text.
  const sub = await call(w.app, w.users.leadStaff, { method: 'POST', url: `/api/knowledge/${a.id}/submit`, payload: { version: a.version } });
  assert.equal(sub.statusCode, 200, sub.body);
  assert.match(sub.json().filesRefusal, /撤回或修订/);
  assert.equal((await upload(w, w.users.leadStaff, a.id, multipart('c.txt', 'text/plain', 'x'))).statusCode, 409);
  assert.equal((await call(w.app, w.users.leadStaff, { method: 'DELETE', url: `/api/knowledge/${a.id}/files/${file.id}` })).statusCode, 409);
  const pub = await call(w.app, w.users.leadHead, { method: 'POST', url: `/api/knowledge/${a.id}/approve`, payload: { version: sub.json().version } });
  assert.equal(pub.statusCode, 200, pub.body);
  const rev = await call(w.app, w.users.leadStaff, { method: 'POST', url: `/api/knowledge/${a.id}/revise`, payload: { version: pub.json().version } });
  assert.equal(rev.statusCode, 200, rev.body);
  assert.equal(rev.json().filesRefusal, null, 'a revision may change the files');

  const removed = await call(w.app, w.users.leadStaff, { method: 'DELETE', url: `/api/knowledge/${a.id}/files/${file.id}` });
  assert.equal(removed.statusCode, 200, removed.body);
  assert.deepEqual(removed.json().files, []);
  assert.equal((await call(w.app, w.users.intake, { method: 'GET', url: `/api/knowledge/${a.id}/files/${file.id}` })).statusCode, 404);
  const [kept] = await queryRows<{ n: number }>(
    w.db,
    sql`SELECT count(*)::int AS n FROM knowledge_article_files WHERE id = ${file.id} AND removed_at IS NOT NULL`,
  );
  assert.equal(kept.n, 1, 'a removed file is kept, not deleted');
  const audits = await queryRows<{ action: string }>(
    w.db,
    sql`SELECT action FROM audit_log WHERE entity_id = ${a.id} AND action LIKE 'knowledge.file%' ORDER BY at`,
  );
  assert.deepEqual(
    audits.map((r) => r.action),
    ['knowledge.file_add', 'knowledge.file_remove'],
  );

  for (let i = 0; i < 10; i++) assert.equal((await upload(w, w.users.leadStaff, a.id, multipart(`f${i}.txt`, 'text/plain', `${i}`))).statusCode, 201);
  const eleventh = await upload(w, w.users.leadStaff, a.id, multipart('f10.txt', 'text/plain', '10'));
  assert.equal(eleventh.statusCode, 400, eleventh.body);
  assert.ok(eleventh.json().error.fields.file);
});
