// Issue 22: a year whose holiday notice is not loaded — the appeals waiting on it (时限待计算) within
// what the user sees, and next year's notice from 1 November. Shown on the calendar page and on the
// workbench; nothing when no year is missing.
import { Alert } from 'antd';
import { api } from '../../api/client.ts';
import type { CalendarWaiting } from '../../../../shared/api/appeal-rules.ts';
import { useFetch } from '../../ui/useFetch.ts';

export function CalendarWaitingAlert({ forAdmin = false }: { forAdmin?: boolean }) {
  const { data } = useFetch((signal) => api.get<CalendarWaiting>('/appeals/calendar-waiting', undefined, signal), [], { quietForbidden: true });
  const items = data?.items ?? [];
  // The workbench speaks only of appeals actually waiting; the calendar page also of next year's notice.
  const shown = forAdmin ? items : items.filter((i) => i.waiting > 0);
  if (!shown.length) return null;
  const text = shown
    .map((i) =>
      i.waiting
        ? `${i.year}年节假日安排尚未载入，${i.waiting}件诉求的时限待计算`
        : `${i.year}年节假日安排尚未载入，12月起新受理诉求的办结时限将落在${i.year}年`,
    )
    .join('；');
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="calendar-waiting"
      title={text}
      description={
        forAdmin
          ? '请在国务院办公厅通知发布后点击“载入年度通知”；载入后“时限待计算”的诉求自动重算。'
          : '这些诉求暂不提醒、不督办；系统管理员载入节假日安排后自动计算时限。'
      }
      style={{ marginBottom: 16 }}
    />
  );
}
