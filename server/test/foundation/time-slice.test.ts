// Issue 20: a loop of CPU work (jieba over a day's appeal texts in the hot-words roll-up and the live
// hot-topic counts) gives the event loop back between slices, so a request that arrives meanwhile is
// answered before the loop ends instead of after it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SLICE_MS, timeSlicer } from '../../src/lib/time-slice.ts';

/** Keeps the CPU busy for `ms` (one item of work). */
const work = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

/** 40 items of 2 ms with or without the slicer; when the timer set at the start fired, in items done. */
async function firedAfter(slice: boolean) {
  let done = 0;
  let firedAt = -1;
  setTimeout(() => {
    firedAt = done;
  }, 0);
  const pause = timeSlicer();
  for (let i = 0; i < 40; i++) {
    work(2);
    done++;
    if (slice) await pause();
  }
  await new Promise((r) => setTimeout(r, 5));
  return firedAt;
}

test('issue 20: a sliced loop lets a waiting callback run within a slice or two; an unsliced one only at its end', async () => {
  assert.equal(await firedAfter(false), 40);
  const at = await firedAfter(true);
  assert.ok(at > 0 && at <= Math.ceil((2 * SLICE_MS) / 2) + 1, `the timer fired after ${at} of 40 items`);
});

test('issue 20: within a slice the pause costs nothing (no promise to wait for)', () => {
  const pause = timeSlicer(1_000);
  for (let i = 0; i < 1_000; i++) assert.equal(pause(), undefined);
});
