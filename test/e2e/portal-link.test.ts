// Browser test of the evaluation without logging in (issue 7) at a phone viewport (390×844): the
// demo enterprise account submits an appeal on the portal; staff take it to the reply through the
// API (intake dispatches, the unit accepts, contacts, gives its opinion and result, replies); the
// background task issues the signed link, which reaches the enterprise's in-app notifications (and
// the SMS outbox). The link is opened in a browser context with NO session: opening it records
// nothing; 满意 is submitted; the thank-you page shows; opening the link again shows 已使用; a forged
// link shows 链接无效. Screenshots: artifacts/portal-link-*.png.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { apiCall, appUnderTest, DEMO_PASSWORD, login, PHONE, screenshot, watchedPage } from './harness.ts';

const e2e = appUnderTest();
const TITLE = '危化品仓库改造后重新申请经营许可的材料咨询';

/** An appeal action through the API with the current version. */
async function act(page: Page, id: string, action: string, body: Record<string, unknown> = {}) {
  const { json: a } = await apiCall(page, 'GET', `/api/appeals/${id}`);
  const r = await apiCall(page, 'POST', `/api/appeals/${id}/${action}`, { version: a.version, ...body });
  assert.equal(r.status, 200, `${action}: ${JSON.stringify(r.json)}`);
}

