// What each figure of the dashboard and the reports counts, over which period (issue 16: "every figure
// explains itself"). The web shows these on hover; the reports print them in their 口径说明. The counting
// itself is the appeals module's (docs/APPEALS.md §8) and the dashboard's roll-up reader.

export type FigureKey =
  | 'received'
  | 'closed'
  | 'answeredOnSpot'
  | 'responseRate'
  | 'contactOnTimeRate'
  | 'opinionOnTimeRate'
  | 'resolutionOnTimeRate'
  | 'resolutionRate'
  | 'satisfactionRate'
  | 'overdueNow'
  | 'reopened'
  | 'major'
  | 'leaderTransfers';

export const FIGURES: Record<FigureKey, { label: string; explain: string }> = {
  received: { label: '受理', explain: '期间内受理登记的诉求件数（按受理时间，北京时间）。' },
  closed: { label: '办结', explain: '期间内办结的诉求件数（按办结时间），含当场答复、评价后办结和评价期满未评价办结。' },
  answeredOnSpot: { label: '当场答复', explain: '期间内受理并当场答复办结的件数（R6.1）。' },
  responseRate: {
    label: '响应率',
    explain: '2小时内联系企业或到达现场的比例（R6.2 的“2”）：按时联系件数 ÷（已联系件数 + 超过2小时仍未联系件数），统计期间内受理的诉求。',
  },
  contactOnTimeRate: {
    label: '联系按时率',
    explain: '2小时内联系企业或到达现场：按时完成 ÷（已完成 + 未完成且已过时限），挂起中的不计；统计期间内受理的诉求。',
  },
  opinionOnTimeRate: {
    label: '初步意见按时率',
    explain: '1个工作日内提出初步意见（到期日24:00截止）：按时完成 ÷（已完成 + 未完成且已过时限），挂起中的不计；统计期间内受理的诉求。',
  },
  resolutionOnTimeRate: {
    label: '办结按时率',
    explain: '15个工作日内解决或确认服务（含批准的延期）：按时完成 ÷（已完成 + 未完成且已过时限），挂起中的不计；统计期间内受理的诉求。',
  },
  resolutionRate: { label: '解决率', explain: '已解决（含当场答复）÷ 已有办理结果的诉求，统计期间内受理的诉求。' },
  satisfactionRate: {
    label: '满意率',
    explain: '期间内企业评价中“满意”和“基本满意”的比例（按评价时间；不满意后重办的，两次评价都计入）。',
  },
  overdueNow: { label: '当前逾期', explain: '截至查询（生成）时尚未办结、且下一个“2115”节点已过时限的诉求（挂起、已答复待评价的不计）。' },
  reopened: { label: '重办', explain: '期间内因企业评价“不满意”而重办的次数（按评价时间）。' },
  major: { label: '重大涉企事项', explain: '标记为重大涉企事项、期间内受理或期初仍未办结的诉求（R3.5）。' },
  leaderTransfers: {
    label: '省政府领导转办',
    explain: '渠道为“省政府领导转办”、期末前受理且期初尚未办结的诉求，即每月25日前报送省政府办公厅的范围（R6.5）。',
  },
};
