import { useNavigate } from 'react-router';
import { Avatar, Dropdown, Flex, Layout, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { DownOutlined, KeyOutlined, LogoutOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useMe, useSession } from '../../auth/session.ts';
import { NotificationBell } from '../../features/notifications/NotificationBell.tsx';
import { PUBLIC_ROUTES, STAFF_ROUTES } from '../../routes.ts';

export const HEADER_BG = '#1f4e9c';

export function StaffHeader() {
  const me = useMe();
  const { logout } = useSession();
  const navigate = useNavigate();

  const menu: MenuProps = {
    items: [{ key: 'password', icon: <KeyOutlined />, label: '修改密码' }, { type: 'divider' }, { key: 'logout', icon: <LogoutOutlined />, label: '退出登录' }],
    onClick: ({ key }) => {
      if (key === 'password') navigate(STAFF_ROUTES.password);
      if (key === 'logout') void logout().then(() => navigate(PUBLIC_ROUTES.login, { replace: true }));
    },
  };

  return (
    <Layout.Header
      style={{
        background: HEADER_BG,
        paddingInline: 24,
        display: 'flex',
        alignItems: 'center',
        gap: 16,
        position: 'sticky',
        top: 0,
        zIndex: 100,
      }}
    >
      <Flex align="center" gap={10} style={{ flex: 1, minWidth: 0 }}>
        <SafetyOutlined style={{ color: '#fff', fontSize: 24 }} />
        <Typography.Text strong ellipsis style={{ color: '#fff', fontSize: 18, letterSpacing: 1 }} data-testid="app-title">
          政企通 · {me.tenant.name}
        </Typography.Text>
      </Flex>
      <NotificationBell />
      <Dropdown menu={menu} placement="bottomRight" trigger={['click']}>
        <Flex align="center" gap={8} style={{ color: '#fff', cursor: 'pointer' }} role="button" tabIndex={0}>
          <Avatar size="small" icon={<UserOutlined />} style={{ background: 'rgba(255,255,255,0.25)' }} />
          <span>{me.displayName}</span>
          {me.unit ? <span style={{ opacity: 0.75 }}>（{me.unit.name}）</span> : null}
          <DownOutlined style={{ fontSize: 10 }} />
        </Flex>
      </Dropdown>
    </Layout.Header>
  );
}