test('evaluation link on a phone: portal submit → staff reply → link from the notice → no-session page records nothing → 满意 → thank-you → 已使用', async () => {
  // 1. The demo enterprise submits on the portal.
  const ent = await watchedPage(e2e.browser, 'enterprise', PHONE);
  await ent.page.goto(`${e2e.app.base}/login`);
  const signedIn = await apiCall(ent.page, 'POST', '/api/auth/login', { username: 'enterprise', password: DEMO_PASSWORD });
  assert.equal(signedIn.status, 200, JSON.stringify(signedIn.json));
  await ent.page.goto(`${e2e.app.base}/portal/appeals/new`);
  await ent.page.getByLabel('诉求类别').click();
  await ent.page.locator('.ant-select-item-option').first().click();
  await ent.page.keyboard.press('Escape');
  await ent.page.getByLabel('标题').fill(TITLE);
  await ent.page.getByLabel('诉求内容').fill('仓库改造完成后需重新申请危险化学品经营许可证，咨询需要提交哪些材料。');
  await ent.page.getByLabel('联系人').fill('刘志强');
  await ent.page.getByLabel('联系电话').fill('13905310001');
  await ent.page.getByRole('button', { name: /提\s*交/ }).click();
  await ent.page.waitForURL(/\/portal\/appeals\/[0-9a-f-]{36}$/);
  const appealId = ent.page.url().split('/').at(-1)!;

  // 2. Staff take it to the reply quickly through the API.
  const intake = await watchedPage(e2e.browser, 'intake');
  await login(intake.page, e2e.app.base, 'intake');
  const units = await apiCall(intake.page, 'GET', '/api/units');
  const unitList = units.json.items as { id: string; name: string }[];
  const hazchem = unitList.find((u) => u.name === '危险化学品安全监督管理处');
  assert.ok(hazchem, 'demo unit 危化处');
  await act(intake.page, appealId, 'dispatch', { leadUnitId: hazchem.id });
  const staff = await watchedPage(e2e.browser, 'unit_staff');
  await login(staff.page, e2e.app.base, 'unit_staff');
  await act(staff.page, appealId, 'accept');
  await act(staff.page, appealId, 'contact', { method: 'phone', withWhom: '刘志强', note: '电话联系企业，说明重新申请流程。' });
  await act(staff.page, appealId, 'opinion', { text: '属于变更后重新申请，需提交改造验收材料。' });
  await act(staff.page, appealId, 'result', { kind: 'solved', text: '已将材料清单发给企业。' });
  await act(staff.page, appealId, 'reply', { text: '您好，重新申请需提交：\n1. 申请书；\n2. 改造验收意见；\n3. 安全评价报告。<b>请按清单准备</b>' });

  // 3. The link reaches the enterprise's in-app notifications (background task, every 5 s).
  let link: string | null = null;
  for (let i = 0; i < 40 && !link; i++) {
    const notes = await apiCall(ent.page, 'GET', '/api/notifications?pageSize=50');
    const note = (notes.json.items as { type: string; appealId: string; body: string }[]).find((n) => n.type === 'evaluation_link' && n.appealId === appealId);
    link = note ? (/(https?:\/\/\S+?\/e\/[A-Za-z0-9_-]{43})/.exec(note.body)?.[1] ?? null) : null;
    if (!link) await ent.page.waitForTimeout(1000);
  }
  assert.ok(link, 'the reply notice carries the evaluation link');
  assert.ok(link.startsWith(`${e2e.app.base}/e/`), `absolute link on PUBLIC_URL (default http://127.0.0.1:PORT): ${link}`);
  // The notice with its raw long link, on the phone: it wraps, the page never gets wider than the screen.
  await ent.page.goto(`${e2e.app.base}/portal/notifications`);
  await ent.page.getByTestId('notification-item').filter({ hasText: '/e/' }).first().waitFor();
  const width = await ent.page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  assert.ok(width.scrollWidth <= width.innerWidth, `the notices page is ${width.scrollWidth}px wide on a ${width.innerWidth}px phone`);
  await screenshot(ent.page, 'portal-link-notice');

  // What opening the link must not change (the issue step is already audited at this point).
  const auditor = await watchedPage(e2e.browser, 'auditor');
  await login(auditor.page, e2e.app.base, 'auditor');
  const recorded = async () => {
    const { json: a } = await apiCall(intake.page, 'GET', `/api/appeals/${appealId}`);
    const { json: audit } = await apiCall(auditor.page, 'GET', `/api/audit?entityId=${appealId}&pageSize=100`);
    return { state: a.state, version: a.version, events: a.events.length, audit: audit.total };
  };
  const before = await recorded();
  assert.equal(before.state, 'replied');

  // 4. A person with no session opens the link on a phone.
  const anon = await watchedPage(e2e.browser, 'link', PHONE);
  await anon.page.goto(link);
  await anon.page.getByTestId('reply-text').waitFor();
  assert.ok((await anon.page.getByTestId('reply-text').innerText()).includes('<b>请按清单准备</b>'), 'the reply is shown as text');
  await anon.page.getByText(TITLE).waitFor();
  await screenshot(anon.page, 'portal-link-open');
  await anon.page.reload();
  await anon.page.getByTestId('reply-text').waitFor();
  assert.deepEqual(await recorded(), before, 'opening the link (twice) recorded nothing');
  const session = await apiCall(anon.page, 'GET', '/api/auth/session');
  assert.equal(session.json.user, null, 'no session in the link context');

  // 5. 满意 → thank-you.
  await anon.page.getByText('满意', { exact: true }).click();
  await anon.page.getByLabel('评价意见').fill('答复清楚，谢谢！');
  await screenshot(anon.page, 'portal-link-filled');
  await anon.page.getByRole('button', { name: '提交评价' }).click();
  await anon.page.getByTestId('thank-you').getByText('感谢您的评价').waitFor();
  await screenshot(anon.page, 'portal-link-thanks');
  const after = await apiCall(intake.page, 'GET', `/api/appeals/${appealId}`);
  assert.equal(after.json.state, 'closed');
  assert.equal(after.json.evaluation, 'satisfied');
  assert.equal(after.json.events.find((e: { type: string }) => e.type === 'evaluate').payload.source, 'link');

  // 6. The link again: 已使用. A forged one: 链接无效 (its 404 is the expected answer).
  await anon.page.goto(link);
  await anon.page.getByTestId('link-state-used').getByText('此评价链接已使用').waitFor();
  await screenshot(anon.page, 'portal-link-used');
  const forged = await watchedPage(e2e.browser, 'forged', PHONE);
  await forged.page.goto(`${e2e.app.base}/e/${'x'.repeat(43)}`);
  await forged.page.getByTestId('link-state-invalid').getByText('评价链接无效').waitFor();
  await screenshot(forged.page, 'portal-link-invalid');
  assert.deepEqual(
    forged.problems.filter((p) => !/HTTP GET \/api\/public\/evaluations\/x+ 404/.test(p) && !/404 \(Not Found\)/.test(p)),
    [],
  );

  assert.deepEqual([...ent.problems, ...intake.problems, ...staff.problems, ...auditor.problems, ...anon.problems], []);
});
