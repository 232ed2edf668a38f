// Live countdown to a deadline: red once overdue, orange when due soon, ticking every second.
import { useEffect, useState } from 'react';
import { Typography } from 'antd';

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

export function formatSpan(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (d > 0) return `${d}天${h}小时${m}分`;
  if (h > 0) return `${h}小时${m}分`;
  return `${m}分${String(sec).padStart(2, '0')}秒`;
}

/** `dueSoon`: the server's milestone state says the due-soon window has begun. */
export function Countdown({ dueAt, dueSoon }: { dueAt: string | null; dueSoon?: boolean }) {
  const now = useNow();
  if (!dueAt) return <Typography.Text type="secondary">—</Typography.Text>;
  const left = new Date(dueAt).getTime() - now;
  if (left < 0) {
    return (
      <Typography.Text strong style={{ color: '#cf1322' }} data-testid="countdown" data-state="overdue">
        已逾期 {formatSpan(left)}
      </Typography.Text>
    );
  }
  const soon = dueSoon || left <= 30 * 60_000;
  return (
    <Typography.Text strong={soon} style={{ color: soon ? '#d46b08' : undefined }} data-testid="countdown" data-state={soon ? 'due_soon' : 'pending'}>
      剩余 {formatSpan(left)}
    </Typography.Text>
  );
}
