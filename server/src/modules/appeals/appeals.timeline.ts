// An event another module writes on an appeal's timeline (escalation: an agenda item proposed,
// decided, an executive-meeting item recorded…). appeal_events is append-only; the appeal row is not
// changed, so its state and version stay as they are.
import type { Tx } from '../../db/client.ts';
import type { AnyActor } from '../../lib/context.ts';
import { actorEvent } from './appeals.common.ts';
import { appealClock } from './appeals.env.ts';
import { insertEvents } from './appeals.repository.ts';

export async function recordTimelineEvent(
  tx: Tx,
  actor: AnyActor,
  appeal: { id: string; tenantId: string; state: string },
  type: string,
  payload: Record<string, unknown>,
) {
  await insertEvents(tx, [
    {
      ...actorEvent(actor),
      tenantId: appeal.tenantId,
      appealId: appeal.id,
      type,
      at: appealClock.now(),
      stateBefore: appeal.state,
      stateAfter: appeal.state,
      payload,
    },
  ]);
}
