// The privacy module's public surface (issue 21): personal information requests are served over
// HTTP only (privacy.routes.ts); other code needs just the name masking rule.
export { maskName } from './privacy.service.ts';
