// Demo enterprises (capability 2): about 200 fictional enterprises over the 16 cities and all
// sectors, so lists look alive. Deterministic (seeded RNG); USCCs are valid, computed with
// generateUscc and the county code; names, people and mobile numbers are invented.
// Half are supervised directly by the province (tenant 370000, any city), half by the city bureaus.
import { sql } from 'drizzle-orm';
import type { EnterpriseSize, Ownership, Sector, SubSector } from '../../../shared/enterprises.ts';
import type { Tx } from '../db/client.ts';
import { countiesOf } from '../domain/regions/index.ts';
import { generateUscc } from '../domain/uscc.ts';
import { CITIES } from './tenants.ts';

/** mulberry32: small, fast, deterministic. */
export function seededRng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PREFIXES = [
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
];
const MIDDLES = ['丰', '达', '源', '通', '泰', '安', '元', '利', '晟', '发', '辉', '星', '力', '诚', '嘉', '茂', '康', '顺', '凯', '新'];
const SECTOR_WORDS: Record<string, string[]> = {
  hazchem: ['化工', '石化', '精细化工', '化学', '新材料', '气体', '医药化工', '农化'],
  mining: ['矿业', '石材', '金矿', '建材矿业', '砂石'],
  metallurgy: ['钢铁', '特钢', '冶金'],
  nonferrous: ['铝业', '铜业', '有色金属'],
  building: ['水泥', '建材', '玻璃', '陶瓷'],
  machinery: ['机械', '重工', '装备制造', '汽车零部件'],
  light: ['食品', '造纸', '酿酒', '家具'],
  textile: ['纺织', '印染', '服饰'],
  tobacco: ['卷烟', '烟叶复烤'],
  commerce: ['商贸', '物流', '仓储'],
};
const FORMS = ['有限公司', '股份有限公司', '集团有限公司', '有限责任公司'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '于'];
const GIVEN = ['建国', '海燕', '志强', '丽娟', '明', '静', '伟', '芳', '军', '磊', '洋', '娜', '涛', '霞', '斌', '婷', '鹏', '敏', '超', '红梅'];
const POSTS = ['安全总监', '安全环保部部长', '总经理', '副总经理', '安全员', '办公室主任'];
const STREETS = ['经十路', '工业南路', '滨河大道', '开发区纬二路', '化工园区北路', '创业路', '黄河路', '泰山大街'];
const STRUGGLES = ['订单下降，资金周转困难', '环保改造投入大，融资困难', '原材料价格上涨，经营亏损', '受市场影响阶段性停产'];
const TAGS = ['重点监管', '安全生产标准化一级', '化工园区内', '厅领导联系点', '处室联系点', '规上企业', '专精特新'];
const SUBS: SubSector[] = ['metallurgy', 'nonferrous', 'building', 'machinery', 'light', 'textile', 'tobacco', 'commerce'];

export type DemoEnterprise = {
  tenant_code: string;
  name: string;
  uscc: string;
  region_code: string;
  sector: Sector;
  sub_sector: SubSector | null;
  ownership: Ownership;
  size: EnterpriseSize;
  struggling: boolean;
  struggling_reason: string | null;
  unit_name: string;
  address: string;
  status: string;
  tags: string[];
  contacts: { id: string; name: string; post: string; mobile: string; landline: string | null }[];
};

const PROVINCE_UNIT: Record<Sector, string> = { hazchem: '危险化学品安全监督管理处', mining: '非煤矿山安全监督管理处', industry: '安全生产基础处' };
const CITY_UNIT: Record<Sector, string> = { hazchem: '危险化学品安全监督管理科', mining: '非煤矿山安全监督管理科', industry: '工贸行业安全监督管理科' };

