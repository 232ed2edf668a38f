// Progress lines on stderr while the generator loads: rows done, rate, ETA. Quiet when `silent`.
export type Progress = { tick(done: number): void; end(done: number): void };

export function progress(label: string, total: number, silent = false): Progress {
  const t0 = performance.now();
  let last = t0;
  const line = (done: number, final: boolean) => {
    const secs = (performance.now() - t0) / 1000;
    const rate = secs > 0 ? done / secs : 0;
    const eta = rate > 0 && !final ? ` · 剩余约 ${Math.ceil((total - done) / rate)} s` : '';
    const pct = total ? ` (${Math.floor((done / total) * 100)}%)` : '';
    process.stderr.write(
      `  ${label}: ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}${pct} · ${Math.round(rate).toLocaleString('en-US')} 行/秒 · ${secs.toFixed(1)} s${eta}\n`,
    );
  };
  return {
    tick(done) {
      if (silent) return;
      const now = performance.now();
      if (now - last < 2000) return;
      last = now;
      line(done, false);
    },
    end(done) {
      if (!silent) line(done, true);
    },
  };
}
