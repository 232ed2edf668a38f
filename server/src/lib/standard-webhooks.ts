// Standard Webhooks signing (https://www.standardwebhooks.com, spec v1) through the spec's own library,
// `standardwebhooks` (its Webhook class signs; receivers and our tests verify with its `verify`).
//
//   webhook-id:        msg_…  (the same on every retry of one message)
//   webhook-timestamp: integer seconds since the epoch
//   webhook-signature: space-separated "v1,<base64 HMAC-SHA256>", one per active secret (old and new
//                      during a rotation's 24 h overlap). The library signs with one secret per Webhook
//                      instance, so each secret signs and the signatures are joined with a space, as the
//                      spec says; the library's `verify` accepts any one of them.
// A secret is "whsec_" + base64 of the key bytes.
import crypto from 'node:crypto';
import { Webhook } from 'standardwebhooks';

const PREFIX = 'whsec_';

/** A new secret: whsec_ + 24 random bytes in base64 (192 bits, the spec's 24–64 byte range). */
export const newWebhookSecret = () => PREFIX + crypto.randomBytes(24).toString('base64');

/** One "v1,<base64>" signature (timestamp in seconds since the epoch). */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  return new Webhook(secret).sign(id, new Date(timestamp * 1000), body);
}

/** The three headers of one attempt, signed with every given secret. */
export function webhookHeaders(secrets: readonly string[], id: string, timestamp: number, body: string): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((s) => signWebhook(s, id, timestamp, body)).join(' '),
  };
}
