// What the audit log shows for an action and an object (issue 17: the auditor reads Chinese, never
// `enterprise.import_upload`). Every action the server records has a label here: the literal ones
// in AUDIT_ACTION_LABELS, the families a service builds from its workflow's action (`appeal.${action}`,
// `roundtable.${action}` …) through that workflow's own labels. server/test/audit/labels.test.ts
// scans the server's sources and fails for an action without a Chinese label.
import { APPEAL_ACTION_LABELS } from './appeals.ts';
import { POINT_EVENT_LABELS } from './contacts.ts';
import { AGENDA_ACTION_LABELS, INSTRUCTION_ACTION_LABELS } from './escalation.ts';
import { KNOWLEDGE_ACTION_LABELS } from './knowledge.ts';
import { POLICY_ACTION_LABELS } from './policies.ts';
import { ROUNDTABLE_ACTION_LABELS } from './roundtables.ts';

export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  user: '账号',
  unit: '处室单位',
  leader: '厅领导',
  tenant_settings: '工作规则参数',
  security_settings: '安全策略',
  system: '系统',
  audit_log: '审计日志',
  audit_archive: '审计日志归档',
  personal_information: '个人信息',
  appeal: '诉求',
  agenda_item: '厅长办公会议题',
  agenda_action: '会议落实事项',
  leader_instruction: '领导批示',
  executive_meeting_item: '省政府常务会议事项',
  leader_report: '领导转办月报',
  calendar_notice: '放假通知',
  calendar_overrides: '工作日调整',
  channel_lead_units: '渠道牵头处室',
  routing_rules: '自动派单规则',
  contact_point: '联系点',
  field_record: '现场记录',
  field_follow_up: '跟进事项',
  enterprise: '企业',
  import_job: '企业名录导入',
  enterprise_registration: '企业注册申请',
  integration_client: '接入系统',
  integration_token: '接入令牌',
  work_order: '工单',
  webhook_subscription: '事件推送',
  knowledge: '知识条目',
  policy: '政策草案',
  proposal: '建议提案',
  report: '月报',
  research: '调研任务',
  roundtable: '政企座谈会',
  supervision_item: '监督事项',
  survey: '满意度调查',
};

