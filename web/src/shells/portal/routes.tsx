// The enterprise portal's route tree: one entry per PORTAL_ROUTES path (web/src/routes.ts; the type
// makes a missing or extra page a compile error). Every page is the enterprise's own; the server
// answers another enterprise's appeal like a missing one.
import { Navigate, type RouteObject } from 'react-router';
import { PORTAL_ROUTES, type PortalRoute } from '../../routes.ts';
import { PortalShell } from './PortalShell.tsx';
import { lazyPage, pageHandle, type PageComponent } from '../../ui/lazyPage.tsx';

const MyAppealsPage = lazyPage(() => import('../../features/portal/MyAppealsPage.tsx'));
const PortalSubmitPage = lazyPage(() => import('../../features/portal/PortalSubmitPage.tsx'));
const PortalAppealPage = lazyPage(() => import('../../features/portal/PortalAppealPage.tsx'));
const PortalNotificationsPage = lazyPage(() => import('../../features/portal/PortalNotificationsPage.tsx'));
const PortalMePage = lazyPage(() => import('../../features/portal/PortalMePage.tsx'));
const PortalPasswordPage = lazyPage(() => import('../../features/portal/PortalPasswordPage.tsx'));
const PortalPreferencesPage = lazyPage(() => import('../../features/delivery/PortalPreferencesPage.tsx'));
const PortalMeetingsPage = lazyPage(() => import('../../features/roundtables/PortalMeetingsPage.tsx'));
const PortalConsultationsPage = lazyPage(() => import('../../features/policies/PortalConsultationsPage.tsx'));
const PortalNotFoundPage = lazyPage(() => import('../../features/portal/PortalNotFoundPage.tsx'));

/** /portal itself: the enterprise's appeals. */
function PortalHome() {
  return <Navigate to={PORTAL_ROUTES.appeals} replace />;
}

const PAGES: Record<PortalRoute, PageComponent> = {
  home: PortalHome,
  appeals: MyAppealsPage,
  submit: PortalSubmitPage,
  appeal: PortalAppealPage,
  notifications: PortalNotificationsPage,
  me: PortalMePage,
  password: PortalPasswordPage,
  notificationPreferences: PortalPreferencesPage,
  meetings: PortalMeetingsPage,
  consultations: PortalConsultationsPage,
};

/** Every portal address; anything else under /portal is the portal's 未找到 page. */
export const portalRoutes: RouteObject = {
  element: <PortalShell />,
  children: [
    ...(Object.keys(PAGES) as PortalRoute[]).map((key) => {
      const Page = PAGES[key];
      return { path: PORTAL_ROUTES[key], element: <Page />, handle: pageHandle(Page) };
    }),
    { path: `${PORTAL_ROUTES.home}/*`, element: <PortalNotFoundPage />, handle: pageHandle(PortalNotFoundPage) },
  ],
};
