// Colours of the roundtable vocabularies (labels in shared/roundtables.ts).
import type { ItemDisposition, RoundtableState } from '../../../../shared/roundtables.ts';

export const STATE_COLORS: Record<RoundtableState, string> = {
  collecting: 'blue',
  prepared: 'cyan',
  in_session: 'orange',
  following_up: 'purple',
  closed: 'green',
  cancelled: 'default',
};
export const DISPOSITION_COLORS: Record<ItemDisposition, string> = { pending: 'orange', answered: 'green', appeal: 'blue' };
