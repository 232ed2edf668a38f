// The portal's 会议征集 tab holds two pages: meeting invitations (R5.1) and policy consultations (R2.5).
import { Segmented } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { PORTAL_ROUTES } from '../../routes.ts';

export function ParticipationTabs() {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  return (
    <Segmented
      block
      style={{ margin: '0 12px 12px' }}
      value={pathname.startsWith(PORTAL_ROUTES.consultations) ? PORTAL_ROUTES.consultations : PORTAL_ROUTES.meetings}
      onChange={(v) => navigate(String(v))}
      options={[
        { value: PORTAL_ROUTES.meetings, label: '会议邀请' },
        { value: PORTAL_ROUTES.consultations, label: '意见征集' },
      ]}
    />
  );
}
