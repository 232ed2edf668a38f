// The route trees: the public pages (no session, outside both shells), the enterprise portal
// (/portal/…, shells/portal/routes.tsx) and the staff console (/…, shells/staff/routes.tsx).
// Every address is listed in routes.ts; the server answers index.html at each.
import { lazy, Suspense } from 'react';
import type { ReactNode } from 'react';
import { useRoutes } from 'react-router';
import { LoginPage } from './auth/LoginPage.tsx';
import { PUBLIC_ROUTES, type PublicRoute } from './routes.ts';
import { portalRoutes } from './shells/portal/routes.tsx';
import { staffRoutes } from './shells/staff/routes.tsx';
import { FullPageSpin } from './ui/FullPageSpin.tsx';

const PortalLoginPage = lazy(() => import('./features/portal/PortalLoginPage.tsx'));
const PortalRegisterPage = lazy(() => import('./features/portal/PortalRegisterPage.tsx'));
// Issue 7: the public page behind the signed evaluation link.
const EvaluateLinkPage = lazy(() => import('./features/public/EvaluateLinkPage.tsx'));
// R7.3: the public page behind the survey link.
const SurveyLinkPage = lazy(() => import('./features/public/SurveyLinkPage.tsx'));

const lazyPage = (page: ReactNode) => <Suspense fallback={<FullPageSpin />}>{page}</Suspense>;

const PUBLIC_PAGES: Record<PublicRoute, ReactNode> = {
  login: <LoginPage />,
  portalLogin: lazyPage(<PortalLoginPage />),
  portalRegister: lazyPage(<PortalRegisterPage />),
  evaluationLink: lazyPage(<EvaluateLinkPage />),
  surveyLink: lazyPage(<SurveyLinkPage />),
};

export function App() {
  return useRoutes([
    ...(Object.keys(PUBLIC_PAGES) as PublicRoute[]).map((key) => ({ path: PUBLIC_ROUTES[key], element: PUBLIC_PAGES[key] })),
    portalRoutes,
    staffRoutes,
  ]);
}
