// Every address the web app answers, by shell: the staff console at /…, the enterprise portal at
// /portal/…, and the public pages outside both. The route trees (shells/staff/routes.tsx,
// shells/portal/routes.tsx, App.tsx) declare one <Route> per entry, checked by the type system, and
// the tests walk these lists: the server answers index.html at each (server/test/foundation/web-routes.test.ts),
// and the browser test reloads each menu page of each demo role (test/e2e/pages.test.ts).
// Plain data with no imports, so node runs it in the tests as it is.

/** Public pages: no session needed, outside both shells. */
export const PUBLIC_ROUTES = {
  login: '/login',
  portalLogin: '/portal/login',
  portalRegister: '/portal/register',
  /** The signed evaluation link sent by SMS (issue 7). */
  evaluationLink: '/e/:token',
  /** The signed single-use link of the annual satisfaction survey (R7.3). */
  surveyLink: '/s/:token',
} as const;

/** The staff console (icon rail, header, home page). */
export const STAFF_ROUTES = {
  home: '/',
  password: '/account/password',
  notifications: '/notifications',
  units: '/admin/units',
  leaders: '/admin/leaders',
  users: '/admin/users',
  tenantSettings: '/admin/tenant-settings',
  integrations: '/integrations/clients',
  securityRoles: '/security/roles',
  securitySettings: '/security/settings',
  privacy: '/security/privacy',
  audit: '/audit',
  calendar: '/calendar',
  enterprises: '/enterprises',
  enterpriseNew: '/enterprises/new',
  enterpriseImport: '/enterprises/import',
  enterpriseImportJob: '/enterprises/import/:jobId',
  enterprise: '/enterprises/:id',
  enterpriseEdit: '/enterprises/:id/edit',
  appeals: '/appeals',
  appealIntake: '/appeals/new',
  appealSearch: '/appeals/search',
  leaderReports: '/appeals/leader-reports',
  escalationList: '/appeals/escalation',
  proposals: '/appeals/proposals',
  proposal: '/appeals/proposals/:id',
  channelLeads: '/appeals/channel-leads',
  luliban: '/appeals/luliban',
  appeal: '/appeals/:id',
  appealPrint: '/appeals/:id/print',
  enterpriseAccounts: '/enterprise-accounts',
  enterpriseRegistrations: '/enterprise-accounts/registrations',
  contactPoints: '/contacts',
  contactBoard: '/contacts/board',
  contactYear: '/contacts/year',
  visitNew: '/contacts/records/new',
  fieldRecord: '/contacts/records/:id',
  contactPoint: '/contacts/:id',
  dashboard: '/dashboard',
  reports: '/reports',
  roundtables: '/roundtables',
  roundtable: '/roundtables/:id',
  research: '/research',
  researchTask: '/research/:id',
  policies: '/policies',
  policy: '/policies/:id',
  knowledge: '/knowledge',
  knowledgeNew: '/knowledge/new',
  knowledgeArticle: '/knowledge/:id',
  knowledgeEdit: '/knowledge/:id/edit',
  surveys: '/oversight/surveys',
  supervision: '/oversight/supervision',
  assessment: '/oversight/assessment',
  // Issue 18: events out, the SMS outbox, the user's own notification channels.
  webhooks: '/integrations/webhooks',
  smsOutbox: '/integrations/sms-outbox',
  notificationPreferences: '/account/notifications',
} as const;

/** The enterprise portal (phone layout, bottom tab bar). */
export const PORTAL_ROUTES = {
  home: '/portal',
  appeals: '/portal/appeals',
  submit: '/portal/appeals/new',
  appeal: '/portal/appeals/:id',
  notifications: '/portal/notifications',
  me: '/portal/me',
  password: '/portal/me/password',
  notificationPreferences: '/portal/me/notifications',
  meetings: '/portal/meetings',
  consultations: '/portal/consultations',
} as const;

export type PublicRoute = keyof typeof PUBLIC_ROUTES;
export type StaffRoute = keyof typeof STAFF_ROUTES;
export type PortalRoute = keyof typeof PORTAL_ROUTES;

/** A route pattern with its parameters filled in: `toPath('/appeals/:id', { id })`. */
export function toPath(pattern: string, params: Record<string, string> = {}): string {
  return pattern.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`toPath: missing :${name} for ${pattern}`);
    return encodeURIComponent(value);
  });
}

/** Every client route pattern (the shells' catch-all pages aside). */
export const ALL_ROUTES: readonly string[] = [...Object.values(PUBLIC_ROUTES), ...Object.values(STAFF_ROUTES), ...Object.values(PORTAL_ROUTES)];
