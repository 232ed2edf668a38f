// The registry's pages under /enterprises (one route in App.tsx, nested routes here).
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { RequireRole } from '../../auth/guards.tsx';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { NotFoundPage } from '../NotFoundPage.tsx';

const List = lazy(() => import('./EnterpriseListPage.tsx'));
const Detail = lazy(() => import('./EnterpriseDetailPage.tsx'));
const Form = lazy(() => import('./EnterpriseFormPage.tsx'));
const Import = lazy(() => import('./EnterpriseImportPage.tsx'));

/** Server policy (enterprises.service.ts): editors and importers; the API refuses the rest anyway. */
const EDITORS = ['intake', 'coordinator', 'unit_head', 'unit_staff'] as const;
const IMPORTERS = ['intake', 'coordinator'] as const;

export default function EnterprisesSection() {
  return (
    <Suspense fallback={<FullPageSpin />}>
      <Routes>
        <Route index element={<List />} />
        <Route path="new" element={<RequireRole roles={EDITORS}><Form /></RequireRole>} />
        <Route path="import" element={<RequireRole roles={IMPORTERS}><Import /></RequireRole>} />
        <Route path="import/:jobId" element={<RequireRole roles={IMPORTERS}><Import /></RequireRole>} />
        <Route path=":id" element={<Detail />} />
        <Route path=":id/edit" element={<RequireRole roles={EDITORS}><Form /></RequireRole>} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Suspense>
  );
}
