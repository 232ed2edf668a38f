// The audit module's public surface. Every change in every module writes its audit row through
// lib/context.ts `audit()` (in the change's transaction), which calls insertAudit (or `auditRecord()` and `auditRowsSql()`, the INSERT of changes written in one statement); CLI commands and
// seed data without a request call insertAudit directly. Reading is the auditor's (audit.routes.ts).
export { auditInsertRowsSql, insertAudit, redact, rowsOfActor, type AuditInput } from './audit.repository.ts';
export { archiveAuditLog, ARCHIVE_TASK, purgeArchived, verifyArchiveFile } from './audit.archive.ts';