/** The demo set: 6 provincial + 6–7 city enterprises per city (≈200). Pure and deterministic. */
export function demoEnterprises(seed = 2023_09): DemoEnterprise[] {
  const rng = seededRng(seed);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rng() * a.length)];
  const weighted = <T>(pairs: [T, number][]) => {
    const total = pairs.reduce((s, [, w]) => s + w, 0);
    let r = rng() * total;
    for (const [v, w] of pairs) {
      r -= w;
      if (r < 0) return v;
    }
    return pairs[pairs.length - 1][0];
  };
  const uuid = () => {
    const b = Array.from({ length: 16 }, () => Math.floor(rng() * 256));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = b.map((x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
  const mobile = () => `1${pick(['35', '37', '38', '39', '50', '58', '86', '88'])}${String(Math.floor(rng() * 1e8)).padStart(8, '0')}`;
  const names = new Set<string>();
  const out: DemoEnterprise[] = [];

  const make = (tenantCode: string, cityCode: string, city: string, i: number, provincial: boolean): DemoEnterprise => {
    const county = pick(countiesOf(cityCode));
    const sector: Sector =
      i % 3 === 0
        ? 'hazchem'
        : i % 3 === 1
          ? 'industry'
          : weighted<Sector>([
              ['mining', 2],
              ['hazchem', 1],
              ['industry', 2],
            ]);
    const sub = sector === 'industry' ? pick(SUBS) : null;
    let name = '';
    while (!name || names.has(name)) {
      const word = pick(SECTOR_WORDS[sub ?? sector]);
      const brand = pick(PREFIXES) + pick(MIDDLES);
      name = provincial && rng() < 0.5 ? `山东${brand}${word}${pick(FORMS)}` : `${city}${brand}${word}${pick(FORMS)}`;
    }
    names.add(name);
    const size = provincial
      ? weighted<EnterpriseSize>([
          ['large', 5],
          ['medium', 3],
          ['small', 1],
        ])
      : weighted<EnterpriseSize>([
          ['large', 1],
          ['medium', 3],
          ['small', 4],
          ['micro', 2],
        ]);
    const ownership = weighted<Ownership>([
      ['state', provincial ? 4 : 1],
      ['private', 6],
      ['foreign', 1],
      ['hmt', 1],
      ['collective', 1],
      ['other', 0.5],
    ]);
    const struggling = rng() < 0.12;
    const contactCount = 1 + Math.floor(rng() * 2);
    const area = cityCode === '370100' ? '0531' : cityCode === '370200' ? '0532' : `0${530 + (Number(cityCode.slice(2, 4)) % 10)}`;
    const contacts = Array.from({ length: contactCount }, (_, k) => ({
      id: uuid(),
      name: pick(SURNAMES) + pick(GIVEN),
      post: k === 0 ? pick(POSTS.slice(0, 3)) : pick(POSTS.slice(3)),
      mobile: mobile(),
      landline: rng() < 0.6 ? `${area}-${String(Math.floor(8e6 + rng() * 1e6))}` : null,
    }));
    const tagCount = Math.floor(rng() * 3);
    const tags = [...new Set(Array.from({ length: tagCount }, () => pick(TAGS)))];
    return {
      tenant_code: tenantCode,
      name,
      uscc: generateUscc(rng, { regionCode: county.code }),
      region_code: county.code,
      sector,
      sub_sector: sub,
      ownership,
      size,
      struggling,
      struggling_reason: struggling ? pick(STRUGGLES) : null,
      unit_name: provincial ? PROVINCE_UNIT[sector] : CITY_UNIT[sector],
      address: `山东省${city}市${county.name}${pick(STREETS)}${1 + Math.floor(rng() * 300)}号`,
      status: weighted([
        ['operating', 18],
        ['suspended', 1.5],
        ['closed', 0.5],
      ]),
      tags,
      contacts,
    };
  };

  for (const c of CITIES) {
    for (let i = 0; i < 6; i++) out.push(make('370000', c.code, c.city, i, true));
    const n = 6 + (Number(c.code.slice(2, 4)) % 2);
    for (let i = 0; i < n; i++) out.push(make(c.code, c.code, c.city, i, false));
  }
  // The demo enterprise user is "鲁华化工联系人": give them their enterprise.
  out[0] = {
    ...out[0],
    name: '山东鲁华化工集团有限公司',
    sector: 'hazchem',
    sub_sector: null,
    unit_name: PROVINCE_UNIT.hazchem,
    size: 'large',
    status: 'operating',
  };
  return out;
}

/** Inserts the demo set in one statement (jsonb_to_recordset), inside the caller's transaction. */
export async function loadDemoEnterprises(tx: Tx): Promise<number> {
  const rows = demoEnterprises();
  const r = (await tx.execute(sql`
    INSERT INTO enterprises (tenant_id, name, uscc, region_code, sector, sub_sector, ownership, size, struggling,
                             struggling_reason, supervising_unit_id, address, status, tags, contacts, created_at, updated_at)
    SELECT t.id, d.name, d.uscc, d.region_code, d.sector, d.sub_sector, d.ownership, d.size, d.struggling,
           d.struggling_reason, u.id, d.address, d.status, d.tags, d.contacts,
           now() - (d.ord || ' hours')::interval, now() - (d.ord || ' hours')::interval
      FROM jsonb_to_recordset(${JSON.stringify(rows.map((x, i) => ({ ...x, ord: rows.length - i })))}::jsonb) AS d(
             tenant_code text, name text, uscc text, region_code text, sector text, sub_sector text, ownership text, size text,
             struggling boolean, struggling_reason text, unit_name text, address text, status text, tags text[], contacts jsonb, ord int)
      JOIN tenants t ON t.code = d.tenant_code
      LEFT JOIN units u ON u.tenant_id = t.id AND u.name = d.unit_name
    ON CONFLICT (tenant_id, uscc) DO NOTHING`)) as unknown as { rowCount?: number; affectedRows?: number };
  return r.rowCount ?? r.affectedRows ?? rows.length;
}
