// 首页: the greeting, then what waits for the user (the to-do panel, per role and data scope) with the
// next step as the one primary action; the administrators, who have no appeals to handle, get
// shortcuts to their pages instead.
import { Link } from 'react-router';
import { Card, Col, Flex, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useMe } from '../../auth/session.ts';
import { visibleLeaves } from './nav.tsx';
import { ROLE_LABELS, TENANT_KIND_LABELS } from '../../ui/labels.ts';
import { PRIMARY } from '../../ui/theme.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { homeTodo } from '../../features/home/api.ts';
import { TodoPanel, watchesOnly } from '../../features/home/TodoPanel.tsx';

function greeting(): string {
  const h = new Date().getHours();
  if (h < 6) return '夜深了';
  if (h < 12) return '上午好';
  if (h < 14) return '中午好';
  if (h < 18) return '下午好';
  return '晚上好';
}

/** Pages a business user opens besides the to-do (shown when the role may open them). */
const QUICK = ['/appeals/new', '/appeals', '/appeals/search', '/appeals/leader-reports', '/dashboard', '/notifications'];

export function HomePage() {
  const me = useMe();
  const { data } = useFetch((signal) => homeTodo(signal), []);
  const leaves = visibleLeaves(me.roles).filter((l) => l.path !== '/');
  const hasTodo = Boolean(data && data.items.length > 0);
  const quick = QUICK.map((p) => leaves.find((l) => l.path === p)).filter((l) => l !== undefined);

  return (
    <Flex vertical gap={16}>
      <Card variant="borderless" size="small">
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="welcome">
          {me.displayName}，{greeting()}！
        </Typography.Title>
        <Space size={[8, 4]} wrap style={{ marginTop: 6 }}>
          <Typography.Text type="secondary">
            {me.tenant.name}（{TENANT_KIND_LABELS[me.tenant.kind]}）{me.unit ? ` · ${me.unit.name}` : ''}
          </Typography.Text>
          {me.roles.map((r) => (
            <Tag color="blue" key={r} style={{ marginInlineEnd: 0 }}>
              {ROLE_LABELS[r] ?? r}
            </Tag>
          ))}
        </Space>
      </Card>

      {!data ? (
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 2 }} />
        </Card>
      ) : hasTodo ? (
        <>
          <TodoPanel items={data.items} watching={watchesOnly(me.roles)} />
          {quick.length ? (
            <Flex gap={8} wrap align="center" data-testid="home-quick">
              <Typography.Text type="secondary">常用：</Typography.Text>
              {quick.map((l) => (
                <Link key={l.path} to={l.path}>
                  {l.label}
                </Link>
              ))}
            </Flex>
          ) : null}
        </>
      ) : (
        <Row gutter={[16, 16]} data-testid="home-shortcuts">
          {leaves.map((s) => (
            <Col key={s.path} xs={24} sm={12} lg={8} xl={6}>
              <Link to={s.path}>
                <Card hoverable variant="borderless" style={{ height: '100%' }}>
                  <Card.Meta avatar={<span style={{ fontSize: 24, color: PRIMARY }}>{s.icon}</span>} title={s.label} description={s.summary} />
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      )}
    </Flex>
  );
}
