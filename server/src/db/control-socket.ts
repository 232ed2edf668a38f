// The embedded server's local control socket (issue 21). In embedded mode the running server holds
// the data folder (data-dir-lock.ts): no other process may open it, so `zqt backup` asks the server
// to take the backup itself, over a Unix socket (mode 0600: only the account that
// runs the server — which can read the folder anyway — may use it). Nothing here listens on the network.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { backupPglite, BackupError, type BackupManifest } from './backup.ts';

/**
 * A name in the temp folder derived from the data folder's path. Not inside the data folder: its image
 * (PGlite's dumpDataDir) cannot hold a socket, and a folder's path may be too long for one.
 */
export function controlSocketPath(dataDir: string): string {
  const h = crypto.createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
  return path.join(os.tmpdir(), `zqt-${h}.sock`);
}

export type ControlSocket = { path: string; close(): Promise<void> };

/** Started by server.ts in embedded mode: POST /backup {"file": absolute path} → the manifest. */
export async function startControlSocket(client: PGlite, dataDir: string): Promise<ControlSocket> {
  const file = controlSocketPath(dataDir);
  fs.rmSync(file, { force: true }); // a socket left by a crash (the folder's lock says this process owns the folder)
  let busy = false;
  const server = http.createServer(async (req, res) => {
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST' || req.url !== '/backup') return answer(404, { error: 'unknown' });
    let text = '';
    for await (const chunk of req) text += chunk;
    let out: string;
    try {
      out = (JSON.parse(text) as { file: string }).file;
      if (typeof out !== 'string' || !path.isAbsolute(out)) throw new Error();
    } catch {
      return answer(400, { error: '请求格式不正确 (bad request)' });
    }
    if (busy) return answer(409, { error: '另一个备份正在进行 (another backup is running)' });
    busy = true;
    try {
      answer(200, { manifest: await backupPglite(client, out) });
    } catch (err) {
      answer(500, { error: err instanceof Error ? err.message : JSON.stringify(err) });
    } finally {
      busy = false;
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    const old = process.umask(0o177);
    server.listen(file, () => {
      process.umask(old);
      resolve();
    });
  });
  fs.chmodSync(file, 0o600);
  return {
    path: file,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        fs.rmSync(file, { force: true });
      }),
  };
}

/** `zqt backup` while the server holds the folder: asks it over the control socket. */
export function backupThroughServer(dataDir: string, out: string): Promise<BackupManifest> {
  const socketPath = controlSocketPath(dataDir);
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, path: '/backup', method: 'POST', headers: { 'content-type': 'application/json' } }, async (res) => {
      let text = '';
      for await (const chunk of res) text += chunk;
      try {
        const body = JSON.parse(text) as { manifest?: BackupManifest; error?: string };
        if (res.statusCode === 200 && body.manifest) resolve(body.manifest);
        else reject(new BackupError(body.error ?? `HTTP ${res.statusCode}`));
      } catch {
        reject(new BackupError(`运行中的服务返回了无法读取的答复 (unreadable answer from the server): ${text.slice(0, 200)}`));
      }
    });
    req.on('error', (err) =>
      reject(new BackupError(`无法连接运行中的服务的控制套接字 ${socketPath}（${err.message}）(cannot reach the running server's control socket)`)),
    );
    req.end(JSON.stringify({ file: path.resolve(out) }));
  });
}
