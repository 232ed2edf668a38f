// The staff console's route tree: one entry per STAFF_ROUTES path (web/src/routes.ts; the type
// makes a missing or extra page a compile error), each guarded by the roles of its ACCESS entry.
// Pages are lazy chunks; the layout shows a spinner while one loads.
import { lazy } from 'react';
import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import type { Role } from '../../../../shared/roles.ts';
import { ChangePasswordPage } from '../../auth/ChangePasswordPage.tsx';
import { RequireRole } from '../../auth/guards.tsx';
import { STAFF_ROUTES, type StaffRoute } from '../../routes.ts';
import { NotFoundPage } from '../../ui/NotFoundPage.tsx';
import { HomePage } from './HomePage.tsx';
import { ACCESS } from './nav.tsx';
import { StaffShell } from './StaffShell.tsx';

const UnitsPage = lazy(() => import('../../features/organisation/UnitsPage.tsx'));
const LeadersPage = lazy(() => import('../../features/organisation/LeadersPage.tsx'));
const UsersPage = lazy(() => import('../../features/organisation/UsersPage.tsx'));
const TenantSettingsPage = lazy(() => import('../../features/organisation/TenantSettingsPage.tsx'));
const IntegrationsPage = lazy(() => import('../../features/integrations/IntegrationsPage.tsx'));
const SecurityRolesPage = lazy(() => import('../../features/security/SecurityRolesPage.tsx'));
const SecuritySettingsPage = lazy(() => import('../../features/security/SecuritySettingsPage.tsx'));
const PrivacyPage = lazy(() => import('../../features/privacy/PrivacyPage.tsx'));
const AuditPage = lazy(() => import('../../features/audit/AuditPage.tsx'));
const CalendarPage = lazy(() => import('../../features/calendar/CalendarPage.tsx'));
const ChannelLeadsPage = lazy(() => import('../../features/appeals/ChannelLeadsPage.tsx'));
const LulibanPage = lazy(() => import('../../features/appeals/LulibanPage.tsx'));
const EnterpriseListPage = lazy(() => import('../../features/enterprises/EnterpriseListPage.tsx'));
const EnterpriseDetailPage = lazy(() => import('../../features/enterprises/EnterpriseDetailPage.tsx'));
const EnterpriseFormPage = lazy(() => import('../../features/enterprises/EnterpriseFormPage.tsx'));
const EnterpriseImportPage = lazy(() => import('../../features/enterprises/EnterpriseImportPage.tsx'));
const WorkbenchPage = lazy(() => import('../../features/appeals/WorkbenchPage.tsx'));
const IntakePage = lazy(() => import('../../features/appeals/IntakePage.tsx'));
const SearchPage = lazy(() => import('../../features/appeals/SearchPage.tsx'));
const AppealPage = lazy(() => import('../../features/appeals/AppealPage.tsx'));
const AppealPrintPage = lazy(() => import('../../features/appeals/AppealPrintPage.tsx'));
const ProposalsPage = lazy(() => import('../../features/proposals/ProposalsPage.tsx'));
const ProposalPage = lazy(() => import('../../features/proposals/ProposalPage.tsx'));
const LeaderReportPage = lazy(() => import('../../features/escalation/LeaderReportPage.tsx'));
const EscalationListPage = lazy(() => import('../../features/escalation/EscalationListPage.tsx'));
const NotificationsPage = lazy(() => import('../../features/notifications/NotificationsPage.tsx'));
const WebhooksPage = lazy(() => import('../../features/delivery/WebhooksPage.tsx'));
const SmsOutboxPage = lazy(() => import('../../features/delivery/SmsOutboxPage.tsx'));
const PreferencesPage = lazy(() => import('../../features/delivery/PreferencesPage.tsx'));
const EnterpriseAccountsPage = lazy(() => import('../../features/portal-accounts/AccountsPage.tsx'));
const EnterpriseRegistrationsPage = lazy(() => import('../../features/portal-accounts/RegistrationsPage.tsx'));
const DashboardPage = lazy(() => import('../../features/dashboard/DashboardPage.tsx'));
const ReportsPage = lazy(() => import('../../features/reports/ReportsPage.tsx'));
const RoundtablesPage = lazy(() => import('../../features/roundtables/RoundtablesPage.tsx'));
const RoundtablePage = lazy(() => import('../../features/roundtables/RoundtablePage.tsx'));
const ResearchListPage = lazy(() => import('../../features/research/ResearchListPage.tsx'));
const ResearchTaskPage = lazy(() => import('../../features/research/ResearchTaskPage.tsx'));
const PoliciesPage = lazy(() => import('../../features/policies/PoliciesPage.tsx'));
const PolicyPage = lazy(() => import('../../features/policies/PolicyPage.tsx'));
const KnowledgeListPage = lazy(() => import('../../features/knowledge/KnowledgeListPage.tsx'));
const KnowledgePage = lazy(() => import('../../features/knowledge/KnowledgePage.tsx'));
const KnowledgeEditPage = lazy(() => import('../../features/knowledge/KnowledgeEditPage.tsx'));
const ContactPointsPage = lazy(() => import('../../features/contacts/ContactPointsPage.tsx'));
const SelectionBoardPage = lazy(() => import('../../features/contacts/SelectionBoardPage.tsx'));
const ContactPointPage = lazy(() => import('../../features/contacts/ContactPointPage.tsx'));
const YearPage = lazy(() => import('../../features/contacts/YearPage.tsx'));
const VisitFormPage = lazy(() => import('../../features/contacts/VisitFormPage.tsx'));
const FieldRecordPage = lazy(() => import('../../features/contacts/FieldRecordPage.tsx'));
const SurveysPage = lazy(() => import('../../features/oversight/SurveysPage.tsx'));
const SupervisionPage = lazy(() => import('../../features/oversight/SupervisionPage.tsx'));
const AssessmentPage = lazy(() => import('../../features/oversight/AssessmentPage.tsx'));

