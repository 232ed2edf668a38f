// The audit module's public surface. Every change in every module writes its audit row through
// lib/context.ts `audit()` (in the change's transaction), which calls insertAudit (or `auditSql()`, its INSERT for a change written in one statement); CLI commands and
// seed data without a request call insertAudit directly. Reading is the auditor's (audit.routes.ts).
export { auditInsertSql, insertAudit, redact, rowsOfActor, type AuditInput } from './audit.repository.ts';
export { archiveAuditLog, ARCHIVE_TASK, purgeArchived, verifyArchiveFile } from './audit.archive.ts';
