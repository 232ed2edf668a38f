// Tenant settings: the numbers of the measures (R8.1). Code defaults equal the provincial
// measures (鲁应急发〔2023〕9号); the province's row may override them and its effective values
// are the defaults for each city, which may override them again.
import { z } from 'zod';

const officeHoursPattern = /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d(,([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d)*$/;

const int = (min: number, max: number) => z.number().int('须为整数').min(min, `不能小于${min}`).max(max, `不能大于${max}`);

export const tenantSettingsSchema = z.strictObject({
  /** R6.2 "2": contact within N hours. */
  contactHours: int(1, 72),
  /** R6.2: natural hours unless the tenant chooses working hours. */
  contactClock: z.enum(['natural', 'working'], '须为 natural 或 working'),
  /** R6.2 "1": preliminary opinion within N working days. */
  opinionWorkdays: int(1, 10),
  /** R6.2 "15": solved or service confirmed within N working days. */
  resolutionWorkdays: int(1, 60),
  officeHours: z.string().max(100).regex(officeHoursPattern, '格式应为 08:30-12:00,13:00-17:30'),
  /** R1.3 */
  leaderContactPointRotationYears: int(1, 10),
  /** R1.7 */
  unitContactPointRotationYears: int(1, 10),
  /** R1.4 */
  leaderVisitsPerYear: int(1, 12),
  /** R1.8 */
  unitVisitsPerYear: int(1, 24),
  /** R2.4 */
  researchVisitsPerYear: int(1, 24),
  /** R3.3: a deputy's suggestion / member's proposal is answered within N months of its assignment (交办). */
  proposalReplyMonths: int(1, 12),
  /** R3.3: the lead unit is reminded N calendar days before the reply is due. */
  proposalDueSoonDays: int(1, 60),
  /** R3.2: a unit may return (退单) an appeal within N hours of dispatch. */
  returnLimitHours: int(1, 240),
  /** Extensions longer than this also need the coordinator's approval. */
  extensionCoordinatorThresholdWorkdays: int(1, 60),
  /** No evaluation within N working days → closed as 未评价. */
  evaluationWindowWorkdays: int(1, 60),
  /** The signed evaluation link sent with the reply (issue 7) expires after N working days. */
  evaluationLinkWorkdays: int(1, 60),
  /** Overdue by more than N working days → escalated (督办) to the unit's leader. */
  overdueEscalationWorkdays: int(1, 60),
  /** Reopened N times → escalated. */
  reopenEscalationCount: int(1, 10),
  /** Capability 8: the same enterprise's similar appeal received within N days is a repeat (重复诉求); repeated reopenEscalationCount times → 督办. */
  repeatWindowDays: int(1, 3650),
  dueSoonContactMinutes: int(1, 600),
  dueSoonOpinionWorkingHours: int(1, 24),
  dueSoonResolutionWorkdays: int(1, 15),
  /**
   * Issue 21: audit rows stay in the live log this many days before they are archived (Cybersecurity
   * Law Art. 21: network logs kept at least six months) — never fewer than 180.
   */
  auditRetentionDays: z.number().int('须为整数').min(180, '不能少于180天（网络安全法要求网络日志留存不少于六个月）').max(3650, '不能大于3650'),
  /** R8.1 annual assessment: weights (points of 100) of the 响应率, the 2115 on-time rates (average of the three), 解决率, 满意率 and the survey index; they add up to 100. */
  assessmentWeightResponse: int(0, 100),
  assessmentWeightOnTime: int(0, 100),
  assessmentWeightResolution: int(0, 100),
  assessmentWeightSatisfaction: int(0, 100),
  assessmentWeightSurvey: int(0, 100),
  /** R7.4 points taken off per 通报 and per 约谈, added per commendation. */
  assessmentNoticePenalty: int(0, 50),
  assessmentInterviewPenalty: int(0, 50),
  assessmentCommendationBonus: int(0, 50),
});
export type TenantSettings = z.infer<typeof tenantSettingsSchema>;
export const tenantSettingsOverridesSchema = tenantSettingsSchema.partial();
export type TenantSettingsOverrides = z.infer<typeof tenantSettingsOverridesSchema>;

export const DEFAULT_TENANT_SETTINGS: TenantSettings = {
  contactHours: 2,
  contactClock: 'natural',
  opinionWorkdays: 1,
  resolutionWorkdays: 15,
  officeHours: '08:30-12:00,13:00-17:30',
  leaderContactPointRotationYears: 2,
  unitContactPointRotationYears: 1,
  leaderVisitsPerYear: 1,
  unitVisitsPerYear: 2,
  researchVisitsPerYear: 2,
  proposalReplyMonths: 3,
  proposalDueSoonDays: 15,
  returnLimitHours: 24,
  extensionCoordinatorThresholdWorkdays: 10,
  evaluationWindowWorkdays: 10,
  evaluationLinkWorkdays: 10,
  overdueEscalationWorkdays: 3,
  reopenEscalationCount: 3,
  repeatWindowDays: 90,
  dueSoonContactMinutes: 30,
  dueSoonOpinionWorkingHours: 4,
  dueSoonResolutionWorkdays: 3,
  auditRetentionDays: 180,
  assessmentWeightResponse: 20,
  assessmentWeightOnTime: 25,
  assessmentWeightResolution: 15,
  assessmentWeightSatisfaction: 20,
  assessmentWeightSurvey: 20,
  assessmentNoticePenalty: 3,
  assessmentInterviewPenalty: 5,
  assessmentCommendationBonus: 2,
};

export const TENANT_SETTING_LABELS: Record<keyof TenantSettings, string> = {
  contactHours: '联系企业时限（小时）',
  contactClock: '联系时限计时方式',
  opinionWorkdays: '反馈初步意见时限（工作日）',
  resolutionWorkdays: '办结时限（工作日）',
  officeHours: '工作时间',
  leaderContactPointRotationYears: '厅领导联系点轮换周期（年）',
  unitContactPointRotationYears: '处室联系点轮换周期（年）',
  leaderVisitsPerYear: '厅领导每年深入联系点次数',
  unitVisitsPerYear: '处室每年深入联系点次数',
  researchVisitsPerYear: '执法处室每年调研次数',
  proposalReplyMonths: '建议提案答复期限（自交办之日起，月）',
  proposalDueSoonDays: '建议提案到期前提醒（天）',
  returnLimitHours: '退单时限（小时）',
  extensionCoordinatorThresholdWorkdays: '延期超过该天数须统筹处室审批（工作日）',
  evaluationWindowWorkdays: '评价期限（工作日）',
  evaluationLinkWorkdays: '免登录评价链接有效期（工作日）',
  overdueEscalationWorkdays: '超期督办阈值（工作日）',
  reopenEscalationCount: '重办督办阈值（次）',
  repeatWindowDays: '重复诉求识别期（天）',
  dueSoonContactMinutes: '联系即将到期提醒（分钟）',
  dueSoonOpinionWorkingHours: '初步意见即将到期提醒（工作小时）',
  dueSoonResolutionWorkdays: '办结即将到期提醒（工作日）',
  auditRetentionDays: '审计日志在线保留期（天，不少于180）',
  assessmentWeightResponse: '考核权重：响应率（分）',
  assessmentWeightOnTime: '考核权重：“2115”按时率（分）',
  assessmentWeightResolution: '考核权重：解决率（分）',
  assessmentWeightSatisfaction: '考核权重：满意率（分）',
  assessmentWeightSurvey: '考核权重：满意度调查（分）',
  assessmentNoticePenalty: '每次通报扣分',
  assessmentInterviewPenalty: '每次约谈扣分',
  assessmentCommendationBonus: '每次通报表扬加分',
};

export const ASSESSMENT_WEIGHT_KEYS = [
  'assessmentWeightResponse',
  'assessmentWeightOnTime',
  'assessmentWeightResolution',
  'assessmentWeightSatisfaction',
  'assessmentWeightSurvey',
] as const satisfies readonly (keyof TenantSettings)[];

/** R8.1 checks across settings (per field, Chinese): the five assessment weights add up to 100. */
export function settingsProblems(s: TenantSettings): Record<string, string> {
  const sum = ASSESSMENT_WEIGHT_KEYS.reduce((n, k) => n + s[k], 0);
  return sum === 100 ? {} : { assessmentWeightSurvey: `五项考核权重之和须为100（当前为${sum}）` };
}

export const securitySettingsSchema = z.strictObject({
  /** Failed sign-ins of one username from one address within lockMinutes before that address is held back. */
  lockThreshold: int(3, 10),
  /** The first hold-back; each further one from the same address doubles it (at most a day). */
  lockMinutes: int(5, 1440),
  idleTimeoutMinutes: int(5, 120),
  passwordMinLength: int(8, 32),
  /** A new password may not equal any of the account's last N passwords (0 = no history check). */
  passwordHistory: int(0, 24),
});
export type SecuritySettings = z.infer<typeof securitySettingsSchema>;
export const DEFAULT_SECURITY_SETTINGS: SecuritySettings = {
  lockThreshold: 5,
  lockMinutes: 15,
  idleTimeoutMinutes: 30,
  passwordMinLength: 8,
  passwordHistory: 5,
};

export function effectiveSettings(...layers: (TenantSettingsOverrides | null | undefined)[]): TenantSettings {
  return Object.assign({}, DEFAULT_TENANT_SETTINGS, ...layers.filter(Boolean));
}
