// The route trees: the public pages (no session, outside both shells), the enterprise portal
// (/portal/…, shells/portal/routes.tsx) and the staff console (/…, shells/staff/routes.tsx).
// Every address is listed in routes.ts; the server answers index.html at each.
import { Suspense } from 'react';
import type { ReactNode } from 'react';
import { type RouteObject, useRoutes } from 'react-router';
import { LoginPage } from './auth/LoginPage.tsx';
import { PUBLIC_ROUTES, type PublicRoute } from './routes.ts';
import { portalRoutes } from './shells/portal/routes.tsx';
import { staffRoutes } from './shells/staff/routes.tsx';
import { FullPageSpin } from './ui/FullPageSpin.tsx';
import { lazyPage, pageHandle, type PageComponent, preloadRoutes } from './ui/lazyPage.tsx';

const PortalLoginPage = lazyPage(() => import('./features/portal/PortalLoginPage.tsx'));
const PortalRegisterPage = lazyPage(() => import('./features/portal/PortalRegisterPage.tsx'));
// Issue 7: the public page behind the signed evaluation link.
const EvaluateLinkPage = lazyPage(() => import('./features/public/EvaluateLinkPage.tsx'));
// R7.3: the public page behind the survey link.
const SurveyLinkPage = lazyPage(() => import('./features/public/SurveyLinkPage.tsx'));

const PUBLIC_PAGES: Record<PublicRoute, PageComponent> = {
  login: LoginPage,
  portalLogin: PortalLoginPage,
  portalRegister: PortalRegisterPage,
  evaluationLink: EvaluateLinkPage,
  surveyLink: SurveyLinkPage,
};

/** A public page outside both shells: a spinner while its chunk loads, if it was not loaded beforehand. */
function publicPage(Page: PageComponent): ReactNode {
  return (
    <Suspense fallback={<FullPageSpin />}>
      <Page />
    </Suspense>
  );
}

const ROUTES: RouteObject[] = [
  ...(Object.keys(PUBLIC_PAGES) as PublicRoute[]).map((key) => ({
    path: PUBLIC_ROUTES[key],
    element: publicPage(PUBLIC_PAGES[key]),
    handle: pageHandle(PUBLIC_PAGES[key]),
  })),
  portalRoutes,
  staffRoutes,
];

/** Loads the page(s) the app would draw at `pathname` (main.tsx: the opened address's, alongside the session). */
export function preloadPage(pathname: string): Promise<void> {
  return preloadRoutes(ROUTES, pathname);
}

export function App() {
  return useRoutes(ROUTES);
}
