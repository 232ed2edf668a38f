import { Tag } from 'antd';
import { MILESTONE_STATE_COLORS, MILESTONE_STATE_LABELS } from './labels.ts';
import type { MilestoneStateId } from './api.ts';

export function MilestoneTag({ state }: { state: MilestoneStateId }) {
  return <Tag color={MILESTONE_STATE_COLORS[state]}>{MILESTONE_STATE_LABELS[state]}</Tag>;
}
