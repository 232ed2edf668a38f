// An address under /portal that is no page of the portal.
import { useNavigate } from 'react-router';
import { Button, Result } from 'antd';
import { PORTAL_ROUTES } from '../../routes.ts';
import { PortalCard, PortalPage } from './PortalPage.tsx';

export default function PortalNotFoundPage() {
  const navigate = useNavigate();
  return (
    <PortalPage title="页面不存在">
      <PortalCard>
        <Result
          status="404"
          title="页面不存在"
          subTitle="您访问的页面不存在或已被移除。"
          extra={
            <Button type="primary" onClick={() => navigate(PORTAL_ROUTES.appeals)}>
              返回我的诉求
            </Button>
          }
        />
      </PortalCard>
    </PortalPage>
  );
}
