// 年度走访进度 (R1.4, R1.8): every point of the year with visits done / required and its pace, per
// leader, per unit and for the tenant; the province also sees each city's totals.
import { useState } from 'react';
import { Link } from 'react-router';
import { Card, Col, Progress, Row, Select, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { PACE_LABELS, POINT_KIND_LABELS } from '../../../../shared/contacts.ts';
import { STAFF_ROUTES, toPath } from '../../routes.ts';
import { formatDate } from '../../ui/format.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { yearView, type YearView } from './api.ts';
import { PACE_COLORS } from './labels.ts';

type Totals = YearView['totals'];
type Group = Totals & { id: string; name: string };

const bar = (t: Totals) => (
  <Space>
    <Progress percent={t.required ? Math.round((t.visits / t.required) * 100) : 0} size="small" style={{ width: 120 }} />
    <span>
      {t.visits} / {t.required} 次
    </span>
  </Space>
);

const groupColumns = (first: string) => [
  { title: first, dataIndex: 'name', key: 'name' },
  { title: '联系点', dataIndex: 'points', key: 'points', width: 80 },
  { title: '走访完成', key: 'bar', width: 240, render: (_: unknown, g: Totals) => bar(g) },
  { title: '已完成', dataIndex: 'done', key: 'done', width: 80 },
  { title: '进度滞后', dataIndex: 'behind', key: 'behind', width: 90, render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : 0) },
];

export default function YearPage() {
  const thisYear = Number(formatDate(new Date()).slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const { data, loading } = useFetch((s) => yearView(year, s), [year]);
  const t = data?.totals;
  return (
    <Card
      variant="borderless"
      title="年度走访进度"
      extra={
        <Select
          value={year}
          onChange={setYear}
          options={[thisYear - 1, thisYear].map((y) => ({ value: y, label: `${y}年` }))}
          style={{ width: 110 }}
          aria-label="年度"
        />
      }
      loading={loading && !data}
    >
      {data && t ? (
        <>
          <Typography.Paragraph type="secondary">
            厅领导每年至少深入联系点 {data.required.leader} 次，处室每年至少 {data.required.unit} 次（本级参数）；年中确认或到期的联系点按在任天数折算。截至{' '}
            {data.asOf}。
          </Typography.Paragraph>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={12} md={6}>
              <Statistic title="联系点" value={t.points} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title="走访（已完成/应完成）" value={`${t.visits} / ${t.required}`} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title="已完成全年任务" value={t.done} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title="进度滞后" value={t.behind} valueStyle={t.behind ? { color: '#cf1322' } : undefined} />
            </Col>
          </Row>
          <Tabs
            items={[
              {
                key: 'points',
                label: '按联系点',
                children: (
                  <Table
                    rowKey="id"
                    size="small"
                    pagination={false}
                    scroll={{ x: 900 }}
                    dataSource={data.items}
                    columns={[
                      { title: '类型', key: 'kind', width: 120, render: (_, i) => POINT_KIND_LABELS[i.kind] },
                      { title: '厅领导 / 处室', key: 'holder', width: 160, render: (_, i) => (i.kind === 'leader' ? i.leaderName : i.unitName) },
                      { title: '企业', key: 'e', render: (_, i) => <Link to={toPath(STAFF_ROUTES.contactPoint, { id: i.id })}>{i.enterpriseName}</Link> },
                      { title: '走访', key: 'v', width: 110, render: (_, i) => `${i.visits} / ${i.required} 次` },
                      { title: '最近走访', dataIndex: 'lastVisit', width: 110, render: (v: string | null) => v ?? '—' },
                      { title: '进度', key: 'pace', width: 100, render: (_, i) => <Tag color={PACE_COLORS[i.pace]}>{PACE_LABELS[i.pace]}</Tag> },
                    ]}
                  />
                ),
              },
              {
                key: 'leaders',
                label: '按厅领导',
                children: (
                  <Table<Group> rowKey="id" size="small" pagination={false} dataSource={data.byLeader} columns={groupColumns('厅领导')} scroll={{ x: 700 }} />
                ),
              },
              {
                key: 'units',
                label: '按处室',
                children: (
                  <Table<Group> rowKey="id" size="small" pagination={false} dataSource={data.byUnit} columns={groupColumns('处室')} scroll={{ x: 700 }} />
                ),
              },
              ...(data.cities.length
                ? [
                    {
                      key: 'cities',
                      label: '各市合计',
                      children: (
                        <Table<Group>
                          rowKey="id"
                          size="small"
                          pagination={false}
                          dataSource={data.cities.map((c) => ({ ...c, id: c.tenantId }))}
                          columns={groupColumns('市局')}
                          scroll={{ x: 700 }}
                        />
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </>
      ) : null}
    </Card>
  );
}
