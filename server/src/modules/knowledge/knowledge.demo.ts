// Demo articles of the policy knowledge base (capability 8): common questions of the three sectors,
// written for the demo. Document numbers are cited only where they are certain (national rules with
// their 令 numbers); the answers are simplified summaries, not legal advice. Most are published, a few
// are drafts or awaiting review, one is past its validity (hidden from suggestions).
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { knowledgeArticles, knowledgeArticleVersions, type KnowledgeCitation } from '../../db/schema.ts';
import { shanghaiDate } from '../../domain/calendar/index.ts';
import { documentWords } from '../appeals/index.ts';
import { listUnits } from '../units/index.ts';

const c = (title: string, docNo: string, issuer: string, date: string): KnowledgeCitation => ({ title, docNo, issuer, date, url: null });
const LAW = c('中华人民共和国安全生产法（2021年修正）', '中华人民共和国主席令第八十八号', '全国人民代表大会常务委员会', '2021-06-10');
const HAZ_BIZ = c('危险化学品经营许可证管理办法', '国家安全生产监督管理总局令第55号', '国家安全生产监督管理总局', '2012-07-17');
const PERMIT = c('安全生产许可证条例', '国务院令第397号', '国务院', '2004-01-13');
const MINE_PERMIT = c('非煤矿矿山企业安全生产许可证实施办法', '国家安全生产监督管理总局令第20号', '国家安全生产监督管理总局', '2009-06-08');
const TAILINGS = c('尾矿库安全监督管理规定', '国家安全生产监督管理总局令第38号', '国家安全生产监督管理总局', '2011-05-04');
const PLAN = c('生产安全事故应急预案管理办法', '应急管理部令第2号', '应急管理部', '2019-07-11');
const TRAINING = c('生产经营单位安全培训规定', '国家安全生产监督管理总局令第3号', '国家安全生产监督管理总局', '2006-01-17');
const SPECIAL = c('特种作业人员安全技术培训考核管理规定', '国家安全生产监督管理总局令第30号', '国家安全生产监督管理总局', '2010-05-24');
const PENALTY = c('安全生产违法行为行政处罚办法', '国家安全生产监督管理总局令第15号', '国家安全生产监督管理总局', '2007-11-30');
const HAZARD_STD = c('工贸企业重大事故隐患判定标准', '应急管理部令第10号', '应急管理部', '2023-04-14');
const DUST = c('工贸企业粉尘防爆安全规定', '应急管理部令第6号', '应急管理部', '2021-07-25');
const CONFINED = c('工贸企业有限空间作业安全规定', '应急管理部令第13号', '应急管理部', '2023-11-29');
const MAJOR_SRC = c('危险化学品重大危险源监督管理暂行规定', '国家安全生产监督管理总局令第40号', '国家安全生产监督管理总局', '2011-08-05');
const COST = c('企业安全生产费用提取和使用管理办法', '财资〔2022〕136号', '财政部、应急管理部', '2022-11-21');
const ACCIDENT = c('生产安全事故报告和调查处理条例', '国务院令第493号', '国务院', '2007-04-09');
const FIREWORKS = c('烟花爆竹经营许可实施办法', '国家安全生产监督管理总局令第65号', '国家安全生产监督管理总局', '2013-10-16');
const EVALUATORS = c('安全评价检测检验机构管理办法', '应急管理部令第1号', '应急管理部', '2019-03-20');
const PROJECTS = c('危险化学品建设项目安全监督管理办法', '国家安全生产监督管理总局令第45号', '国家安全生产监督管理总局', '2012-01-30');
const METAL = c('冶金企业和有色金属企业安全生产规定', '国家安全生产监督管理总局令第91号', '国家安全生产监督管理总局', '2018-01-04');
const CREDIT = c('安全生产严重失信主体名单管理办法', '应急管理部令第11号', '应急管理部', '2023-08-08');
const SPECIAL_WORK = c('危险化学品企业特殊作业安全规范', 'GB 30871-2022', '国家市场监督管理总局、国家标准化管理委员会', '2022-03-15');

