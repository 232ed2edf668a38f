// The enterprise portal's route tree: one entry per PORTAL_ROUTES path (web/src/routes.ts; the type
// makes a missing or extra page a compile error). Every page is the enterprise's own; the server
// answers another enterprise's appeal like a missing one.
import { lazy } from 'react';
import type { ReactNode } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import { PORTAL_ROUTES, type PortalRoute } from '../../routes.ts';
import { PortalShell } from './PortalShell.tsx';

const MyAppealsPage = lazy(() => import('../../features/portal/MyAppealsPage.tsx'));
const PortalSubmitPage = lazy(() => import('../../features/portal/PortalSubmitPage.tsx'));
const PortalAppealPage = lazy(() => import('../../features/portal/PortalAppealPage.tsx'));
const PortalNotificationsPage = lazy(() => import('../../features/portal/PortalNotificationsPage.tsx'));
const PortalMePage = lazy(() => import('../../features/portal/PortalMePage.tsx'));
const PortalPasswordPage = lazy(() => import('../../features/portal/PortalPasswordPage.tsx'));
const PortalPreferencesPage = lazy(() => import('../../features/delivery/PortalPreferencesPage.tsx'));
const PortalMeetingsPage = lazy(() => import('../../features/roundtables/PortalMeetingsPage.tsx'));
const PortalConsultationsPage = lazy(() => import('../../features/policies/PortalConsultationsPage.tsx'));
const PortalNotFoundPage = lazy(() => import('../../features/portal/PortalNotFoundPage.tsx'));

const PAGES: Record<PortalRoute, ReactNode> = {
  home: <Navigate to={PORTAL_ROUTES.appeals} replace />,
  appeals: <MyAppealsPage />,
  submit: <PortalSubmitPage />,
  appeal: <PortalAppealPage />,
  notifications: <PortalNotificationsPage />,
  me: <PortalMePage />,
  password: <PortalPasswordPage />,
  notificationPreferences: <PortalPreferencesPage />,
  meetings: <PortalMeetingsPage />,
  consultations: <PortalConsultationsPage />,
};

/** Every portal address; anything else under /portal is the portal's 未找到 page. */
export const portalRoutes: RouteObject = {
  element: <PortalShell />,
  children: [
    ...(Object.keys(PAGES) as PortalRoute[]).map((key) => ({ path: PORTAL_ROUTES[key], element: PAGES[key] })),
    { path: `${PORTAL_ROUTES.home}/*`, element: <PortalNotFoundPage /> },
  ],
};
