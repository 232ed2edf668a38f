// Every drizzle table, one import for the database client and drizzle-kit (`npm run db:generate`
// reads this file and generates the migrations into server/drizzle/; hand-written SQL such as
// triggers lives in custom migrations there too). This file only re-exports: the tables live in
// schema-core.ts (organisation and platform) and schema-<feature>.ts, which import each other
// directly — never this file, or the schema would be an import cycle.
export * from './schema-core.ts';
export * from './schema-calendar.ts';
export * from './schema-enterprises.ts';
export * from './schema-appeals.ts';
export * from './schema-jobs.ts';
export * from './schema-escalation.ts';
export * from './schema-portal.ts';
export * from './schema-messages.ts';
export * from './schema-links.ts';
export * from './schema-figures.ts';
export * from './schema-reports.ts';
export * from './schema-roundtables.ts';
export * from './schema-research.ts';
export * from './schema-policies.ts';
export * from './schema-audit-archive.ts';
export * from './schema-contacts.ts';
export * from './schema-surveys.ts';
export * from './schema-supervision.ts';
export * from './schema-proposals.ts';
export * from './schema-delivery.ts';
export * from './schema-appeal-rules.ts';
export * from './schema-integrations.ts';
export * from './schema-knowledge.ts';
