// Every menu page of every staff demo role at 1366×768, reached through its menu entry, loads at its
// own address and on reload, with no horizontal overflow, no console error and no axe-core WCAG 2 A/AA
// violation (issue 13, issue 17; pages-lib.ts). The enterprise portal and the pages behind the menus: pages.test.ts. Screenshots:
// artifacts/pages-<role>-<n>.png (the whole page, scrolled to its top).
import { test } from 'node:test';
import { appUnderTest } from './harness.ts';
import { staffMenus } from './pages-lib.ts';

const e2e = appUnderTest();
const STAFF_ROLES = ['sysadmin', 'secadmin', 'auditor', 'intake', 'coordinator', 'leader', 'unit_head', 'unit_staff', 'liaison', 'oversight'];

test('staff, every demo role at 1366×768: every menu page loads at its own address and on reload, with no horizontal overflow, no console error and no accessibility violation', async () => {
  await staffMenus(e2e.browser, e2e.app.base, STAFF_ROLES);
});
