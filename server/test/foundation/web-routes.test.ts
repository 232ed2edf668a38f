// The web app is served at every one of its addresses: `/` and each client route of both shells
// (web/src/routes.ts) answer 200 with index.html, on first load and on reload, so the client router
// takes over; files of the build are served as files; /api/* never answers the web app (unknown API
// paths stay JSON 404). `/` once answered 400 "提交的数据有误" (a directory of the build refused by
// the static file server, its 403 turned into a 400): these tests keep it fixed. The app is built
// on a web build of the test's own (buildApp's webDist), so they do not depend on `npm run build`.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { testDatabase } from '../helpers/db.ts';
import { ALL_ROUTES, PORTAL_ROUTES, PUBLIC_ROUTES, STAFF_ROUTES, toPath } from '../../../web/src/routes.ts';

const INDEX = '<!doctype html><html lang="zh-CN"><head><title>政企通</title></head><body><div id="root"></div></body></html>\n';
const SCRIPT = 'console.log("zqt");\n';
const ID = '3f0c2a59-8f1e-4c33-9a51-0b6f4a1d2e77';

let dist: string;
let app: FastifyInstance;

async function appOn(webDist: string) {
  const config = loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: process.env.DATABASE_URL ?? '' });
  const a = await buildApp({ config, database: await testDatabase(), webDist });
  await a.ready();
  return a;
}

