// Vocabulary of the generated province: how appeals arrive (channel mix), what they are about
// (category mix, topics with slots filled per sector), and the words enterprise names are made of.
// Weights are plausible shares for a provincial emergency management system, not measured figures.
import type { AppealCategory, AppealChannel } from '../../../../shared/appeals.ts';
import type { Sector } from '../../../../shared/roles.ts';
import { pick, type Rng } from './random.ts';

export const CHANNEL_MIX: readonly (readonly [AppealChannel, number])[] = [
  ['hotline', 24],
  ['hotline_12345', 20],
  ['website', 11],
  ['wechat', 7],
  ['letter', 3],
  ['visit', 4],
  ['npc_proposal', 1],
  ['cppcc_proposal', 1],
  ['governor_mailbox', 3],
  ['entrepreneur_zone', 4],
  ['instant_response', 3],
  ['governor_hotline', 1],
  ['provincial_leader', 0.5],
  ['research_visit', 6],
  ['roundtable', 3],
  ['licensing_check', 3],
  ['inspection', 4.5],
  ['other', 1],
];

export const CATEGORY_MIX: readonly (readonly [AppealCategory, number])[] = [
  ['policy', 25],
  ['licensing', 17],
  ['enforcement', 11],
  ['complaint', 9],
  ['hazard', 11],
  ['suggestion', 8],
  ['help', 14],
  ['other', 5],
];

/** Channels that bring a given category more often than the general mix. */
export const CHANNEL_CATEGORY_BIAS: Partial<Record<AppealChannel, AppealCategory>> = {
  inspection: 'enforcement',
  licensing_check: 'licensing',
  hotline_12345: 'complaint',
  roundtable: 'suggestion',
  research_visit: 'help',
};

/** Share of each tenant in the appeals (and enterprises): the province and 16 cities by economic weight. */
export const TENANT_WEIGHT: Record<string, number> = {
  '370000': 12,
  '370100': 9,
  '370200': 11,
  '370300': 7,
  '370400': 3.5,
  '370500': 6,
  '370600': 9,
  '370700': 9,
  '370800': 6,
  '370900': 4,
  '371000': 3.5,
  '371100': 3,
  '371300': 7,
  '371400': 4,
  '371500': 4,
  '371600': 5,
  '371700': 4,
};

export const SECTOR_MIX: readonly (readonly [Sector, number])[] = [
  ['industry', 62],
  ['hazchem', 27],
  ['mining', 11],
];

const CHEMS = [
  '液氨',
  '液氯',
  '甲醇',
  '硫酸',
  '盐酸',
  '汽油',
  '柴油',
  '液化石油气',
  '苯',
  '丙烯',
  '氢气',
  '环氧乙烷',
  '硝酸铵',
  '过氧化氢',
  '氯乙烯',
  '二甲苯',
  '天然气',
];
const EQUIP: Record<Sector, string[]> = {
  hazchem: ['储罐区', '反应釜', '装卸栈台', '管廊', '火炬系统', '可燃气体报警装置', '紧急切断阀', 'SIS安全仪表系统', '精馏塔', '危化品仓库'],
  mining: ['尾矿库', '排土场', '采空区', '提升系统', '通风系统', '排水系统', '爆破器材库', '边坡', '井下避险系统', '破碎站'],
  industry: ['除尘系统', '有限空间', '涉氨制冷系统', '煤气柜', '熔融金属吊运设备', '铝镁粉尘收集装置', '喷涂车间', '冷库', '锅炉房', '叉车'],
};
const CERTS: Record<Sector, string[]> = {
  hazchem: ['危险化学品经营许可证', '危险化学品安全生产许可证', '危险化学品安全使用许可证'],
  mining: ['非煤矿山安全生产许可证', '爆破作业单位许可证'],
  industry: ['安全生产标准化证书', '特种作业操作证', '主要负责人安全生产知识和管理能力考核合格证'],
};
const DOCS = ['安全现状评价报告', '安全设施设计专篇', '应急预案备案材料', '重大危险源评估报告', '安全条件论证报告', '隐患整改报告'];
const POLICIES = ['安全生产责任保险', '技术改造补贴', '安全生产标准化奖励', '专家指导服务', '信用修复', '首违不罚清单', '容缺受理', '并联审批'];
const PLACES = ['化工园区', '开发区', '厂区东侧', '生产车间', '仓储区', '装置区', '办公楼附近', '相邻企业'];

type Topic = [title: string, content: string];

