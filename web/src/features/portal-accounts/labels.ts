// Labels of intake's enterprise account pages (企业注册审核, 企业账号).
import type { RegistrationStatus } from '../../../../shared/api/portal-accounts.ts';

export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, string> = { pending: '待审核', approved: '已通过', rejected: '已驳回' };
export const REGISTRATION_STATUS_COLORS: Record<RegistrationStatus, string> = { pending: 'processing', approved: 'success', rejected: 'default' };

/** A freshly issued initial password, shown once. */
export interface IssuedPassword {
  username: string;
  displayName: string;
  password: string;
}
