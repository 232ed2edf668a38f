// 通知 (enterprise portal): the account's in-app notifications on a phone — replies, evaluation links,
// messages from the handling unit. One full-width row per notice; the whole row opens its appeal and
// marks it read. Long texts (an evaluation link) wrap, never widen the page.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Badge, Button, Empty, Flex, Pagination, Segmented, Spin, Tag, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { PORTAL_ROUTES, toPath } from '../../routes.ts';
import { formatDateTime } from '../../ui/format.ts';
import { useApiError } from '../../ui/useApiError.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { listNotifications, markAllRead, markRead, type NotificationItem } from '../notifications/api.ts';
import { NOTIFICATION_TYPE_COLORS, NOTIFICATION_TYPE_LABELS } from '../notifications/labels.ts';
import { notificationsChanged } from '../notifications/useUnreadCount.ts';
import { PortalPage } from './PortalPage.tsx';

const PAGE_SIZE = 20;

export default function PortalNotificationsPage() {
  const navigate = useNavigate();
  const onError = useApiError();
  const [unread, setUnread] = useState(false);
  const [page, setPage] = useState(1);
  const { data, loading, reload } = useFetch((signal) => listNotifications({ unread, page, pageSize: PAGE_SIZE }, signal), [unread, page]);

  const open = async (n: NotificationItem) => {
    try {
      if (!n.read) await markRead(n.id);
      notificationsChanged();
      if (n.appealId) navigate(toPath(PORTAL_ROUTES.appeal, { id: n.appealId }));
      else reload();
    } catch (err) {
      onError(err);
    }
  };
  const readAll = () =>
    void markAllRead()
      .then(() => {
        notificationsChanged();
        reload();
      })
      .catch((err: unknown) => onError(err));

  return (
    <PortalPage title="通知" description="诉求的答复、评价提醒和办理单位的消息">
      <Flex justify="space-between" align="center" gap={8} style={{ padding: '0 16px 12px' }}>
        <Segmented
          value={unread ? 'unread' : 'all'}
          onChange={(v) => {
            setUnread(v === 'unread');
            setPage(1);
          }}
          options={[
            { value: 'all', label: '全部' },
            { value: 'unread', label: '未读' },
          ]}
        />
        <Button icon={<CheckOutlined />} onClick={readAll}>
          全部已读
        </Button>
      </Flex>
      <Spin spinning={loading}>
        {data && data.items.length === 0 ? (
          <div style={{ background: '#fff', padding: '32px 16px' }}>
            <Empty description={unread ? '没有未读通知' : '暂无通知'} />
          </div>
        ) : (
          <div style={{ borderTop: '1px solid #e6ebef', minHeight: 80 }}>
            {(data?.items ?? []).map((n) => (
              <button
                type="button"
                key={n.id}
                data-testid="notification-item"
                onClick={() => void open(n)}
                style={{
                  display: 'block',
                  width: '100%',
                  textAlign: 'left',
                  font: 'inherit',
                  cursor: 'pointer',
                  border: 'none',
                  borderBottom: '1px solid #e6ebef',
                  background: n.read ? '#fafbfc' : '#fff',
                  padding: '12px 16px',
                }}
              >
                <Flex align="center" gap={6} wrap>
                  {n.read ? null : <Badge status="error" aria-label="未读" />}
                  <Tag color={NOTIFICATION_TYPE_COLORS[n.type] ?? 'default'} style={{ marginInlineEnd: 0 }}>
                    {NOTIFICATION_TYPE_LABELS[n.type] ?? '通知'}
                  </Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(n.createdAt)}
                  </Typography.Text>
                </Flex>
                <Typography.Text strong={!n.read} style={{ display: 'block', marginTop: 6, overflowWrap: 'anywhere' }}>
                  {n.title}
                </Typography.Text>
                {n.body ? (
                  <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4, fontSize: 13, overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
                    {n.body}
                  </Typography.Text>
                ) : null}
              </button>
            ))}
          </div>
        )}
      </Spin>
      {data && data.total > PAGE_SIZE ? (
        <Flex justify="center" style={{ padding: 16 }}>
          <Pagination simple current={page} pageSize={PAGE_SIZE} total={data.total} onChange={setPage} />
        </Flex>
      ) : null}
    </PortalPage>
  );
}
