// Labels, groups and validation of the per-tenant rule parameters (R8.1).
import type { SettingKey } from './api.ts';

export type SettingType = 'int' | 'clock' | 'officeHours';

export interface SettingMeta {
  key: SettingKey;
  label: string;
  unit?: string;
  type: SettingType;
  min?: number;
  max?: number;
  /** Rule id in PRODUCT.md / seed clause. */
  rule?: string;
  help?: string;
}

export interface SettingGroup {
  title: string;
  items: SettingMeta[];
}

export const SETTING_GROUPS: SettingGroup[] = [
  {
    title: '“2115”办理时限',
    items: [
      { key: 'contactHours', label: '联系企业或到达现场时限', unit: '小时', type: 'int', min: 1, max: 72, rule: 'R6.2' },
      { key: 'contactClock', label: '联系时限计时方式', type: 'clock', rule: 'R6.2', help: '自然小时连续计算；工作时间仅在工作日的办公时段内计算' },
      { key: 'opinionWorkdays', label: '提出初步意见时限', unit: '工作日', type: 'int', min: 1, max: 10, rule: 'R6.2' },
      { key: 'resolutionWorkdays', label: '解决问题或确认服务时限', unit: '工作日', type: 'int', min: 1, max: 60, rule: 'R6.2' },
      { key: 'officeHours', label: '办公时段', type: 'officeHours', help: '格式 08:30-12:00,13:00-17:30，用于按工作时间计时' },
    ],
  },
  {
    title: '联系点、走访与调研',
    items: [
      { key: 'leaderContactPointRotationYears', label: '厅领导联系点轮换周期', unit: '年', type: 'int', min: 1, max: 10, rule: 'R1.3' },
      { key: 'unitContactPointRotationYears', label: '处室联系点轮换周期', unit: '年', type: 'int', min: 1, max: 10, rule: 'R1.7' },
      { key: 'leaderVisitsPerYear', label: '厅领导每年走访联系点不少于', unit: '次', type: 'int', min: 1, max: 12, rule: 'R1.4' },
      { key: 'unitVisitsPerYear', label: '处室每年走访联系点不少于', unit: '次', type: 'int', min: 1, max: 24, rule: 'R1.8' },
      { key: 'researchVisitsPerYear', label: '监管执法单位每年调研企业不少于', unit: '次', type: 'int', min: 1, max: 24, rule: 'R2.4' },
    ],
  },
  {
    title: '流转、延期与升级',
    items: [
      {
        key: 'proposalReplyMonths',
        label: '建议提案答复期限',
        unit: '个月',
        type: 'int',
        min: 1,
        max: 12,
        help: '人大代表建议、政协委员提案自交办之日起的答复期限',
        rule: 'R3.3',
      },
      { key: 'proposalDueSoonDays', label: '建议提案到期前提醒', unit: '天', type: 'int', min: 1, max: 60, help: '答复期限届满前提醒主办处室', rule: 'R3.3' },
      { key: 'returnLimitHours', label: '退单时限', unit: '小时', type: 'int', min: 1, max: 240, help: '承办单位收到诉求后可退回的期限', rule: 'R3.2' },
      { key: 'extensionCoordinatorThresholdWorkdays', label: '延期超过该时长须经统筹处室审批', unit: '工作日', type: 'int', min: 1, max: 60 },
      { key: 'evaluationWindowWorkdays', label: '企业评价期限', unit: '工作日', type: 'int', min: 1, max: 60, help: '逾期未评价按“未评价”办结' },
      {
        key: 'evaluationLinkWorkdays',
        label: '免登录评价链接有效期',
        unit: '工作日',
        type: 'int',
        min: 1,
        max: 60,
        help: '答复后短信发送的评价链接，过期后不能再用于评价',
      },
      { key: 'overdueEscalationWorkdays', label: '超期督办阈值', unit: '工作日', type: 'int', min: 1, max: 60, help: '超期超过该时长向分管领导督办' },
      { key: 'reopenEscalationCount', label: '重办督办阈值', unit: '次', type: 'int', min: 1, max: 10 },
      { key: 'repeatWindowDays', label: '重复诉求识别期', unit: '天', type: 'int', min: 1, max: 3650 },
    ],
  },
  {
    title: '临期提醒',
    items: [
      { key: 'dueSoonContactMinutes', label: '联系时限到期前提醒', unit: '分钟', type: 'int', min: 1, max: 600 },
      { key: 'dueSoonOpinionWorkingHours', label: '初步意见到期前提醒', unit: '工作小时', type: 'int', min: 1, max: 24 },
      { key: 'dueSoonResolutionWorkdays', label: '办结到期前提醒', unit: '工作日', type: 'int', min: 1, max: 15 },
    ],
  },
  {
    title: '审计日志',
    items: [
      {
        key: 'auditRetentionDays',
        label: '审计日志在线保留期',
        unit: '天',
        type: 'int',
        min: 180,
        max: 3650,
        help: '网络安全法要求网络日志留存不少于六个月；超过保留期的记录归档为可校验的文件（哈希链），审计管理员可查询归档',
      },
    ],
  },
  {
    title: '年度考核权重',
    items: [
      { key: 'assessmentWeightResponse', label: '响应率', unit: '分', type: 'int', min: 0, max: 100, rule: 'R8.1', help: '五项权重之和须为100' },
      { key: 'assessmentWeightOnTime', label: '“2115”按时率（三项平均）', unit: '分', type: 'int', min: 0, max: 100, rule: 'R8.1' },
      { key: 'assessmentWeightResolution', label: '解决率', unit: '分', type: 'int', min: 0, max: 100, rule: 'R8.1' },
      { key: 'assessmentWeightSatisfaction', label: '满意率', unit: '分', type: 'int', min: 0, max: 100, rule: 'R8.1' },
      { key: 'assessmentWeightSurvey', label: '满意度调查', unit: '分', type: 'int', min: 0, max: 100, rule: 'R7.3' },
      { key: 'assessmentNoticePenalty', label: '每次通报扣', unit: '分', type: 'int', min: 0, max: 50, rule: 'R7.4' },
      { key: 'assessmentInterviewPenalty', label: '每次约谈扣', unit: '分', type: 'int', min: 0, max: 50, rule: 'R7.4' },
      { key: 'assessmentCommendationBonus', label: '每次通报表扬加', unit: '分', type: 'int', min: 0, max: 50, rule: 'R7.4' },
    ],
  },
];

export const SETTING_KEYS: SettingKey[] = SETTING_GROUPS.flatMap((g) => g.items.map((i) => i.key));

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Validates "08:30-12:00,13:00-17:30": ordered, non-overlapping segments within a day. */
export function checkOfficeHours(value: string): string | null {
  if (value.length > 100) return '不能超过 100 个字符';
  const segments = value.split(',').map((s) => s.trim());
  let last = -1;
  for (const seg of segments) {
    const m = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(seg);
    if (!m) return '格式应为 HH:MM-HH:MM，多个时段用英文逗号分隔';
    const [start, end] = seg.split('-').map(toMinutes);
    if (start >= end) return `时段 ${seg} 的开始时间须早于结束时间`;
    if (start < last) return '各时段须按时间先后排列且不重叠';
    last = end;
  }
  return null;
}
