// 协办处室 (R6.2 co-handling): each co-unit with the part it was assigned at dispatch and the text it
// submitted, so the lead unit can consolidate them into its result (the server refuses a result
// while any co-unit has not submitted).
import { Alert, Card, Table, Tag, Typography } from 'antd';
import { formatDateTime } from '../../ui/format.ts';
import type { AppealDetail, CoUnit } from './api.ts';

export function CoUnitsCard({ appeal }: { appeal: AppealDetail }) {
  const pending = appeal.coUnits.filter((c) => c.status !== 'submitted');
  const leadMayConsolidate = appeal.allowedActions.includes('result') || appeal.allowedActions.includes('opinion');
  return (
    <Card title="协办处室与协办意见" size="small" style={{ marginTop: 16 }} data-testid="co-units">
      {leadMayConsolidate ? (
        pending.length ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={`尚有协办处室未提交意见：${pending.map((c) => c.unitName).join('、')}；全部提交后才能登记办理结果。`}
          />
        ) : (
          <Alert type="success" showIcon style={{ marginBottom: 12 }} title="协办意见已全部提交，请汇总后登记办理结果。" />
        )
      ) : null}
      <Table<CoUnit>
        size="small"
        rowKey="unitId"
        pagination={false}
        dataSource={appeal.coUnits}
        columns={[
          { title: '协办处室', dataIndex: 'unitName', width: 160 },
          { title: '分工', dataIndex: 'part', render: (p: string) => p || <Typography.Text type="secondary">未写明</Typography.Text> },
          {
            title: '状态',
            dataIndex: 'status',
            width: 90,
            render: (s: string) => (s === 'submitted' ? <Tag color="green">已提交</Tag> : <Tag color="blue">办理中</Tag>),
          },
          {
            title: '协办意见',
            dataIndex: 'submittedText',
            render: (t: string | null, c) =>
              t ? (
                <div data-testid="co-unit-text">
                  <div style={{ whiteSpace: 'pre-wrap' }}>{t}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {c.submittedByName} · {formatDateTime(c.submittedAt)}
                  </Typography.Text>
                </div>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
        ]}
      />
    </Card>
  );
}
