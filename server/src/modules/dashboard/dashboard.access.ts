// Who opens the dashboard (issue 16): leaders (their portfolio), unit heads (their unit), and the
// tenant-wide roles — 办公室 and the complaint centre (intake), 政策法规处 (coordinator), 机关党委 (oversight).
import type { Role } from '../../../../shared/roles.ts';

export const DASHBOARD_ROLES = ['leader', 'unit_head', 'coordinator', 'intake', 'oversight'] as const satisfies readonly Role[];
