// The users module's public surface: accounts (staff and enterprise) for the modules that open,
// find or notify them, and the 三权分立 role rules for the CLI. The users table is read and written
// only through these (and by auth for the account's own credentials).
export { maskMobile, roleProblems } from './users.service.ts';
export { activeAccountsByIds, activeStaffOfUnits, getUser, insertUser, usernameTaken, type AccountReach, type UserRow } from './users.repository.ts';
export {
  accountsOfEnterprise,
  activeEnterpriseAccountIds,
  enterpriseAccountIds,
  enterpriseAccountOwner,
  getEnterpriseAccount,
  listEnterpriseAccounts,
  updateEnterpriseAccount,
  type EnterpriseAccountRow,
} from './enterprise-accounts.repository.ts';
export { accountsByMobile, staffAccount, type AccountHolding } from './users.privacy.ts';
