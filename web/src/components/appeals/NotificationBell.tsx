// The bell in the header: unread count (polled every 30 s and on focus), opens the notifications page.
import { useCallback, useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { Badge, Button, Tooltip } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';

export const NOTIFICATIONS_CHANGED = 'zqt:notifications-changed';

export function NotificationBell() {
  const navigate = useNavigate();
  const location = useLocation();
  const [count, setCount] = useState(0);
  const [capped, setCapped] = useState(false);

  const load = useCallback(() => {
    api
      .get<{ count: number; capped: boolean }>('/notifications/unread-count')
      .then((r) => {
        setCount(r.count);
        setCapped(r.capped);
      })
      .catch(() => undefined); // the bell stays quiet; pages report errors
  }, []);

  useEffect(() => {
    load();
    const t = setInterval(load, 30_000);
    window.addEventListener('focus', load);
    window.addEventListener(NOTIFICATIONS_CHANGED, load);
    return () => {
      clearInterval(t);
      window.removeEventListener('focus', load);
      window.removeEventListener(NOTIFICATIONS_CHANGED, load);
    };
  }, [load]);
  // Reload on navigation (an action may have produced or read notifications).
  useEffect(load, [location.pathname, load]);

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
