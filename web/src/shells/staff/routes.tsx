// The staff console's route tree: one entry per STAFF_ROUTES path (web/src/routes.ts; the type
// makes a missing or extra page a compile error), each guarded by the roles of its ACCESS entry.
// Pages are lazy chunks (ui/lazyPage.tsx: the opened address's page is loaded alongside the session);
// the layout shows a spinner while one loads.
import type { RouteObject } from 'react-router';
import type { Role } from '../../../../shared/roles.ts';
import { ChangePasswordPage } from '../../auth/ChangePasswordPage.tsx';
import { RequireRole } from '../../auth/guards.tsx';
import { STAFF_ROUTES, type StaffRoute } from '../../routes.ts';
import { NotFoundPage } from '../../ui/NotFoundPage.tsx';
import { lazyPage, pageHandle, type PageComponent } from '../../ui/lazyPage.tsx';
import { HomePage } from './HomePage.tsx';
import { ACCESS } from './nav.tsx';
import { StaffShell } from './StaffShell.tsx';

const UnitsPage = lazyPage(() => import('../../features/organisation/UnitsPage.tsx'));
const LeadersPage = lazyPage(() => import('../../features/organisation/LeadersPage.tsx'));
const UsersPage = lazyPage(() => import('../../features/organisation/UsersPage.tsx'));
const TenantSettingsPage = lazyPage(() => import('../../features/organisation/TenantSettingsPage.tsx'));
const IntegrationsPage = lazyPage(() => import('../../features/integrations/IntegrationsPage.tsx'));
const SecurityRolesPage = lazyPage(() => import('../../features/security/SecurityRolesPage.tsx'));
const SecuritySettingsPage = lazyPage(() => import('../../features/security/SecuritySettingsPage.tsx'));
const PrivacyPage = lazyPage(() => import('../../features/privacy/PrivacyPage.tsx'));
const AuditPage = lazyPage(() => import('../../features/audit/AuditPage.tsx'));
const CalendarPage = lazyPage(() => import('../../features/calendar/CalendarPage.tsx'));
const ChannelLeadsPage = lazyPage(() => import('../../features/appeals/ChannelLeadsPage.tsx'));
const LulibanPage = lazyPage(() => import('../../features/appeals/LulibanPage.tsx'));
const EnterpriseListPage = lazyPage(() => import('../../features/enterprises/EnterpriseListPage.tsx'));
const EnterpriseDetailPage = lazyPage(() => import('../../features/enterprises/EnterpriseDetailPage.tsx'));
const EnterpriseFormPage = lazyPage(() => import('../../features/enterprises/EnterpriseFormPage.tsx'));
const EnterpriseImportPage = lazyPage(() => import('../../features/enterprises/EnterpriseImportPage.tsx'));
const WorkbenchPage = lazyPage(() => import('../../features/appeals/WorkbenchPage.tsx'));
const IntakePage = lazyPage(() => import('../../features/appeals/IntakePage.tsx'));
const SearchPage = lazyPage(() => import('../../features/appeals/SearchPage.tsx'));
const AppealPage = lazyPage(() => import('../../features/appeals/AppealPage.tsx'));
const AppealPrintPage = lazyPage(() => import('../../features/appeals/AppealPrintPage.tsx'));
const ProposalsPage = lazyPage(() => import('../../features/proposals/ProposalsPage.tsx'));
const ProposalPage = lazyPage(() => import('../../features/proposals/ProposalPage.tsx'));
const LeaderReportPage = lazyPage(() => import('../../features/escalation/LeaderReportPage.tsx'));
const EscalationListPage = lazyPage(() => import('../../features/escalation/EscalationListPage.tsx'));
const NotificationsPage = lazyPage(() => import('../../features/notifications/NotificationsPage.tsx'));
const WebhooksPage = lazyPage(() => import('../../features/delivery/WebhooksPage.tsx'));
const SmsOutboxPage = lazyPage(() => import('../../features/delivery/SmsOutboxPage.tsx'));
const PreferencesPage = lazyPage(() => import('../../features/delivery/PreferencesPage.tsx'));
const EnterpriseAccountsPage = lazyPage(() => import('../../features/portal-accounts/AccountsPage.tsx'));
const EnterpriseRegistrationsPage = lazyPage(() => import('../../features/portal-accounts/RegistrationsPage.tsx'));
const DashboardPage = lazyPage(() => import('../../features/dashboard/DashboardPage.tsx'));
const ReportsPage = lazyPage(() => import('../../features/reports/ReportsPage.tsx'));
const RoundtablesPage = lazyPage(() => import('../../features/roundtables/RoundtablesPage.tsx'));
const RoundtablePage = lazyPage(() => import('../../features/roundtables/RoundtablePage.tsx'));
const ResearchListPage = lazyPage(() => import('../../features/research/ResearchListPage.tsx'));
const ResearchTaskPage = lazyPage(() => import('../../features/research/ResearchTaskPage.tsx'));
const PoliciesPage = lazyPage(() => import('../../features/policies/PoliciesPage.tsx'));
const PolicyPage = lazyPage(() => import('../../features/policies/PolicyPage.tsx'));
const KnowledgeListPage = lazyPage(() => import('../../features/knowledge/KnowledgeListPage.tsx'));
const KnowledgePage = lazyPage(() => import('../../features/knowledge/KnowledgePage.tsx'));
const KnowledgeEditPage = lazyPage(() => import('../../features/knowledge/KnowledgeEditPage.tsx'));
const ContactPointsPage = lazyPage(() => import('../../features/contacts/ContactPointsPage.tsx'));
const SelectionBoardPage = lazyPage(() => import('../../features/contacts/SelectionBoardPage.tsx'));
const ContactPointPage = lazyPage(() => import('../../features/contacts/ContactPointPage.tsx'));
const YearPage = lazyPage(() => import('../../features/contacts/YearPage.tsx'));
const VisitFormPage = lazyPage(() => import('../../features/contacts/VisitFormPage.tsx'));
const FieldRecordPage = lazyPage(() => import('../../features/contacts/FieldRecordPage.tsx'));
const SurveysPage = lazyPage(() => import('../../features/oversight/SurveysPage.tsx'));
const SupervisionPage = lazyPage(() => import('../../features/oversight/SupervisionPage.tsx'));
const AssessmentPage = lazyPage(() => import('../../features/oversight/AssessmentPage.tsx'));

