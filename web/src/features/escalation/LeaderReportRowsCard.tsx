// R6.5 is the handling units' report (issue 22): each lead unit writes and confirms its rows (办理情况)
// of the month's report from the 20th; 办公室 sees every row and which units have not confirmed.
import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Input, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import type { LeaderReportRows } from '../../../../shared/api/escalation.ts';
import { formatDateTime } from '../../ui/format.ts';
import { useApiError } from '../../ui/useApiError.ts';
import { useFetch } from '../../ui/useFetch.ts';

type Row = LeaderReportRows['items'][number];

export function LeaderReportRowsCard({ month: fixed, office }: { month?: string; office: boolean }) {
  const { message } = App.useApp();
  const onError = useApiError();
  const [picked, setPicked] = useState<Dayjs>(dayjs());
  const month = fixed ?? picked.format('YYYY-MM');
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const { data, loading, reload } = useFetch((signal) => api.get<LeaderReportRows>('/leader-reports/rows', { month }, signal), [month]);

  const save = async (r: Row, confirm: boolean) => {
    setBusy(r.appealId);
    try {
      await api.post<LeaderReportRows>('/leader-reports/rows', { month, appealId: r.appealId, progress: drafts[r.appealId] ?? r.progress, confirm });
      message.success(confirm ? `已确认 ${r.number} 的办理情况` : '已保存');
      reload();
    } catch (err) {
      onError(err);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card
      title={office ? '各主办处室填报的办理情况' : '省政府领导转办事项：本处室办理情况填报'}
      extra={fixed ? null : <DatePicker picker="month" value={picked} onChange={(d) => d && setPicked(d)} allowClear={false} />}
      data-testid="leader-report-rows"
    >
      {office && data?.unconfirmedUnits.length ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`尚未确认的处室：${data.unconfirmedUnits.join('、')}`} />
      ) : null}
      {!office && data?.writeRefusal ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={data.writeRefusal} /> : null}
      <Table<Row>
        rowKey="appealId"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 1000 }}
        columns={[
          {
            title: '诉求',
            key: 'title',
            width: 260,
            render: (_, r) => (
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                  {r.number}
                </Typography.Text>
                <div>
                  <Link to={`/appeals/${r.appealId}`}>{r.title}</Link>
                </div>
              </div>
            ),
          },
          { title: '主办处室', dataIndex: 'leadUnitName', width: 140 },
          { title: '办理状态', dataIndex: 'state', width: 110 },
          {
            title: '办理情况',
            key: 'progress',
            render: (_, r) =>
              r.canWrite ? (
                <Input.TextArea
                  rows={2}
                  maxLength={2000}
                  value={drafts[r.appealId] ?? r.progress}
                  onChange={(e) => setDrafts((d) => ({ ...d, [r.appealId]: e.target.value }))}
                  placeholder="本月办理情况"
                />
              ) : (
                r.progress || <Typography.Text type="secondary">（未填报）</Typography.Text>
              ),
          },
          {
            title: '确认',
            key: 'confirm',
            width: 190,
            render: (_, r) => (
              <Space direction="vertical" size={4}>
                {r.confirmedAt ? <Tag color="green">{`${r.confirmedByName ?? ''} ${formatDateTime(r.confirmedAt)} 确认`}</Tag> : <Tag color="gold">未确认</Tag>}
                {r.canWrite ? (
                  <Space>
                    <Button size="small" loading={busy === r.appealId} onClick={() => void save(r, false)}>
                      保存
                    </Button>
                    <Button size="small" type="primary" loading={busy === r.appealId} onClick={() => void save(r, true)}>
                      确认
                    </Button>
                  </Space>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
