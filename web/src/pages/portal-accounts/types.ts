// Enterprise accounts and registration requests as the intake pages see them
// (server/src/modules/portal/portal.accounts.routes.ts).

export type RegistrationStatus = 'pending' | 'approved' | 'rejected';

export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, string> = { pending: '待审核', approved: '已通过', rejected: '已驳回' };
export const REGISTRATION_STATUS_COLORS: Record<RegistrationStatus, string> = { pending: 'processing', approved: 'success', rejected: 'default' };

export interface Registration {
  id: string;
  uscc: string;
  enterpriseName: string;
  contactName: string;
  mobile: string;
  username: string;
  status: RegistrationStatus;
  rejectReason: string | null;
  enterpriseId: string | null;
  userId: string | null;
  decidedAt: string | null;
  createdAt: string;
  version: number;
}

export interface RegistryMatch {
  id: string;
  name: string;
  uscc: string;
  archived: boolean;
  status: string;
  regionCode: string;
  regionName: string;
  address: string | null;
  supervisingUnitName: string | null;
  nameMatches: boolean;
}

export interface RegistrationDetail {
  registration: Registration;
  registry: RegistryMatch | null;
  existingAccounts: { id: string; username: string; displayName: string; disabled: boolean }[];
  usernameTaken: boolean;
  samePendingUsername: number;
}

export interface EnterpriseAccount {
  id: string;
  username: string;
  displayName: string;
  mobile: string | null;
  disabled: boolean;
  lockedUntil: string | null;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  enterpriseId: string;
  enterpriseName: string;
  uscc: string;
  version: number;
}

export interface IssuedPassword {
  username: string;
  displayName: string;
  password: string;
}