// In a describe so that its hooks hold for this file's tests only: files share a process (scripts/test.ts).
describe('web routes', () => {
  before(async () => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'zqt-web-'));
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'index.html'), INDEX);
    fs.writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), SCRIPT);
    // Copies like those the build writes beside its files (web/vite.config.ts precompress); the shell here has
    // only a gzip copy, to check that a browser accepting Brotli too gets the gzip one rather than nothing.
    fs.writeFileSync(path.join(dist, 'assets', 'index-abc123.js.br'), zlib.brotliCompressSync(SCRIPT));
    fs.writeFileSync(path.join(dist, 'assets', 'index-abc123.js.gz'), zlib.gzipSync(SCRIPT));
    fs.writeFileSync(path.join(dist, 'index.html.gz'), zlib.gzipSync(INDEX));
    fs.writeFileSync(path.join(dist, '.env'), 'SECRET=1\n');
    app = await appOn(dist);
  });

  after(async () => {
    await app?.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  const get = (url: string, method: 'GET' | 'HEAD' = 'GET') => app.inject({ method, url });

  function assertIndex(r: Awaited<ReturnType<typeof get>>, url: string) {
    assert.equal(r.statusCode, 200, `${url} → ${r.statusCode} ${r.body.slice(0, 200)}`);
    assert.match(String(r.headers['content-type']), /^text\/html/, url);
    assert.equal(r.body, INDEX, url);
  }

  test('GET / answers 200 with index.html (it once answered 400 JSON), also with a query string and as HEAD', async () => {
    assertIndex(await get('/'), '/');
    assertIndex(await get('/?from=%2Fappeals'), '/?from=…');
    const head = await get('/', 'HEAD');
    assert.equal(head.statusCode, 200);
    assert.match(String(head.headers['content-type']), /^text\/html/);
    // The shell is never cached, so a new build is picked up on reload.
    assert.equal((await get('/')).headers['cache-control'], 'no-cache');
  });

  test('every client route of the staff console, the enterprise portal and the public pages answers 200 with index.html', async () => {
    assert.ok(Object.keys(STAFF_ROUTES).length >= 20 && Object.keys(PORTAL_ROUTES).length >= 5 && Object.keys(PUBLIC_ROUTES).length >= 4);
    for (const pattern of ALL_ROUTES) {
      const url = toPath(pattern, { id: ID, jobId: ID, token: 'A'.repeat(43) });
      assertIndex(await get(url), url);
      // A reload with a trailing slash or a query string is the same page.
      if (url !== '/') assertIndex(await get(`${url}/`), `${url}/`);
      assertIndex(await get(`${url}?page=2`), `${url}?page=2`);
    }
  });

  test('an unknown page answers index.html too (the shells show their own 未找到 page)', async () => {
    for (const url of ['/no-such-page', '/portal/no-such-page', '/appeals/not-an-id/extra', '/%E4%B8%AD%E6%96%87']) assertIndex(await get(url), url);
  });

  test('files of the build are served as files; directories and dot-files of the build are not, and nothing outside it is', async () => {
    const js = await get('/assets/index-abc123.js');
    assert.equal(js.statusCode, 200);
    assert.match(String(js.headers['content-type']), /javascript/);
    assert.equal(js.body, SCRIPT);
    // Named by its content's hash (Vite): kept by the browser for good, not revalidated on each page load.
    assert.equal(js.headers['cache-control'], 'public, max-age=31536000, immutable');
    assertIndex(await get('/index.html'), '/index.html');
    // A directory of the build: the app, not a 403/400.
    assertIndex(await get('/assets'), '/assets');
    assertIndex(await get('/assets/'), '/assets/');
    // Hidden files and paths that climb out of the build get the app, never their content.
    for (const url of ['/.env', '/assets/../.env', '/..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/package.json']) {
      const r = await get(url);
      assert.ok(r.statusCode === 200 || r.statusCode === 404, `${url} → ${r.statusCode}`);
      assert.ok(!r.body.includes('SECRET') && !r.body.includes('"name": "zhengqitong"'), `${url} leaks a file`);
    }
  });

  test("a browser that accepts Brotli or gzip gets the build's compressed copy, any other the file itself; the shell likewise, still never cached", async () => {
    const js = (encoding?: string) => app.inject({ method: 'GET', url: '/assets/index-abc123.js', headers: encoding ? { 'accept-encoding': encoding } : {} });
    const br = await js('gzip, deflate, br');
    assert.equal(br.statusCode, 200);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.match(String(br.headers['content-type']), /javascript/);
    assert.match(String(br.headers.vary), /accept-encoding/i);
    assert.equal(br.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(zlib.brotliDecompressSync(br.rawPayload).toString(), SCRIPT);
    const gz = await js('gzip');
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(zlib.gunzipSync(gz.rawPayload).toString(), SCRIPT);
    for (const plain of [await js(), await js('identity'), await js('deflate')]) {
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.equal(plain.body, SCRIPT);
    }
    // The shell: no Brotli copy, so a browser accepting both gets gzip; a page address answers it too.
    for (const url of ['/', '/appeals']) {
      const page = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br, gzip' } });
      assert.equal(page.statusCode, 200, url);
      assert.equal(page.headers['content-encoding'], 'gzip', url);
      assert.match(String(page.headers['content-type']), /^text\/html/, url);
      assert.equal(page.headers['cache-control'], 'no-cache', url);
      assert.equal(zlib.gunzipSync(page.rawPayload).toString(), INDEX, url);
    }
  });

  test('/api paths never answer the web app: unknown ones are JSON 404 NOT_FOUND, other methods on pages are JSON 404', async () => {
    for (const url of ['/api/nope', '/api/', '/api', '/api?x=1', '/api/appeals/x/y/z']) {
      const r = await get(url);
      assert.equal(r.statusCode, 404, url);
      assert.match(String(r.headers['content-type']), /^application\/json/, url);
      assert.equal(r.json().error.code, 'NOT_FOUND', url);
      assert.equal(r.json().error.message, '接口不存在', url);
    }
    const post = await app.inject({ method: 'POST', url: '/appeals', payload: {} });
    assert.equal(post.statusCode, 404);
    assert.equal(post.json().error.code, 'NOT_FOUND');
    // The API docs keep their own pages.
    assert.ok([200, 302].includes((await get('/api/docs')).statusCode));
  });

  test('without a web build the pages answer JSON 404 (never a 500), and the API works', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'zqt-noweb-'));
    const bare = await appOn(empty);
    try {
      const r = await bare.inject({ method: 'GET', url: '/' });
      assert.equal(r.statusCode, 404);
      assert.equal(r.json().error.message, '页面不存在');
      assert.equal((await bare.inject({ method: 'GET', url: '/api/auth/session' })).statusCode, 200);
    } finally {
      await bare.close();
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
