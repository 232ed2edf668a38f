-- 三权分立 (issue 12): the three admin roles hold no unit, so no admin account receives a unit's
-- business notices. Existing admin accounts (e.g. the demo city sysadmins) lose their unit.
UPDATE "users" SET "unit_id" = NULL WHERE "roles" && ARRAY['sysadmin', 'secadmin', 'auditor']::text[] AND "unit_id" IS NOT NULL;
