// Child process of test/faults/webhooks.test.ts: one webhook worker that claims the due deliveries and
// sends them (the receiver never answers), to be killed with SIGKILL mid-send. The receiver is on
// loopback: private networks are allowed explicitly (WEBHOOK_ALLOW_PRIVATE_NETWORKS' default refuses).
import { openDatabase } from '../../server/src/db/client.ts';
import { deliverDueWebhooks } from '../../server/src/modules/webhooks/index.ts';

const database = await openDatabase({ databaseUrl: process.argv[2], poolMax: 2 });
process.stdout.write('claiming\n');
await deliverDueWebhooks(database.db, new Date(), { instance: 'doomed-worker', timeoutMs: 120_000, leaseSeconds: 5, allowPrivateNetworks: true });
