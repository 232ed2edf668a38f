import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { useApiError } from './useApiError.ts';

export interface FetchState<T> {
  data: T | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs `load` on mount and whenever `deps` change (aborting the previous call); errors are shown
 * with the standard API error handler. `reload()` runs it again.
 */
export function useFetch<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[], opts: { quietForbidden?: boolean } = {}): FetchState<T> {
  const { quietForbidden = false } = opts;
  const onError = useApiError();
  const [data, setData] = useState<T>();
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names what reloads the data (deps), tick forces a reload; load is a new closure every render
  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    load(ctrl.signal)
      .then((value) => {
        if (!ctrl.signal.aborted) setData(value);
      })
      .catch((err: unknown) => {
        if (ctrl.signal.aborted) return;
        if (quietForbidden && err instanceof ApiError && err.code === 'FORBIDDEN') return;
        onError(err);
      })
      .finally(() => {
        if (!ctrl.signal.aborted) setLoading(false);
      });
    return () => ctrl.abort();
  }, [...deps, tick, onError, quietForbidden]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, loading, reload };
}
