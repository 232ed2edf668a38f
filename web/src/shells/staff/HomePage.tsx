import { Link } from 'react-router';
import { Card, Col, Descriptions, Flex, Row, Space, Tag, Typography } from 'antd';
import { useMe } from '../../auth/session.ts';
import { PLANNED, visibleLeaves } from './nav.tsx';
import { ROLE_LABELS, SCOPE_LABELS, TENANT_KIND_LABELS } from '../../ui/labels.ts';
import { PRIMARY } from '../../ui/theme.ts';

function greeting(): string {
  const h = new Date().getHours();
  if (h < 6) return '夜深了';
  if (h < 12) return '上午好';
  if (h < 14) return '中午好';
  if (h < 18) return '下午好';
  return '晚上好';
}

export function HomePage() {
  const me = useMe();
  const shortcuts = visibleLeaves(me.roles).filter((l) => l.path !== '/');
  const planned = PLANNED.filter((p) => p.roles.some((r) => me.roles.includes(r)));

  return (
    <Flex vertical gap={16}>
      <Card variant="borderless">
        <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="welcome">
          {me.displayName}，{greeting()}！
        </Typography.Title>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label="所属单位">
            {me.tenant.name}
            <Tag style={{ marginLeft: 8 }}>{TENANT_KIND_LABELS[me.tenant.kind]}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label="所在处室">{me.unit?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="角色">
            <Space size={[4, 4]} wrap>
              {me.roles.length > 0
                ? me.roles.map((r) => (
                    <Tag color="blue" key={r}>
                      {ROLE_LABELS[r] ?? r}
                    </Tag>
                  ))
                : '未分配角色'}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label="数据范围">{SCOPE_LABELS[me.scope] ?? me.scope}</Descriptions.Item>
        </Descriptions>
      </Card>

      <Row gutter={[16, 16]}>
        {shortcuts.map((s) => (
          <Col key={s.path} xs={24} sm={12} lg={8} xl={6}>
            <Link to={s.path}>
              <Card hoverable variant="borderless" style={{ height: '100%' }}>
                <Card.Meta avatar={<span style={{ fontSize: 24, color: PRIMARY }}>{s.icon}</span>} title={s.label} description={s.summary} />
              </Card>
            </Link>
          </Col>
        ))}
        {planned.map((p) => (
          <Col key={p.label} xs={24} sm={12} lg={8} xl={6}>
            <Card variant="borderless" style={{ height: '100%', opacity: 0.6, cursor: 'not-allowed' }} aria-disabled>
              <Card.Meta avatar={<span style={{ fontSize: 24, color: '#8c8c8c' }}>{p.icon}</span>} title={p.label} description={p.summary} />
            </Card>
          </Col>
        ))}
      </Row>
    </Flex>
  );
}