/** A page and the roles that may open it (none: every signed-in staff member). */
type Page = { roles?: readonly Role[]; page: ReactNode };

const PAGES: Record<StaffRoute, Page> = {
  home: { page: <HomePage /> },
  password: { page: <ChangePasswordPage /> },
  notifications: { page: <NotificationsPage /> },
  webhooks: { roles: ACCESS.webhooks, page: <WebhooksPage /> },
  smsOutbox: { roles: ACCESS.smsOutbox, page: <SmsOutboxPage /> },
  notificationPreferences: { page: <PreferencesPage /> },
  units: { roles: ACCESS.units, page: <UnitsPage /> },
  leaders: { roles: ACCESS.leaders, page: <LeadersPage /> },
  users: { roles: ACCESS.users, page: <UsersPage /> },
  tenantSettings: { roles: ACCESS.tenantSettings, page: <TenantSettingsPage /> },
  integrations: { roles: ACCESS.integrations, page: <IntegrationsPage /> },
  securityRoles: { roles: ACCESS.securityRoles, page: <SecurityRolesPage /> },
  securitySettings: { roles: ACCESS.securitySettings, page: <SecuritySettingsPage /> },
  privacy: { roles: ACCESS.privacy, page: <PrivacyPage /> },
  audit: { roles: ACCESS.audit, page: <AuditPage /> },
  calendar: { roles: ACCESS.calendar, page: <CalendarPage /> },
  enterprises: { roles: ACCESS.enterprises, page: <EnterpriseListPage /> },
  enterpriseNew: { roles: ACCESS.enterpriseEdit, page: <EnterpriseFormPage /> },
  enterpriseImport: { roles: ACCESS.enterpriseImport, page: <EnterpriseImportPage /> },
  enterpriseImportJob: { roles: ACCESS.enterpriseImport, page: <EnterpriseImportPage /> },
  enterprise: { roles: ACCESS.enterprises, page: <EnterpriseDetailPage /> },
  enterpriseEdit: { roles: ACCESS.enterpriseEdit, page: <EnterpriseFormPage /> },
  appeals: { roles: ACCESS.appeals, page: <WorkbenchPage /> },
  appealIntake: { roles: ACCESS.appealIntake, page: <IntakePage /> },
  appealSearch: { roles: ACCESS.appeals, page: <SearchPage /> },
  leaderReports: { roles: ACCESS.leaderReports, page: <LeaderReportPage /> },
  escalationList: { roles: ACCESS.escalationList, page: <EscalationListPage /> },
  proposals: { roles: ACCESS.proposals, page: <ProposalsPage /> },
  proposal: { roles: ACCESS.proposals, page: <ProposalPage /> },
  channelLeads: { roles: ACCESS.channelLeads, page: <ChannelLeadsPage /> },
  luliban: { roles: ACCESS.luliban, page: <LulibanPage /> },
  appeal: { roles: ACCESS.appeals, page: <AppealPage /> },
  appealPrint: { roles: ACCESS.appeals, page: <AppealPrintPage /> },
  enterpriseAccounts: { roles: ACCESS.enterpriseAccounts, page: <EnterpriseAccountsPage /> },
  enterpriseRegistrations: { roles: ACCESS.enterpriseAccounts, page: <EnterpriseRegistrationsPage /> },
  contactPoints: { roles: ACCESS.contacts, page: <ContactPointsPage /> },
  contactBoard: { roles: ACCESS.contactBoard, page: <SelectionBoardPage /> },
  contactYear: { roles: ACCESS.contacts, page: <YearPage /> },
  visitNew: { roles: ACCESS.visitNew, page: <VisitFormPage /> },
  fieldRecord: { roles: ACCESS.contacts, page: <FieldRecordPage /> },
  contactPoint: { roles: ACCESS.contacts, page: <ContactPointPage /> },
  dashboard: { roles: ACCESS.dashboard, page: <DashboardPage /> },
  reports: { roles: ACCESS.reports, page: <ReportsPage /> },
  roundtables: { roles: ACCESS.roundtables, page: <RoundtablesPage /> },
  roundtable: { roles: ACCESS.roundtables, page: <RoundtablePage /> },
  research: { roles: ACCESS.research, page: <ResearchListPage /> },
  researchTask: { roles: ACCESS.research, page: <ResearchTaskPage /> },
  policies: { roles: ACCESS.research, page: <PoliciesPage /> },
  policy: { roles: ACCESS.research, page: <PolicyPage /> },
  knowledge: { roles: ACCESS.knowledge, page: <KnowledgeListPage /> },
  knowledgeNew: { roles: ACCESS.knowledgeWrite, page: <KnowledgeEditPage /> },
  knowledgeArticle: { roles: ACCESS.knowledge, page: <KnowledgePage /> },
  knowledgeEdit: { roles: ACCESS.knowledgeWrite, page: <KnowledgeEditPage /> },
  surveys: { roles: ACCESS.surveys, page: <SurveysPage /> },
  supervision: { roles: ACCESS.supervision, page: <SupervisionPage /> },
  assessment: { roles: ACCESS.assessment, page: <AssessmentPage /> },
};

const guarded = ({ roles, page }: Page) => (roles ? <RequireRole roles={roles}>{page}</RequireRole> : page);

/** Every console address under the staff shell; anything else under it is the console's 未找到 page. */
export const staffRoutes: RouteObject = {
  element: <StaffShell />,
  children: [
    ...(Object.keys(PAGES) as StaffRoute[]).map((key) => ({ path: STAFF_ROUTES[key], element: guarded(PAGES[key]) })),
    { path: '*', element: <NotFoundPage /> },
  ],
};
