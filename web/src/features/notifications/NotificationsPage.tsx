// 站内通知 of the staff console: dispatch, due soon, overdue, urged, evaluated, escalated… newest first;
// opening one marks it read and goes to its appeal. The portal has its own (features/portal/PortalNotificationsPage.tsx).
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Badge, Button, List, Radio, Space, Tag, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { PageCard } from '../../ui/PageCard.tsx';
import { useApiError } from '../../ui/useApiError.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { listNotifications, markAllRead, markRead, type NotificationItem } from './api.ts';
import { notificationsChanged } from './useUnreadCount.ts';
import { NOTIFICATION_TYPE_COLORS, NOTIFICATION_TYPE_LABELS } from './labels.ts';
import { formatDateTime } from '../../ui/format.ts';
import { STAFF_ROUTES, toPath } from '../../routes.ts';

export default function NotificationsPage() {
  const navigate = useNavigate();
  const onError = useApiError();
  const [unread, setUnread] = useState(false);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const { data, loading, reload } = useFetch((signal) => listNotifications({ unread, page: page.page, pageSize: page.pageSize }, signal), [unread, page]);
  const changed = () => {
    notificationsChanged();
    reload();
  };
  const open = async (n: NotificationItem) => {
    try {
      if (!n.read) await markRead(n.id);
      notificationsChanged();
      if (n.appealId) navigate(toPath(STAFF_ROUTES.appeal, { id: n.appealId }));
      else reload();
    } catch (err) {
      onError(err);
    }
  };
  return (
    <PageCard
      title="站内通知"
      description="派单、即将到期、逾期、催办、评价和督办提醒。"
      extra={
        <>
          <Radio.Group
            value={unread}
            onChange={(e) => {
              setUnread(e.target.value);
              setPage((p) => ({ ...p, page: 1 }));
            }}
            optionType="button"
            options={[
              { value: false, label: '全部' },
              { value: true, label: '未读' },
            ]}
          />
          <Button
            icon={<CheckOutlined />}
            onClick={() =>
              void markAllRead()
                .then(changed)
                .catch((err: unknown) => onError(err))
            }
          >
            全部标为已读
          </Button>
        </>
      }
    >
      <List<NotificationItem>
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: unread ? '没有未读通知' : '暂无通知' }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: data?.total ?? 0,
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
          showTotal: (t) => `共 ${t} 条`,
        }}
        renderItem={(n) => (
          <List.Item
            data-testid="notification-item"
            style={{ cursor: 'pointer', opacity: n.read ? 0.65 : 1 }}
            onClick={() => void open(n)}
            extra={<Typography.Text type="secondary">{formatDateTime(n.createdAt)}</Typography.Text>}
          >
            <List.Item.Meta
              title={
                <Space>
                  {n.read ? null : <Badge status="error" />}
                  <Tag color={NOTIFICATION_TYPE_COLORS[n.type] ?? 'default'}>{NOTIFICATION_TYPE_LABELS[n.type] ?? n.type}</Tag>
                  <Typography.Text strong={!n.read}>{n.title}</Typography.Text>
                </Space>
              }
              description={n.body}
            />
          </List.Item>
        )}
      />
    </PageCard>
  );
}
