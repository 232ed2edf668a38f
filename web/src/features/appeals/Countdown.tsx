// Live countdown to a deadline: red once overdue, orange when due soon, ticking every second; working-day
// limits counted in working days (shared/format.ts formatCountdown).
import { useEffect, useState } from 'react';
import { Typography } from 'antd';
import { WARNING_TEXT } from '../../ui/theme.ts';
import { formatCountdown } from '../../../../shared/format.ts';

const listeners = new Set<(now: number) => void>();
let timer: ReturnType<typeof setInterval> | undefined;

/** One shared 1-second ticker for every countdown on the page. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    listeners.add(setNow);
    timer ??= setInterval(() => {
      const t = Date.now();
      for (const l of listeners) l(t);
    }, 1000);
    return () => {
      listeners.delete(setNow);
      if (!listeners.size && timer) {
        clearInterval(timer);
        timer = undefined;
      }
    };
  }, []);
  return now;
}

/**
 * `dueSoon`: the server's milestone state says the due-soon window has begun. `workdaysLeft`: for a
 * working-day limit, the server's count of working days left (R6.2); the text is shared/format.ts's.
 */
export function Countdown({ dueAt, dueSoon, workdaysLeft }: { dueAt: string | null; dueSoon?: boolean; workdaysLeft?: number | null }) {
  const now = useNow();
  if (!dueAt) return <Typography.Text type="secondary">—</Typography.Text>;
  const left = new Date(dueAt).getTime() - now;
  if (left < 0) {
    return (
      <Typography.Text strong style={{ color: '#cf1322' }} data-testid="countdown" data-state="overdue">
        {formatCountdown(left, workdaysLeft)}
      </Typography.Text>
    );
  }
  const soon = dueSoon || left <= 30 * 60_000;
  return (
    <Typography.Text strong={soon} style={{ color: soon ? WARNING_TEXT : undefined }} data-testid="countdown" data-state={soon ? 'due_soon' : 'pending'}>
      {formatCountdown(left, workdaysLeft)}
    </Typography.Text>
  );
}
