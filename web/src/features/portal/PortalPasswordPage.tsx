// 修改密码 in the enterprise portal: the staff page's form in the portal's frame (also the forced
// change of an initial password, when the tab bar is hidden and there is no way back).
import type { ReactNode } from 'react';
import { ChangePasswordPage } from '../../auth/ChangePasswordPage.tsx';
import { useMe } from '../../auth/session.ts';
import { PORTAL_ROUTES } from '../../routes.ts';
import { PortalCard, PortalPage } from './PortalPage.tsx';

export default function PortalPasswordPage() {
  const forced = useMe().mustChangePassword;
  const frame = ({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) => (
    <PortalPage title={title} description={description} back={forced ? undefined : PORTAL_ROUTES.me}>
      <PortalCard>{children}</PortalCard>
    </PortalPage>
  );
  return <ChangePasswordPage frame={frame} />;
}
