// The policies module's public surface (R2.5): nothing is used by other capabilities yet; its routes
// call the service. (Kept so that other code has one place to import from when it needs a draft.)
export { owner as policyDraftOwner } from './policies.service.ts';