const TOPICS: Record<AppealCategory, Topic[]> = {
  policy: [
    ['{policy}政策咨询', '我公司（{ent}）希望了解{policy}的适用范围、申报条件和办理流程，请予以解答。'],
    ['关于{equip}改造补贴政策的咨询', '企业计划对{equip}进行改造升级，询问是否有省级或市级补贴政策及申报时间。'],
    ['重大危险源包保责任制要求咨询', '企业询问{chem}重大危险源主要负责人、技术负责人、操作负责人包保职责的具体要求和履职记录格式。'],
    ['安全生产标准化复评标准咨询', '企业安全生产标准化证书即将到期，咨询复评标准变化及自评报告提交方式。'],
    ['企业主要负责人安全培训学时要求咨询', '企业咨询主要负责人和安全管理人员年度再培训学时要求，以及线上培训是否认可。'],
  ],
  licensing: [
    ['{cert}延期办理', '我公司{cert}将于{month}月到期，询问延期所需材料、办理时限以及能否网上提交。'],
    ['{cert}变更手续咨询', '企业法定代表人及主要负责人发生变更，咨询{cert}变更需要提交哪些材料。'],
    ['{doc}备案进度查询', '企业已于上月提交{doc}，至今未收到审查意见，请求告知备案进度。'],
    ['新建{chem}项目安全审查咨询', '企业拟在{place}新建{chem}储存项目，咨询安全条件审查和设计审查的办理程序。'],
    ['申请{cert}容缺受理', '因部分材料正在补充，企业申请{cert}办理实行容缺受理，承诺限期补齐。'],
  ],
  enforcement: [
    ['执法检查整改期限申请延长', '企业在执法检查中被责令限期整改{equip}问题，因设备采购周期较长，申请延长整改期限{days}天。'],
    ['行政处罚陈述申辩意见', '企业对执法检查认定的{equip}隐患有不同意见，希望提交陈述申辩材料并申请听证。'],
    ['对检查结论有异议请求复核', '企业认为检查中关于{doc}的结论与实际不符，请求组织复核。'],
    ['申请适用首违不罚', '企业首次因{equip}管理台账不全被检查发现，已当场整改，申请适用首违不罚。'],
    ['多头重复检查问题反映', '企业反映本月已接受{n}次不同部门的安全检查，内容重复，影响正常生产，建议统筹检查计划。'],
  ],
  complaint: [
    ['反映周边企业夜间违规作业', '群众反映{place}某企业夜间违规进行动火作业，存在较大安全风险，请求查处。'],
    ['举报中介机构出具虚假安全评价', '企业反映某安全评价机构收费后未到现场即出具{doc}，请求调查。'],
    ['投诉{chem}运输车辆违规停放', '反映{chem}运输车辆长期停放在{place}道路两侧，存在泄漏和火灾隐患。'],
    ['反映企业未按规定开展安全培训', '职工反映所在企业未按规定对新入职人员开展三级安全教育培训即安排上岗。'],
  ],
  hazard: [
    ['{equip}存在安全隐患', '反映{ent}{equip}存在明显安全隐患，{detail}，请求尽快组织核查处置。'],
    ['{chem}泄漏报警装置失效', '企业员工反映{chem}储存区泄漏报警装置长期未校验，部分探头失效。'],
    ['汛期{equip}安全隐患', '汛期来临，{equip}排洪设施出现裂缝，存在溃坝风险，请求指导处置。'],
    ['有限空间作业未审批', '反映企业在{place}组织有限空间清理作业未办理审批，未配备检测和防护设备。'],
  ],
  suggestion: [
    ['建议简化安全培训考核流程', '企业建议将特种作业人员复审与继续教育合并办理，减少往返次数。'],
    ['建议开展{sector}专家指导服务', '中小企业希望应急管理部门组织专家上门开展{equip}隐患排查指导。'],
    ['建议优化{cert}网上办理系统', '企业反映{cert}网上办理系统上传材料容量限制过小，建议优化。'],
    ['建议统一{doc}编制格式', '企业建议统一{doc}编制格式，减少因格式问题导致的退回。'],
  ],
  help: [
    ['请求协调危险废物处置渠道', '企业因处置单位停产，危险废物暂存量接近上限，请求协调处置渠道。'],
    ['停产复工安全条件确认求助', '企业{equip}停产检修后拟复工，请求指导复工前安全条件确认工作。'],
    ['请求协调{chem}供应保障', '受上游装置检修影响，企业{chem}供应紧张，请求协调保障安全生产必需原料。'],
    ['企业经营困难请求帮扶', '企业订单下降、资金周转困难，{equip}安全改造资金缺口较大，请求政策帮扶。'],
    ['请求指导编制应急预案', '企业新上{chem}装置，请求指导编制和修订生产安全事故应急预案。'],
  ],
  other: [
    ['企业搬迁涉及安全距离问题', '企业拟搬迁至{place}，咨询外部安全防护距离评估要求。'],
    ['咨询安全生产举报奖励办法', '咨询安全生产领域举报奖励的范围、标准和兑现程序。'],
    ['反映政务服务大厅办事体验', '企业反映在政务服务大厅办理{cert}时窗口人员解释清楚、效率较高，提出表扬。'],
  ],
};

const DETAILS = ['部分设备腐蚀严重', '安全附件超期未检', '防护设施缺失', '现场管理混乱', '警示标识不全', '操作人员无证上岗'];
const SECTOR_WORD: Record<Sector, string> = { hazchem: '危险化学品', mining: '非煤矿山', industry: '工贸行业' };

