// 我的诉求 (enterprise portal, issue 7): the enterprise's own appeals, newest first; phone-friendly list.
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Empty, List, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import type { ListResponse } from '../../api/types.ts';
import { PageCard } from '../../components/PageCard.tsx';
import { useApiError } from '../../components/useApiError.ts';
import { APPEAL_CATEGORY_LABELS, APPEAL_STATE_LABELS, STATE_COLORS } from '../../components/appeals/labels.ts';
import { formatDateTime } from '../../utils/format.ts';
import type { PortalAppeal } from './types.ts';

const PAGE_SIZE = 10;

export default function MyAppealsPage() {
  const navigate = useNavigate();
  const onError = useApiError();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<ListResponse<PortalAppeal> | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      setLoading(true);
      try {
        setData(await api.get<ListResponse<PortalAppeal>>('/portal/appeals', { page, pageSize: PAGE_SIZE }, signal));
      } catch (err) {
        onError(err);
      } finally {
        setLoading(false);
      }
    },
    [page, onError],
  );
  useEffect(() => {
    const c = new AbortController();
    void load(c.signal);
    return () => c.abort();
  }, [load]);

  return (
    <div data-testid="portal-home">
      <PageCard
        title="我的诉求"
        description="查看本企业诉求的办理进度、答复，并对答复进行评价"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/portal/appeals/new')}>
            提交诉求
          </Button>
        }
      >
        <List
          loading={loading}
          dataSource={data?.items ?? []}
          locale={{ emptyText: <Empty description="暂无诉求" /> }}
          pagination={data && data.total > PAGE_SIZE ? { current: page, pageSize: PAGE_SIZE, total: data.total, onChange: setPage, size: 'small' } : false}
          renderItem={(a) => (
            <List.Item
              key={a.id}
              actions={a.canEvaluate ? [<Link key="ev" to={`/portal/appeals/${a.id}`}>去评价</Link>] : []}
            >
              <List.Item.Meta
                title={<Link to={`/portal/appeals/${a.id}`}>{a.title}</Link>}
                description={
                  <Space size={[8, 4]} wrap>
                    <Tag color={STATE_COLORS[a.state]}>{APPEAL_STATE_LABELS[a.state]}</Tag>
                    <Typography.Text type="secondary">{a.number}</Typography.Text>
                    <Typography.Text type="secondary">{APPEAL_CATEGORY_LABELS[a.category as keyof typeof APPEAL_CATEGORY_LABELS] ?? a.category}</Typography.Text>
                    <Typography.Text type="secondary">提交于 {formatDateTime(a.receivedAt)}</Typography.Text>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      </PageCard>
    </div>
  );
}
