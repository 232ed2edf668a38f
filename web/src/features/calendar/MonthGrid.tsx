// One month of the working-day calendar: 休 for rest days set by a notice or a local override,
// 班 for make-up working days; the holiday name on hover and under the day.
import { Card, Tooltip, Typography } from 'antd';
import { TEXT_MUTED } from '../../ui/theme.ts';
import type { CalendarDay } from './api.ts';

const WEEK = ['一', '二', '三', '四', '五', '六', '日'];

/** Monday-based weekday index (0 = Monday) of a 'YYYY-MM-DD' date, timezone-free. */
function mondayIndex(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

export function MonthGrid({ month, days }: { month: number; days: CalendarDay[] }) {
  const lead = days.length ? mondayIndex(days[0].date) : 0;
  const cells: (CalendarDay | null)[] = [...Array.from({ length: lead }, () => null), ...days];
  while (cells.length % 7) cells.push(null);
  return (
    <Card size="small" title={`${month} 月`} styles={{ body: { padding: 8 } }}>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2, textAlign: 'center' }}>
        {WEEK.map((w, i) => (
          <Typography.Text key={w} type="secondary" style={{ fontSize: 12, color: i >= 5 ? '#cf1322' : undefined }}>
            {w}
          </Typography.Text>
        ))}
        {cells.map((d, i) => {
          // biome-ignore lint/suspicious/noArrayIndexKey: blank cells before the 1st have no identity but their position
          if (!d) return <div key={`e${i}`} />;
          const rest = !d.workday;
          const mark = d.kind === 'holiday' ? '休' : d.kind === 'makeup' ? '班' : null;
          const bg = d.kind === 'holiday' ? '#fff1f0' : d.kind === 'makeup' ? '#e6f4ff' : undefined;
          const title = [d.name, d.override ? `本地调整${d.override.note ? `：${d.override.note}` : ''}` : null].filter(Boolean).join(' · ');
          const cell = (
            <div
              key={d.date}
              data-date={d.date}
              data-kind={d.kind}
              style={{
                position: 'relative',
                padding: '2px 0',
                borderRadius: 4,
                background: bg,
                outline: d.override ? '1px dashed #fa8c16' : undefined,
                minHeight: 34,
              }}
            >
              <span style={{ color: rest ? '#cf1322' : undefined, fontWeight: mark ? 600 : undefined }}>{Number(d.date.slice(8))}</span>
              {mark ? <span style={{ position: 'absolute', top: 0, right: 2, fontSize: 10, color: mark === '休' ? '#cf1322' : '#0958d9' }}>{mark}</span> : null}
              {d.name && mark ? (
                <div style={{ fontSize: 10, lineHeight: '12px', color: TEXT_MUTED, overflow: 'hidden', whiteSpace: 'nowrap', textOverflow: 'ellipsis' }}>
                  {d.name}
                </div>
              ) : null}
            </div>
          );
          return title ? (
            <Tooltip key={d.date} title={title}>
              {cell}
            </Tooltip>
          ) : (
            <div key={d.date}>{cell}</div>
          );
        })}
      </div>
    </Card>
  );
}
