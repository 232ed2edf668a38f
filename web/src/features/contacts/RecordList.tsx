// A list of field records (visits, checks, inspections) with their follow-ups and appeals, on the
// point page and the enterprise page.
import { Link } from 'react-router';
import { List, Space, Tag, Typography } from 'antd';
import { FIELD_KIND_LABELS, VISIT_FORM_LABELS } from '../../../../shared/contacts.ts';
import { STAFF_ROUTES, toPath } from '../../routes.ts';
import type { FieldRecord } from './api.ts';

export function RecordList({ items, loading, empty }: { items: FieldRecord[]; loading?: boolean; empty: string }) {
  return (
    <List<FieldRecord>
      loading={loading}
      dataSource={items}
      locale={{ emptyText: empty }}
      renderItem={(r) => {
        const open = r.followUps.filter((f) => !f.doneAt);
        const overdue = open.filter((f) => f.overdue);
        return (
          <List.Item key={r.id}>
            <Space direction="vertical" size={2} style={{ width: '100%' }}>
              <Space wrap>
                <Link to={toPath(STAFF_ROUTES.fieldRecord, { id: r.id })}>
                  <Typography.Text strong>
                    {r.visitedOn} {FIELD_KIND_LABELS[r.kind]}
                  </Typography.Text>
                </Link>
                <Tag>{VISIT_FORM_LABELS[r.form]}</Tag>
                <Typography.Text type="secondary">
                  {r.unitName}
                  {r.leaders.length ? ` · ${r.leaders.map((l) => l.name).join('、')}` : ''}
                  {r.staffNames ? ` · ${r.staffNames}` : ''}
                </Typography.Text>
              </Space>
              <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
                发现：{r.findings}
              </Typography.Paragraph>
              <Space wrap size={4}>
                <Tag color={open.length ? (overdue.length ? 'red' : 'gold') : 'green'}>
                  后续措施 {r.followUps.length - open.length}/{r.followUps.length} 已办结{overdue.length ? `，${overdue.length} 项逾期` : ''}
                </Tag>
                {r.appeals.map((a) => (
                  <Link key={a.id} to={toPath(STAFF_ROUTES.appeal, { id: a.id })}>
                    <Tag color="blue">诉求 {a.number}</Tag>
                  </Link>
                ))}
                {r.files.length ? <Tag>附件 {r.files.length}</Tag> : null}
              </Space>
            </Space>
          </List.Item>
        );
      }}
    />
  );
}