/** Literal actions (the families below cover the rest). */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.locked': '登录受限',
  'auth.logout': '退出登录',
  'user.bootstrap': '初始化管理员账号',
  'user.create': '新建账号',
  'user.update': '修改账号',
  'user.roles': '分配角色',
  'user.unlock': '解锁账号',
  'user.password_reset': '重置密码',
  'user.password_changed': '修改密码',
  'unit.create': '新增处室',
  'unit.update': '修改处室',
  'leader.create': '新增厅领导',
  'leader.update': '修改厅领导',
  'tenant.settings': '修改工作规则参数',
  'security.settings': '修改安全策略',
  'system.demo_data': '载入演示数据',
  'system.generate_data': '生成测试数据',
  'audit.export': '导出审计日志',
  'audit.archive': '审计日志归档',
  'audit.purge_archived': '移除已归档记录',
  'privacy.export': '个人信息查阅复制',
  'privacy.mask': '个人信息删除（脱敏）',
  'appeal.create': '登记诉求',
  'appeal.attachment_withdraw': '撤回附件',
  'appeal.deadline_recomputed': '重算办理时限',
  'appeal.message': '与企业沟通留言',
  'calendar.overrides.update': '修改工作日调整',
  'overrides.update': '修改工作日调整',
  'calendar.notice.load': '载入放假通知',
  'calendar.notice.replace': '替换放假通知',
  'notice.load': '载入放假通知',
  'channel_leads.replace': '设置渠道牵头处室',
  'routing_rules.replace': '设置自动派单规则',
  'contact_point.propose': '提出联系点',
  'contact_point.expire': '联系点到期',
  'enterprise.create': '新增企业',
  'enterprise.update': '修改企业信息',
  'enterprise.contacts_reveal': '查看联系人完整号码',
  'enterprise.export': '导出企业名录',
  'enterprise.import': '导入企业名录',
  'enterprise.import_upload': '上传企业名录导入文件',
  'enterprise.import_confirm': '确认导入企业名录',
  'enterprise.import_cancel': '取消企业名录导入',
  'enterprise_account.create': '开通企业账号',
  'enterprise_account.password_reset': '重置企业账号密码',
  'enterprise_registration.create': '企业提交注册申请',
  'enterprise_registration.approve': '通过企业注册申请',
  'enterprise_registration.reject': '驳回企业注册申请',
  'evaluation_link.issue': '发送评价链接',
  'evaluation_link.use': '通过链接评价',
  'instruction.issue': '作出领导批示',
  'executive_meeting.record': '登记省政府常务会议事项',
  'executive_meeting.update': '修改省政府常务会议事项',
  'field_record.create': '登记现场记录',
  'field_record.attach': '上传现场记录附件',
  'field_follow_up.done': '跟进事项办结',
  'integration.client_create': '新增接入系统',
  'integration.client_update': '修改接入系统',
  'integration.token_issue': '签发接入令牌',
  'integration.token_revoke': '吊销接入令牌',
  'integration.refused': '拒绝接入请求',
  'work_order.receive': '接收工单',
  'work_order.read': '读取工单',
  'work_order.update': '回传工单进展',
  'work_order.resend': '重发工单回传',
  'webhook.create': '新增事件推送',
  'webhook.update': '修改事件推送',
  'webhook.disable': '停用事件推送',
  'webhook.rotate_secret': '更换推送密钥',
  'webhook.redeliver': '重新推送',
  'knowledge.create': '起草知识条目',
  'knowledge.expired': '知识条目过期',
  'knowledge.file_add': '上传知识条目附件',
  'knowledge.file_remove': '移除知识条目附件',
  'leader_report.download': '下载领导转办月报',
  'leader_report.submit': '报送领导转办月报',
  'notification_preferences.update': '修改通知设置',
  'policy.create': '登记政策草案',
  'policy.response': '企业提出政策意见',
  'policy.decide': '采纳或不采纳意见',
  'proposal.register': '登记建议提案',
  'proposal.reply': '提交答复函',
  'proposal.evaluate': '登记代表委员评价',
  'proposal.rehandle': '重新办理建议提案',
  'proposal.year_export': '导出年度建议提案',
  'report.generate': '生成月报',
  'report.download': '下载月报',
  'research.create': '新建调研任务',
  'research.edit': '修改调研任务',
  'research.enterprises': '选择调研企业',
  'research.start': '开始调研',
  'research.close': '完成调研',
  'research.visit': '登记调研走访',
  'research.findings': '录入调研发现',
  'research.solution.add': '提出解决措施',
  'research.solution.update': '更新解决措施',
  'roundtable.create': '筹备政企座谈会',
  'roundtable.download': '下载座谈会材料',
  'roundtable.leader': '安排厅领导出席',
  'roundtable.minutes': '录入会议纪要',
  'roundtable.item.add': '登记座谈会诉求事项',
  'roundtable.item.answer': '座谈会当场答复',
  'roundtable.item.appeal': '座谈会事项转为诉求',
  'supervision.open': '立项监督事项',
  'supervision.request_explanation': '要求处室说明',
  'supervision.explain': '处室提交情况说明',
  'supervision.conclude': '作出监督处理结论',
  'survey.remind': '提醒未答企业',
  'supervision.interview_complete': '约谈整改完成',
  'supervision.rectification_done': '整改事项销号',
  'survey.create': '新建满意度调查',
  'survey.sample': '抽取样本',
  'survey.answer_link': '企业通过链接答卷',
  'survey.answer_face_to_face': '录入面对面答卷',
};

/** Families built from a workflow's action: `${prefix}.${action}` → the object and the action's own label. */
const FAMILIES: Record<string, { noun: string; labels: Record<string, string> }> = {
  appeal: { noun: '诉求', labels: APPEAL_ACTION_LABELS },
  agenda: { noun: '厅长办公会议题', labels: AGENDA_ACTION_LABELS },
  instruction: { noun: '领导批示', labels: INSTRUCTION_ACTION_LABELS },
  contact_point: { noun: '联系点', labels: POINT_EVENT_LABELS },
  knowledge: { noun: '知识条目', labels: KNOWLEDGE_ACTION_LABELS },
  policy: { noun: '政策草案', labels: POLICY_ACTION_LABELS },
  roundtable: { noun: '政企座谈会', labels: ROUNDTABLE_ACTION_LABELS },
};

/** A few verbs for actions not listed (a new action still reads Chinese when its object is known). */
const VERBS: Record<string, string> = {
  create: '新建',
  update: '修改',
  edit: '修改',
  delete: '删除',
  export: '导出',
  download: '下载',
  open: '开始',
  close: '结束',
  cancel: '取消',
  approve: '通过',
  reject: '驳回',
};

/** The Chinese label of an audit action; null when none is known (the page then shows the code). */
export function auditActionLabel(action: string): string | null {
  const exact = AUDIT_ACTION_LABELS[action];
  if (exact) return exact;
  const dot = action.indexOf('.');
  if (dot < 0) return null;
  const prefix = action.slice(0, dot);
  const rest = action.slice(dot + 1);
  const family = FAMILIES[prefix];
  const own = family?.labels[rest];
  if (own) return own.startsWith(family.noun) || own.includes(family.noun) ? own : `${family.noun}：${own}`;
  const noun = family?.noun ?? AUDIT_ENTITY_LABELS[prefix] ?? null;
  const verb = VERBS[rest];
  return noun && verb ? `${verb}${noun}` : null;
}

export const auditEntityLabel = (entity: string): string | null => AUDIT_ENTITY_LABELS[entity] ?? null;
