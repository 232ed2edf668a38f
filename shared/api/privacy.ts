// Response schemas of /api/privacy (server/src/modules/privacy/privacy.routes.ts, issue 21).
import { z } from 'zod';

/** What a masking request changed, and the appeals kept as records. */
export const PrivacyMaskResultSchema = z.object({ enterprises: z.number(), sms: z.number(), keptAppeals: z.number() });
export type PrivacyMaskResult = z.infer<typeof PrivacyMaskResultSchema>;
