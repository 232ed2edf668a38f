// The bell in the staff header: the unread count, opens the notifications page.
import { useNavigate } from 'react-router';
import { Badge, Button, Tooltip } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useUnreadCount } from './useUnreadCount.ts';

export function NotificationBell() {
  const navigate = useNavigate();
  const { count, capped } = useUnreadCount();

  return (
    <Tooltip title="站内通知">
      <Badge count={count} overflowCount={capped ? 99 : 999} size="small" offset={[-4, 4]}>
        <Button
          type="text"
          aria-label={`站内通知，${count} 条未读`}
          data-testid="notification-bell"
          icon={<BellOutlined style={{ color: '#fff', fontSize: 18 }} />}
          onClick={() => navigate('/notifications')}
        />
      </Badge>
    </Tooltip>
  );
}