/** A title and content for a category, with the slots filled for the enterprise's sector. */
export function topicFor(r: Rng, category: AppealCategory, sector: Sector, enterpriseName: string): { title: string; content: string } {
  const [t, c] = pick(r, TOPICS[category]);
  const slots: Record<string, string> = {
    chem: pick(r, CHEMS),
    equip: pick(r, EQUIP[sector]),
    cert: pick(r, CERTS[sector]),
    doc: pick(r, DOCS),
    policy: pick(r, POLICIES),
    place: pick(r, PLACES),
    detail: pick(r, DETAILS),
    sector: SECTOR_WORD[sector],
    ent: enterpriseName,
    month: String(1 + Math.floor(r() * 12)),
    days: String(15 + 15 * Math.floor(r() * 4)),
    n: String(3 + Math.floor(r() * 4)),
  };
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_, k: string) => slots[k]);
  return { title: fill(t), content: fill(c) };
}

// ---- enterprise names ----
const BRAND_A = [
  '鲁',
  '齐',
  '泰',
  '华',
  '恒',
  '宏',
  '金',
  '信',
  '盛',
  '瑞',
  '海',
  '天',
  '东',
  '润',
  '汇',
  '鼎',
  '远',
  '祥',
  '泓',
  '岱',
  '舜',
  '禹',
  '蓝',
  '昌',
  '新',
  '中',
  '大',
  '永',
  '兴',
  '丰',
  '广',
  '德',
];
const BRAND_B = [
  '丰',
  '达',
  '源',
  '通',
  '泰',
  '安',
  '元',
  '利',
  '晟',
  '发',
  '辉',
  '星',
  '力',
  '诚',
  '嘉',
  '茂',
  '康',
  '顺',
  '凯',
  '新',
  '佳',
  '润',
  '邦',
  '宇',
  '博',
  '成',
  '和',
  '旺',
];
export const SUB_SECTOR_BY_WORD: Record<string, string[]> = {
  metallurgy: ['钢铁', '特钢', '冶金', '铸造'],
  nonferrous: ['铝业', '铜业', '有色金属', '镁业'],
  building: ['水泥', '建材', '玻璃', '陶瓷'],
  machinery: ['机械', '重工', '装备制造', '汽车零部件', '轴承'],
  light: ['食品', '造纸', '酿酒', '家具', '制药'],
  textile: ['纺织', '印染', '服饰', '化纤'],
  tobacco: ['卷烟', '烟叶复烤'],
  commerce: ['商贸', '物流', '仓储', '冷链'],
};
const SECTOR_WORDS: Record<'hazchem' | 'mining', string[]> = {
  hazchem: ['化工', '石化', '精细化工', '化学', '新材料', '气体', '医药化工', '农化', '石油化工', '盐化工'],
  mining: ['矿业', '石材', '金矿', '建材矿业', '砂石', '铁矿', '石英砂'],
};
const FORMS = ['有限公司', '股份有限公司', '集团有限公司', '有限责任公司'];

export function enterpriseName(r: Rng, place: string, sector: Sector, subSector: string | null): string {
  const word = pick(r, sector === 'industry' ? SUB_SECTOR_BY_WORD[subSector ?? 'machinery'] : SECTOR_WORDS[sector]);
  return `${place}${pick(r, BRAND_A)}${pick(r, BRAND_B)}${word}${pick(r, FORMS)}`;
}

export const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
  '林',
  '于',
  '宋',
  '丁',
  '曹',
  '孔',
];
export const GIVEN = [
  '建国',
  '海燕',
  '志强',
  '丽娟',
  '明',
  '静',
  '伟',
  '芳',
  '军',
  '磊',
  '洋',
  '娜',
  '涛',
  '霞',
  '斌',
  '婷',
  '鹏',
  '敏',
  '超',
  '红梅',
  '晓东',
  '文博',
  '雪',
  '立新',
];
export const personName = (r: Rng) => pick(r, SURNAMES) + pick(r, GIVEN);

export const OPINIONS = [
  '已与企业电话沟通，正在核实相关情况，将在规定时限内答复。',
  '已安排专人到企业现场了解情况，初步意见已反馈企业。',
  '已将相关政策文件发送企业，并约定进一步对接时间。',
];
export const RESULTS_SOLVED = [
  '问题已解决，企业表示认可。',
  '已协调相关部门办结，企业诉求得到满足。',
  '已现场指导企业完成整改，隐患已消除。',
  '已按规定办理完毕并告知企业。',
];
export const RESULTS_CONFIRMED = ['已向企业解释说明相关规定，依法不能满足，企业已知悉。', '经核查不属实，已向反映人说明情况。'];
export const RETURN_REASONS = ['不属于本处室职责，建议转相关处室', '诉求涉及多个处室，建议由统筹处室牵头', '属地管理事项，建议转市局办理'];
