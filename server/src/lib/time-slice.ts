// Issue 20: CPU work over many items (jieba over the texts of a day's appeals: a hot-words roll-up run,
// the live hot-topic counts of a dashboard) gives the event loop back every few milliseconds, so the
// requests that arrive meanwhile are answered between slices instead of waiting for the whole loop
// (up to a second at 1M appeals). The total CPU is the same.

/** Milliseconds of work between two yields. */
export const SLICE_MS = 5;

/**
 * A pause to await once per item: resolves at once while the current slice lasts, and after
 * `sliceMs` lets pending I/O callbacks run (setImmediate) before the loop goes on.
 */
export function timeSlicer(sliceMs = SLICE_MS): () => Promise<void> | undefined {
  let start = performance.now();
  return () => {
    if (performance.now() - start < sliceMs) return undefined;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        start = performance.now();
        resolve();
      }),
    );
  };
}
