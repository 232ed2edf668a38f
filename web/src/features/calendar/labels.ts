// Labels of the calendar page.
import type { OverrideKind } from '../../../../shared/api/calendar.ts';

export const OVERRIDE_KIND_LABELS: Record<OverrideKind, string> = {
  holiday: '设为假日（休）',
  makeup: '设为调休上班（班，限周六、周日）',
  workday: '设为工作日',
  restday: '设为休息日',
};
