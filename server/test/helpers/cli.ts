// How tests run the `zqt` command line: a process of its own, as an operator runs it.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/**
 * The arguments of `node` for a `zqt` command. `--liftoff-only` keeps V8 from compiling PGlite's
 * largest WebAssembly function again with its optimizing compiler while the command runs: a short
 * process waits for that background job at exit (≈ 1.5 s of CPU and ≈ 300 MB on this machine; a
 * command on a filled data folder 3.4 s → 1.7 s, `migrate` on an empty one 6.4 → 5.5 s). It changes
 * how fast the code runs, never what it does. It is a V8 flag, so it cannot be set from inside the
 * process (V8 freezes its flags at start) nor in NODE_OPTIONS (not allowed there).
 */
export const ZQT = ['--liftoff-only', path.join(ROOT, 'bin/zqt.mjs')];

/** Runs `zqt ARGS` with ENV added to this process's environment; stdout and stderr trimmed. */
export function zqt(args: string[], env: Record<string, string>, timeoutMs = 120_000) {
  const r = spawnSync(process.execPath, [...ZQT, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: timeoutMs });
  return { code: r.status, out: r.stdout.trim(), err: r.stderr.trim() };
}
