// The enterprise portal's phone layout (issue 17): the portal's own brand bar, the page in a single
// column (full-width cards, no side padding), and a bottom tab bar 我的诉求 / 提交诉求 / 通知 / 我的.
// No staff header or icon rail. On a wide screen the column is centred.
import { Suspense } from 'react';
import type { ReactNode } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { Badge, Flex, Typography } from 'antd';
import { BellOutlined, FileTextOutlined, FormOutlined, ShopOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { useMe } from '../../auth/session.ts';
import { useUnreadCount } from '../../features/notifications/useUnreadCount.ts';
import { PORTAL_ROUTES } from '../../routes.ts';
import { FullPageSpin } from '../../ui/FullPageSpin.tsx';
import { PORTAL_ACCENT } from '../../ui/theme.ts';

/** Content column width on a wide screen. */
const COLUMN = 720;
const TAB_BAR_HEIGHT = 56;

type Tab = { path: string; label: string; icon: ReactNode; active: (pathname: string) => boolean };

const TABS: Tab[] = [
  {
    path: PORTAL_ROUTES.appeals,
    label: '我的诉求',
    icon: <FileTextOutlined />,
    active: (p) => p === PORTAL_ROUTES.home || (p.startsWith(PORTAL_ROUTES.appeals) && p !== PORTAL_ROUTES.submit),
  },
  { path: PORTAL_ROUTES.submit, label: '提交诉求', icon: <FormOutlined />, active: (p) => p === PORTAL_ROUTES.submit },
  {
    path: PORTAL_ROUTES.meetings,
    label: '会议征集',
    icon: <TeamOutlined />,
    active: (p) => p.startsWith(PORTAL_ROUTES.meetings) || p.startsWith(PORTAL_ROUTES.consultations),
  },
  { path: PORTAL_ROUTES.notifications, label: '通知', icon: <BellOutlined />, active: (p) => p.startsWith(PORTAL_ROUTES.notifications) },
  { path: PORTAL_ROUTES.me, label: '我的', icon: <UserOutlined />, active: (p) => p === PORTAL_ROUTES.me || p.startsWith(`${PORTAL_ROUTES.me}/`) },
];

function TabBar() {
  const { pathname } = useLocation();
  const { count, capped } = useUnreadCount();
  return (
    <nav
      aria-label="企业门户导航"
      data-testid="portal-tabs"
      style={{
        position: 'fixed',
        left: 0,
        right: 0,
        bottom: 0,
        zIndex: 100,
        background: '#fff',
        borderTop: '1px solid #e6ebef',
        paddingBottom: 'env(safe-area-inset-bottom)',
      }}
    >
      <Flex style={{ maxWidth: COLUMN, margin: '0 auto', height: TAB_BAR_HEIGHT }}>
        {TABS.map((t) => {
          const active = t.active(pathname);
          const icon = <span style={{ fontSize: 20, lineHeight: 1 }}>{t.icon}</span>;
          return (
            <Link
              key={t.path}
              to={t.path}
              aria-current={active ? 'page' : undefined}
              style={{
                flex: 1,
                display: 'flex',
                flexDirection: 'column',
                alignItems: 'center',
                justifyContent: 'center',
                gap: 2,
                color: active ? PORTAL_ACCENT : '#4f5d68',
                fontWeight: active ? 600 : 400,
              }}
            >
              {t.path === PORTAL_ROUTES.notifications ? (
                <Badge count={count} overflowCount={capped ? 99 : 999} size="small" offset={[6, 0]}>
                  <span style={{ color: 'inherit' }}>{icon}</span>
                </Badge>
              ) : (
                icon
              )}
              <span style={{ fontSize: 12, whiteSpace: 'nowrap' }}>{t.label}</span>
            </Link>
          );
        })}
      </Flex>
    </nav>
  );
}

export function PortalLayout() {
  const me = useMe();
  // While the initial password must be changed, only that page is reachable: no tabs.
  const forced = me.mustChangePassword;
  return (
    <div style={{ minHeight: '100vh', background: '#f3f6f8' }}>
      <header style={{ position: 'sticky', top: 0, zIndex: 100, background: '#fff', borderBottom: `2px solid ${PORTAL_ACCENT}` }} data-testid="portal-header">
        <Flex align="center" gap={10} style={{ maxWidth: COLUMN, margin: '0 auto', height: 52, padding: '0 16px' }}>
          <ShopOutlined style={{ color: PORTAL_ACCENT, fontSize: 24 }} aria-hidden />
          <Flex vertical style={{ minWidth: 0, lineHeight: 1.25 }}>
            <Typography.Text strong style={{ fontSize: 16, color: '#123' }}>
              政企通 · 企业服务
            </Typography.Text>
            <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
              {me.tenant.name}
            </Typography.Text>
          </Flex>
        </Flex>
      </header>
      <main style={{ maxWidth: COLUMN, margin: '0 auto', padding: `12px 0 ${forced ? 24 : TAB_BAR_HEIGHT + 24}px` }}>
        <Suspense fallback={<FullPageSpin />}>
          <Outlet />
        </Suspense>
      </main>
      {forced ? null : <TabBar />}
    </div>
  );
}