/** A page and the roles that may open it (none: every signed-in staff member). */
type Page = { roles?: readonly Role[]; page: PageComponent };

const PAGES: Record<StaffRoute, Page> = {
  home: { page: HomePage },
  password: { page: ChangePasswordPage },
  notifications: { page: NotificationsPage },
  webhooks: { roles: ACCESS.webhooks, page: WebhooksPage },
  smsOutbox: { roles: ACCESS.smsOutbox, page: SmsOutboxPage },
  notificationPreferences: { page: PreferencesPage },
  units: { roles: ACCESS.units, page: UnitsPage },
  leaders: { roles: ACCESS.leaders, page: LeadersPage },
  users: { roles: ACCESS.users, page: UsersPage },
  tenantSettings: { roles: ACCESS.tenantSettings, page: TenantSettingsPage },
  integrations: { roles: ACCESS.integrations, page: IntegrationsPage },
  securityRoles: { roles: ACCESS.securityRoles, page: SecurityRolesPage },
  securitySettings: { roles: ACCESS.securitySettings, page: SecuritySettingsPage },
  privacy: { roles: ACCESS.privacy, page: PrivacyPage },
  audit: { roles: ACCESS.audit, page: AuditPage },
  calendar: { roles: ACCESS.calendar, page: CalendarPage },
  enterprises: { roles: ACCESS.enterprises, page: EnterpriseListPage },
  enterpriseNew: { roles: ACCESS.enterpriseEdit, page: EnterpriseFormPage },
  enterpriseImport: { roles: ACCESS.enterpriseImport, page: EnterpriseImportPage },
  enterpriseImportJob: { roles: ACCESS.enterpriseImport, page: EnterpriseImportPage },
  enterprise: { roles: ACCESS.enterprises, page: EnterpriseDetailPage },
  enterpriseEdit: { roles: ACCESS.enterpriseEdit, page: EnterpriseFormPage },
  appeals: { roles: ACCESS.appeals, page: WorkbenchPage },
  appealIntake: { roles: ACCESS.appealIntake, page: IntakePage },
  appealSearch: { roles: ACCESS.appeals, page: SearchPage },
  leaderReports: { roles: ACCESS.leaderReports, page: LeaderReportPage },
  escalationList: { roles: ACCESS.escalationList, page: EscalationListPage },
  proposals: { roles: ACCESS.proposals, page: ProposalsPage },
  proposal: { roles: ACCESS.proposals, page: ProposalPage },
  channelLeads: { roles: ACCESS.channelLeads, page: ChannelLeadsPage },
  luliban: { roles: ACCESS.luliban, page: LulibanPage },
  appeal: { roles: ACCESS.appeals, page: AppealPage },
  appealPrint: { roles: ACCESS.appeals, page: AppealPrintPage },
  enterpriseAccounts: { roles: ACCESS.enterpriseAccounts, page: EnterpriseAccountsPage },
  enterpriseRegistrations: { roles: ACCESS.enterpriseAccounts, page: EnterpriseRegistrationsPage },
  contactPoints: { roles: ACCESS.contacts, page: ContactPointsPage },
  contactBoard: { roles: ACCESS.contactBoard, page: SelectionBoardPage },
  contactYear: { roles: ACCESS.contacts, page: YearPage },
  visitNew: { roles: ACCESS.visitNew, page: VisitFormPage },
  fieldRecord: { roles: ACCESS.contacts, page: FieldRecordPage },
  contactPoint: { roles: ACCESS.contacts, page: ContactPointPage },
  dashboard: { roles: ACCESS.dashboard, page: DashboardPage },
  reports: { roles: ACCESS.reports, page: ReportsPage },
  roundtables: { roles: ACCESS.roundtables, page: RoundtablesPage },
  roundtable: { roles: ACCESS.roundtables, page: RoundtablePage },
  research: { roles: ACCESS.research, page: ResearchListPage },
  researchTask: { roles: ACCESS.research, page: ResearchTaskPage },
  policies: { roles: ACCESS.research, page: PoliciesPage },
  policy: { roles: ACCESS.research, page: PolicyPage },
  knowledge: { roles: ACCESS.knowledge, page: KnowledgeListPage },
  knowledgeNew: { roles: ACCESS.knowledgeWrite, page: KnowledgeEditPage },
  knowledgeArticle: { roles: ACCESS.knowledge, page: KnowledgePage },
  knowledgeEdit: { roles: ACCESS.knowledgeWrite, page: KnowledgeEditPage },
  surveys: { roles: ACCESS.surveys, page: SurveysPage },
  supervision: { roles: ACCESS.supervision, page: SupervisionPage },
  assessment: { roles: ACCESS.assessment, page: AssessmentPage },
};

function guarded({ roles, page: Component }: Page) {
  return roles ? (
    <RequireRole roles={roles}>
      <Component />
    </RequireRole>
  ) : (
    <Component />
  );
}

/** Every console address under the staff shell; anything else under it is the console's 未找到 page. */
export const staffRoutes: RouteObject = {
  element: <StaffShell />,
  children: [
    ...(Object.keys(PAGES) as StaffRoute[]).map((key) => ({ path: STAFF_ROUTES[key], element: guarded(PAGES[key]), handle: pageHandle(PAGES[key].page) })),
    { path: '*', element: <NotFoundPage /> },
  ],
};
