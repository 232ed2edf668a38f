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
  dueSoonContactMinutes: int(1, 600),
  dueSoonOpinionWorkingHours: int(1, 24),
  dueSoonResolutionWorkdays: int(1, 15),
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
  returnLimitHours: 24,
  extensionCoordinatorThresholdWorkdays: 10,
  evaluationWindowWorkdays: 10,
  evaluationLinkWorkdays: 10,
  overdueEscalationWorkdays: 3,
  reopenEscalationCount: 3,
  dueSoonContactMinutes: 30,
  dueSoonOpinionWorkingHours: 4,
  dueSoonResolutionWorkdays: 3,
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
  returnLimitHours: '退单时限（小时）',
  extensionCoordinatorThresholdWorkdays: '延期超过该天数须统筹处室审批（工作日）',
  evaluationWindowWorkdays: '评价期限（工作日）',
  evaluationLinkWorkdays: '免登录评价链接有效期（工作日）',
  overdueEscalationWorkdays: '超期督办阈值（工作日）',
  reopenEscalationCount: '重办督办阈值（次）',
  dueSoonContactMinutes: '联系即将到期提醒（分钟）',
  dueSoonOpinionWorkingHours: '初步意见即将到期提醒（工作小时）',
  dueSoonResolutionWorkdays: '办结即将到期提醒（工作日）',
};

export const securitySettingsSchema = z.strictObject({
  lockThreshold: int(3, 10),
  lockMinutes: int(5, 1440),
  idleTimeoutMinutes: int(5, 120),
  passwordMinLength: int(8, 32),
});
export type SecuritySettings = z.infer<typeof securitySettingsSchema>;
export const DEFAULT_SECURITY_SETTINGS: SecuritySettings = {
  lockThreshold: 5,
  lockMinutes: 15,
  idleTimeoutMinutes: 30,
  passwordMinLength: 8,
};

export function effectiveSettings(...layers: (TenantSettingsOverrides | null | undefined)[]): TenantSettings {
  return Object.assign({}, DEFAULT_TENANT_SETTINGS, ...layers.filter(Boolean));
}
