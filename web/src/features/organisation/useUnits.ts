import { useMemo } from 'react';
import { listUnits } from './api.ts';
import { useFetch } from '../../ui/useFetch.ts';

/**
 * All units of the caller's tenant (active only unless includeArchived), plus select options.
 * `optional`: the list only feeds a filter, so a 403 is ignored (options stay empty).
 */
export function useUnits(includeArchived = false, optional = false) {
  const state = useFetch((signal) => listUnits(includeArchived, signal).then((r) => r.items), [includeArchived], { quietForbidden: optional });
  const options = useMemo(() => (state.data ?? []).filter((u) => !u.archived).map((u) => ({ value: u.id, label: u.name })), [state.data]);
  return { ...state, units: state.data ?? [], options };
}
