// The unread notification count, polled every 30 s, on focus, on navigation and when a page says
// notifications changed (NOTIFICATIONS_CHANGED). Used by the staff header's bell and the portal's 通知 tab.
import { useCallback, useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { unreadCount } from './api.ts';

export const NOTIFICATIONS_CHANGED = 'zqt:notifications-changed';

/** Tell the bell / tab to re-read the count (after marking notifications read). */
export const notificationsChanged = () => window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));

export function useUnreadCount(): { count: number; capped: boolean } {
  const location = useLocation();
  const [state, setState] = useState({ count: 0, capped: false });

  const load = useCallback(() => {
    unreadCount()
      .then((r) => setState({ count: r.count, capped: r.capped }))
      .catch(() => undefined); // the count stays quiet; pages report errors
  }, []);

  // The first read is the navigation effect's below (it runs on mount too): one request per page load.
  useEffect(() => {
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
  // biome-ignore lint/correctness/useExhaustiveDependencies: the path is the trigger (reload on navigation), not an input
  useEffect(load, [location.pathname, load]);

  return state;
}