type Demo = {
  unit: string;
  sectors: string[];
  categories: string[];
  q: string;
  a: string;
  cites: KnowledgeCitation[];
  state?: 'draft' | 'in_review';
  expired?: boolean;
};
const HAZ = '危险化学品安全监督管理处';
const MINE = '非煤矿山安全监督管理处';
const BASE = '安全生产基础处';
const PLANS = '救援预案处';
const LAW_UNIT = '政策法规处（行政许可处）';
const ENF = '安全生产执法局';
const STATS = '调查评估统计处';
const TECH = '省安全技术服务中心';

const ARTICLES: Demo[] = [
  {
    unit: LAW_UNIT,
    sectors: ['hazchem'],
    categories: ['licensing'],
    q: '危险化学品经营许可证有效期届满，如何申请延续？',
    a: '经营许可证有效期为3年。有效期届满后需要继续从事经营活动的，应当在有效期届满3个月前向原发证机关提出延续申请，提交延续申请书以及规定的文件、资料。符合条件的，发证机关予以延续；申请人在有效期内未发生违法行为且持续符合条件的，可以简化审查。',
    cites: [HAZ_BIZ],
  },
  {
    unit: LAW_UNIT,
    sectors: ['hazchem'],
    categories: ['licensing'],
    q: '企业名称、主要负责人变更后，危险化学品经营许可证如何变更？',
    a: '企业名称、注册地址、主要负责人等事项发生变更的，应当自工商变更登记之日起20个工作日内，向原发证机关提出变更申请并提交变更后的营业执照等材料。仅登记事项变更、不涉及经营条件变化的，发证机关书面审查后换发许可证，有效期不变。',
    cites: [HAZ_BIZ],
  },
  {
    unit: LAW_UNIT,
    sectors: ['hazchem'],
    categories: ['licensing'],
    q: '危险化学品经营许可证新申请需要满足哪些基本条件？',
    a: '申请人应当有符合要求的经营场所（储存设施的，储存设施须符合国家标准和安全距离要求），主要负责人和安全管理人员经考核合格，有健全的安全生产规章制度和岗位操作规程，有符合要求的应急预案和必要的应急救援器材。材料齐全的，发证机关在受理后组织审查和现场核查。',
    cites: [HAZ_BIZ],
  },
  {
    unit: LAW_UNIT,
    sectors: ['hazchem', 'mining'],
    categories: ['licensing'],
    q: '安全生产许可证有效期多长？延期时需要注意什么？',
    a: '安全生产许可证有效期为3年。需要延期的，企业应当于期满前3个月向原发证机关办理延期手续。企业在有效期内严格遵守安全生产法律法规、未发生死亡事故的，经原发证机关同意，可以不经审查直接延期3年。',
    cites: [PERMIT],
  },
  {
    unit: MINE,
    sectors: ['mining'],
    categories: ['licensing'],
    q: '非煤矿山安全生产许可证延期申请提交后多久能办结？进度在哪里查？',
    a: '延期申请受理后，发证机关按规定时限组织审查，需要现场核查的，核查时间不计入审查期限。企业可在政务服务网“办件查询”中输入受理编号查看进度；超过承诺时限仍未办结的，可通过本平台反映，由许可处室说明原因并督办。',
    cites: [MINE_PERMIT],
  },
  {
    unit: MINE,
    sectors: ['mining'],
    categories: ['licensing'],
    q: '新建尾矿库投入使用前需要办理哪些安全手续？',
    a: '尾矿库建设项目应当进行安全设施设计并经审查，施工完成后组织安全设施竣工验收，验收合格后方可投入生产运行，并依法申请安全生产许可证。尾矿库应当配备专职安全管理和技术人员，建立在线监测系统并定期开展安全现状评价。',
    cites: [TAILINGS, MINE_PERMIT],
  },
  {
    unit: MINE,
    sectors: ['mining'],
    categories: ['policy'],
    q: '非煤矿山外包工程，发包方要核查外包单位哪些资质？',
    a: '发包单位应当审查承包单位的安全生产许可证、相应施工资质和项目部主要负责人、安全管理人员的安全生产知识和管理能力考核合格证明，与承包单位签订安全生产管理协议，明确各自的安全生产职责，并将外包单位纳入本单位统一安全管理。',
    cites: [LAW],
  },
  {
    unit: MINE,
    sectors: ['mining'],
    categories: ['policy'],
    q: '矿山与外包施工单位签订的安全生产管理协议应包含哪些内容？',
    a: '协议应当明确双方的安全生产责任和义务、安全投入、现场安全管理、隐患排查治理、应急救援、事故报告以及违约责任等内容。发包方对承包方的安全生产工作统一协调、管理，定期进行安全检查，发现问题及时督促整改。',
    cites: [LAW],
  },
  {
    unit: BASE,
    sectors: ['industry'],
    categories: ['hazard', 'enforcement'],
    q: '对检查中认定的工贸行业重大事故隐患有异议怎么办？',
    a: '重大事故隐患依据《工贸企业重大事故隐患判定标准》认定。企业对认定有异议的，可以在执法程序中依法进行陈述和申辩，提交除尘系统设计、检测报告等证据；执法机关应当听取并复核。对行政处罚决定不服的，可以依法申请行政复议或者提起行政诉讼。',
    cites: [HAZARD_STD, PENALTY],
  },
  {
    unit: BASE,
    sectors: ['industry'],
    categories: ['hazard'],
    q: '铝镁等金属粉尘除尘系统改造需要符合哪些要求？',
    a: '存在铝镁等金属粉尘的，除尘系统应当按规定采取防止粉尘爆炸的措施：不同类别的可燃性粉尘不得合用同一除尘系统；干式除尘系统应当规范采用泄爆、隔爆、惰化、抑爆等措施；湿式除尘应当防止氢气积聚。改造前建议委托具备能力的单位进行设计。',
    cites: [DUST],
  },
  {
    unit: BASE,
    sectors: ['industry'],
    categories: ['policy'],
    q: '木粉尘作业场所的粉尘清扫有什么要求？',
    a: '企业应当制定粉尘清扫制度，明确清扫的范围、周期、方式和责任人，作业场所积尘应当及时清理，清扫时不得使用压缩空气吹扫等产生扬尘的方式，并建立清扫记录台账。',
    cites: [DUST],
  },
  {
    unit: BASE,
    sectors: ['industry'],
    categories: ['policy'],
    q: '工贸企业有限空间作业前需要履行哪些程序？',
    a: '有限空间作业应当严格执行“先通风、再检测、后作业”：作业前进行安全风险辨识、制定作业方案并经审批，对作业人员进行安全交底；作业前和作业中进行气体检测，设置专人监护，配备必要的防护和应急救援装备，严禁盲目施救。',
    cites: [CONFINED],
  },
  {
    unit: BASE,
    sectors: ['industry'],
    categories: ['policy'],
    q: '有限空间的安全警示标识应当怎样设置？',
    a: '企业应当对有限空间进行辨识，建立有限空间管理台账，并在有限空间出入口等醒目位置设置明显的安全警示标志，标明有限空间名称、主要危险有害因素和防控措施，防止人员未经许可进入。',
    cites: [CONFINED],
  },
  {
    unit: BASE,
    sectors: ['industry'],
    categories: ['policy'],
    q: '冶金企业煤气区域的一氧化碳报警仪如何检定和维护？',
    a: '煤气危险区域应当设置固定式一氧化碳监测报警装置，并按规定定期检定或者校准，确保完好有效；进入煤气区域作业应当携带便携式一氧化碳检测报警仪。报警装置的检定记录应当建档备查。',
    cites: [METAL],
  },
  {
    unit: BASE,
    sectors: ['industry'],
    categories: ['policy'],
    q: '煤气管道检修动火作业有哪些安全要求？',
    a: '煤气设施检修动火应当办理动火审批，可靠切断煤气来源并吹扫置换，经检测合格后方可动火，作业过程中持续监测，现场设专人监护并配备应急器材。带煤气作业应当制定专项方案并严格执行。',
    cites: [METAL],
  },
  {
    unit: BASE,
    sectors: ['industry'],
    categories: ['policy'],
    q: '涉氨制冷企业的液氨使用有哪些安全要求？',
    a: '涉氨制冷企业应当确保氨制冷机房与其他场所有效隔离，设置氨气浓度报警装置并与事故排风机联锁，配备必要的应急防护器材，严格落实液氨充装、检修等作业管理，定期开展泄漏应急演练。',
    cites: [],
  },
  {
    unit: HAZ,
    sectors: ['hazchem'],
    categories: ['policy'],
    q: '危险化学品企业动火作业如何分级，由谁审批？',
    a: '动火作业分为特级、一级和二级，作业前必须办理动火安全作业票。特级动火作业票由主要负责人审批，一级动火作业票由安全管理负责人审批，二级动火作业票由所在基层单位负责人审批；作业票有效期和现场监护要求按标准执行。',
    cites: [SPECIAL_WORK],
  },
  {
    unit: HAZ,
    sectors: ['hazchem'],
    categories: ['policy'],
    q: '装置检修中的高处作业需要注意什么？',
    a: '高处作业应当办理高处安全作业票，按作业高度分级管理；作业人员应当正确佩戴安全带并做到高挂低用，下方设警戒区，恶劣天气停止露天高处作业。与动火、受限空间等作业交叉时应当同时办理相应作业票。',
    cites: [SPECIAL_WORK],
  },
  {
    unit: HAZ,
    sectors: ['hazchem'],
    categories: ['hazard', 'policy'],
    q: '储罐区如何辨识是否构成危险化学品重大危险源？',
    a: '企业应当按照《危险化学品重大危险源辨识》标准，对储存危险化学品的单元进行辨识，计算各物质实际存在量与临界量的比值之和，大于或等于1即构成重大危险源，并进行分级。构成重大危险源的，应当登记建档并向所在地应急管理部门备案。',
    cites: [MAJOR_SRC],
  },
  {
    unit: HAZ,
    sectors: ['hazchem'],
    categories: ['policy'],
    q: '重大危险源安全包保责任人需要履行哪些职责？',
    a: '企业应当明确重大危险源的主要负责人、技术负责人和操作负责人，分别承担包保责任，按规定频次开展安全检查，组织落实风险管控措施，督促隐患整改，并在信息系统中如实记录履职情况。',
    cites: [MAJOR_SRC],
  },
  {
    unit: HAZ,
    sectors: ['hazchem'],
    categories: ['licensing'],
    q: '危险化学品建设项目安全条件审查要多长时间？',
    a: '建设单位提交安全条件审查申请及安全评价报告等材料，材料齐全的予以受理，审查机关在规定期限内作出审查决定；需要专家评审或现场核查的，所需时间按规定不计入审查期限。具体承诺时限以政务服务事项清单公布为准。',
    cites: [PROJECTS],
  },
  {
    unit: HAZ,
    sectors: ['hazchem'],
    categories: ['licensing'],
    q: '建设项目试生产期限届满装置仍未稳定，能否延长试生产？',
    a: '建设项目试生产期限一般不少于30日、不超过1年。试生产期限届满前仍需继续试生产的，建设单位应当说明原因，对试生产方案进行调整完善，并按规定报告后延长，延长期限累计不得超过规定上限。',
    cites: [PROJECTS],
  },
  {
    unit: HAZ,
    sectors: ['hazchem'],
    categories: ['policy'],
    q: '危险化学品充装前应当查验运输车辆的哪些内容？',
    a: '充装单位应当查验运输车辆的道路运输证、罐体检验合格证明，驾驶人员、押运人员的从业资格证，核对所装货物与罐体适装介质是否一致；查验不合格的不得充装，并做好充装记录。',
    cites: [],
  },
  {
    unit: HAZ,
    sectors: ['hazchem'],
    categories: ['policy'],
    q: '化工园区外的危险化学品生产企业是否必须搬迁入园？',
    a: '新建危险化学品生产项目应当进入认定的化工园区。对园区外现有企业，按照城镇人口密集区危险化学品生产企业搬迁改造和本地化工产业布局规划分类处置，具体期限和支持政策以当地政府公布的方案为准，可向所在市应急管理局咨询。',
    cites: [],
  },
  {
    unit: HAZ,
    sectors: ['hazchem'],
    categories: ['policy'],
    q: '园区对危险化学品装卸作业时段的限制有依据吗？',
    a: '装卸作业时段的具体安排一般由园区根据安全风险评估和周边环境确定，企业应当遵守园区的统一管理规定。对限制措施有意见的，可以通过本平台反映，由属地应急管理部门会同园区研究，在确保安全的前提下优化安排。',
    cites: [],
  },
  {
    unit: PLANS,
    sectors: ['hazchem', 'mining', 'industry'],
    categories: ['policy'],
    q: '企业修订生产安全事故应急预案后如何备案？',
    a: '生产经营单位应当在应急预案公布之日起20个工作日内，按照分级属地原则，向县级以上应急管理部门和其他负有安全生产监督管理职责的部门进行备案，提交备案申请表、评审或论证意见、应急预案文本及电子文档、风险评估和应急资源调查结果等材料。',
    cites: [PLAN],
  },
  {
    unit: PLANS,
    sectors: ['hazchem', 'mining', 'industry'],
    categories: ['policy'],
    q: '企业每年应当组织几次应急预案演练？',
    a: '生产经营单位应当制定本单位的应急预案演练计划，每年至少组织一次综合应急预案演练或者专项应急预案演练，每半年至少组织一次现场处置方案演练。危险化学品、矿山等高危行业单位应当至少每半年组织一次生产安全事故应急预案演练，并将演练情况报送所在地应急管理部门。',
    cites: [PLAN],
  },
  {
    unit: LAW_UNIT,
    sectors: ['hazchem', 'mining', 'industry'],
    categories: ['policy'],
    q: '新任主要负责人如何参加安全生产知识和管理能力考核？',
    a: '危险化学品、金属冶炼、矿山等行业生产经营单位的主要负责人和安全生产管理人员，应当自任职之日起6个月内，由应急管理部门对其安全生产知识和管理能力考核合格。企业可通过省级考试报名系统报名，按公布的考点和时间参加考试。',
    cites: [TRAINING, LAW],
  },
  {
    unit: LAW_UNIT,
    sectors: ['hazchem', 'mining', 'industry'],
    categories: ['policy'],
    q: '特种作业操作证逾期未复审怎么办？',
    a: '特种作业操作证每3年复审1次，复审应当在期满前60日内提出申请。未按期复审或者复审不合格的，操作证失效，需要重新参加培训考核取证后方可从事相应作业。在有效期内连续从事本工种10年以上且严格遵守法规的，经确认可以延长复审时间。',
    cites: [SPECIAL],
  },
  {
    unit: LAW_UNIT,
    sectors: ['hazchem', 'mining', 'industry'],
    categories: ['policy'],
    q: '企业新入职员工的安全培训学时有什么要求？',
    a: '生产经营单位新上岗的从业人员，岗前安全培训时间不得少于24学时；煤矿、非煤矿山、危险化学品、烟花爆竹、金属冶炼等生产经营单位新上岗的从业人员安全培训时间不得少于72学时，每年再培训的时间不得少于20学时。',
    cites: [TRAINING],
  },
  {
    unit: ENF,
    sectors: ['hazchem', 'mining', 'industry'],
    categories: ['enforcement'],
    q: '收到行政处罚告知书后，如何申请听证？',
    a: '对较大数额罚款等依法可以要求听证的行政处罚，当事人应当在收到告知书之日起5日内提出听证申请；逾期未提出的，视为放弃听证权利。执法机关在举行听证7日前通知听证的时间、地点，听证后依法作出决定。',
    cites: [PENALTY],
  },
  {
    unit: ENF,
    sectors: ['hazchem', 'mining', 'industry'],
    categories: ['enforcement'],
    q: '经营困难，安全生产罚款能否分期或延期缴纳？',
    a: '当事人确有经济困难，需要延期或者分期缴纳罚款的，可以向作出行政处罚决定的机关提出书面申请，说明理由并提供相关证明材料，经批准后可以暂缓或者分期缴纳。',
    cites: [PENALTY],
  },
  {
    unit: ENF,
    sectors: ['hazchem', 'mining', 'industry'],
    categories: ['enforcement'],
    q: '执法人员到企业检查时应当出示执法证件吗？',
    a: '行政执法人员进行监督检查时，应当不少于2人，并主动出示有效的行政执法证件，说明检查事项。企业对检查人员身份有疑问的，可以拨打所在地应急管理部门值班电话核实，也可以通过本平台反映。',
    cites: [PENALTY],
  },
  {
    unit: ENF,
    sectors: ['hazchem', 'mining', 'industry'],
    categories: ['enforcement'],
    q: '初次轻微安全生产违法行为并及时改正，是否一定会被处罚？',
    a: '违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚；初次违法且危害后果轻微并及时改正的，可以不予行政处罚。执法机关会对当事人进行教育，并结合具体情况依法判断。',
    cites: [],
  },
  {
    unit: ENF,
    sectors: ['hazchem', 'mining', 'industry'],
    categories: ['enforcement'],
    q: '同一时期多个检查组重复检查，企业如何反映？',
    a: '应急管理部门推行“综合查一次”和年度监督检查计划统筹，减少重复检查。企业认为检查过于频繁、内容重复的，可以通过本平台反映具体检查时间和单位，由执法处室核实并统筹安排。',
    cites: [],
  },
  {
    unit: ENF,
    sectors: ['hazchem', 'mining', 'industry'],
    categories: ['enforcement'],
    q: '安全生产行政处罚信息如何申请信用修复？',
    a: '行政处罚履行完毕并完成整改的，企业可以按照信用修复的有关规定，向作出处罚决定的部门或者信用平台提出修复申请，提交履行完毕的证明和整改材料。列入严重失信主体名单的，按名单管理办法的期限和程序申请移出。',
    cites: [CREDIT],
  },
  {
    unit: STATS,
    sectors: ['hazchem', 'mining', 'industry'],
    categories: ['policy'],
    q: '员工轻伤事故是否需要向应急管理部门报告？',
    a: '生产安全事故按造成的伤亡人数和直接经济损失分级报告。发生死亡、重伤或者较大经济损失的事故，单位负责人接到报告后应当在1小时内向事故发生地县级以上应急管理部门报告。一般轻伤事件按企业内部制度记录、调查并落实防范措施。',
    cites: [ACCIDENT],
  },
  {
    unit: STATS,
    sectors: ['hazchem', 'mining', 'industry'],
    categories: ['policy'],
    q: '已结案的生产安全事故调查报告在哪里查询？',
    a: '事故调查报告经批复后，除依法应当保密的内容外，由负责事故调查的人民政府或其授权的部门向社会公布，一般可在当地人民政府或应急管理部门门户网站的“事故调查报告”栏目查询。',
    cites: [ACCIDENT],
  },
  {
    unit: BASE,
    sectors: ['industry'],
    categories: ['policy'],
    q: '机械制造企业安全生产费用按什么比例提取，可以用于哪些支出？',
    a: '机械制造企业以上一年度营业收入为依据，按照规定的超额累退方式确定本年度应计提金额，并逐月平均提取。安全生产费用可用于完善、改造和维护安全防护设施设备，配备和更新现场作业人员安全防护用品，开展安全培训、应急演练、隐患排查治理等支出。',
    cites: [COST],
  },
  {
    unit: LAW_UNIT,
    sectors: ['hazchem', 'mining', 'industry'],
    categories: ['policy'],
    q: '哪些企业应当投保安全生产责任保险？',
    a: '属于国家规定的高危行业、领域的生产经营单位，应当投保安全生产责任保险，包括矿山、危险化学品、烟花爆竹、交通运输、建筑施工、民用爆炸物品、金属冶炼、渔业生产等。保险费率按照风险程度、事故记录等因素确定。',
    cites: [LAW],
  },
  {
    unit: LAW_UNIT,
    sectors: ['hazchem'],
    categories: ['licensing'],
    q: '开设烟花爆竹零售点需要什么条件？',
    a: '烟花爆竹零售经营者应当符合所在地零售经营布点规划，有符合要求的零售场所和安全设施，主要负责人经过安全培训，并向所在地县级应急管理部门申请零售经营许可证。零售场所不得与居住场所设置在同一建筑物内。',
    cites: [FIREWORKS],
  },
  {
    unit: TECH,
    sectors: ['hazchem', 'mining', 'industry'],
    categories: ['complaint'],
    q: '对安全评价机构的收费或出具报告拖延不满意，如何反映？',
    a: '安全评价机构应当依法独立开展评价，按合同约定及时出具报告，收费应当公开透明。企业对评价机构的服务质量、收费或者出具报告时限有意见的，可以向对该机构实施监管的应急管理部门反映，也可以通过本平台提交，由相关处室核查处理。',
    cites: [EVALUATORS],
  },
  {
    unit: BASE,
    sectors: ['industry'],
    categories: ['policy'],
    q: '工贸企业安全生产标准化三级如何申请评审？',
    a: '企业按照相应行业标准开展自评，自评达到要求后向负责三级评审的组织单位提出申请，由评审组织单位组织评审并公告。取得证书后企业应当持续运行，证书有效期满前按规定申请复评。',
    cites: [],
    state: 'in_review',
  },
  {
    unit: BASE,
    sectors: ['industry'],
    categories: ['policy'],
    q: '春节后复工复产前，企业应当做好哪些安全准备？',
    a: '复工前应当组织一次全面的安全检查，重点检查设备设施、电气线路、危险物品储存和消防设施；对返岗人员开展复工安全教育，告知岗位风险；对长期停用的设备进行检修调试，确认安全后逐步恢复生产。',
    cites: [],
    expired: true,
  },
  {
    unit: HAZ,
    sectors: ['hazchem'],
    categories: ['policy'],
    q: '安全风险分级管控清单不会编制，能否申请上门指导？',
    a: '企业可以通过本平台提出技术服务需求，由危化处协调省安全技术服务中心或属地专家提供指导。编制清单时应当以岗位、设备和作业活动为单元全面辨识风险，按风险等级明确管控层级和责任人。',
    cites: [],
    state: 'draft',
  },
  {
    unit: MINE,
    sectors: ['mining'],
    categories: ['policy'],
    q: '露天矿山边坡监测有哪些基本要求？',
    a: '露天矿山应当对边坡进行定期检查和监测，高陡边坡应当建立在线监测系统，发现裂缝、滑移等异常情况及时撤离人员并处置。边坡参数应当符合设计，严禁超挖、掏采。',
    cites: [],
    state: 'draft',
  },
];

