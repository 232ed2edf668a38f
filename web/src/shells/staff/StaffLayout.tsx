import { Suspense, useMemo } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { Layout, Menu } from 'antd';
import type { MenuProps } from 'antd';
import { useMe } from '../../auth/session.ts';
import { FullPageSpin } from '../../ui/FullPageSpin.tsx';
import { StaffHeader } from './StaffHeader.tsx';
import { isGroup, type NavLeaf, visibleLeaves, visibleNav } from './nav.tsx';

const { Sider, Content } = Layout;

/** The staff console: header, icon rail (menu by role), the page. */
export function StaffLayout() {
  const me = useMe();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const forced = me.mustChangePassword;

  const nav = useMemo(() => visibleNav(me.roles), [me.roles]);
  const items = useMemo<MenuProps['items']>(
    () =>
      nav.map((e) =>
        isGroup(e)
          ? { key: e.key, label: e.label, icon: e.icon, children: e.children.map((c) => ({ key: c.path, label: c.label })) }
          : { key: e.path, label: e.label, icon: e.icon },
      ),
    [nav],
  );
  const groupKeys = useMemo(() => nav.filter(isGroup).map((g) => g.key), [nav]);
  const selected = useMemo(() => {
    const leaves = visibleLeaves(me.roles);
    // The entry whose address (or the section it covers) is the longest prefix of this page's.
    const under = (p: string) => pathname === p || pathname.startsWith(`${p}/`);
    const reach = (l: NavLeaf) => Math.max(...[l.path, l.covers ?? ''].filter((p) => p && (p === '/' ? pathname === '/' : under(p))).map((p) => p.length), -1);
    const match = leaves
      .map((l) => ({ l, n: reach(l) }))
      .filter((x) => x.n >= 0)
      .sort((a, b) => b.n - a.n)[0];
    return match ? [match.l.path] : [];
  }, [me.roles, pathname]);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <StaffHeader />
      <Layout>
        {forced ? null : (
          <Sider
            width={220}
            theme="light"
            breakpoint="lg"
            collapsedWidth={64}
            style={{
              borderRight: '1px solid #e8ecf2',
              position: 'sticky',
              top: 56,
              height: 'calc(100vh - 56px)',
              overflow: 'auto',
            }}
          >
            <Menu
              mode="inline"
              items={items}
              selectedKeys={selected}
              defaultOpenKeys={groupKeys}
              onClick={({ key }) => navigate(key)}
              style={{ borderInlineEnd: 'none', paddingTop: 8 }}
            />
          </Sider>
        )}
        <Content style={{ padding: 24, minWidth: 0 }}>
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