/** Loads the demo articles into a tenant (the province): its units must exist. Returns the count. */
export async function loadKnowledgeDemo(db: DbOrTx, tenantId: string, now = new Date()): Promise<number> {
  const units = await listUnits(db, tenantId, false);
  const unitId = new Map(units.map((u) => [u.name, u.id]));
  const today = shanghaiDate(now);
  const year = Number(today.slice(0, 4));
  const rows = ARTICLES.flatMap((d, i) => {
    const unit = unitId.get(d.unit);
    if (!unit) return [];
    const state = d.state ?? 'published';
    const validFrom = `${year - 1}-01-01`;
    const validTo = d.expired ? `${year - 1}-03-31` : i % 5 === 0 ? `${year + 2}-12-31` : null;
    const at = new Date(now.getTime() - (ARTICLES.length - i) * 86_400_000);
    return [{ d, unit, state, validFrom, validTo, at }];
  });
  if (!rows.length) return 0;
  // One statement for the articles, one for their first versions.
  const ids = await db
    .insert(knowledgeArticles)
    .values(
      rows.map(({ d, unit, state, validFrom, validTo, at }) => ({
        tenantId,
        unitId: unit,
        state,
        question: d.q,
        answer: d.a,
        citations: d.cites,
        sectors: d.sectors,
        categories: d.categories,
        validFrom,
        validTo,
        revision: 1,
        publishedRevision: state === 'published' ? 1 : null,
        publishedAt: state === 'published' ? at : null,
        expiryNotifiedFor: d.expired ? validTo : null,
        searchVector:
          sql`to_tsvector('simple', ${documentWords(d.q, d.a, d.cites.map((x) => `${x.docNo} ${x.title} ${x.issuer}`).join(' '))})` as unknown as string,
        createdAt: at,
        updatedAt: at,
      })),
    )
    .returning({ id: knowledgeArticles.id, question: knowledgeArticles.question });
  const idOf = new Map(ids.map((r) => [r.question, r.id]));
  await db.insert(knowledgeArticleVersions).values(
    rows.map(({ d, validFrom, validTo, at }) => ({
      tenantId,
      articleId: idOf.get(d.q)!,
      revision: 1,
      question: d.q,
      answer: d.a,
      citations: d.cites,
      validFrom,
      validTo,
      savedBy: d.unit,
      savedAt: at,
    })),
  );
  const n = rows.length;
  return n;
}
