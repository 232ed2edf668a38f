// Enterprise registry vocabularies (capability 2), shared by server and web. Ids are English,
// labels are what users see and what the Excel template / import uses.
import { SECTORS, SECTOR_LABELS, type Sector } from './roles.ts';

export { SECTORS, SECTOR_LABELS, type Sector };

/** 工贸 sub-sectors (PRODUCT.md: 冶金、有色、建材、机械、轻工、纺织、烟草、商贸). Only for sector 'industry'. */
export const SUB_SECTORS = ['metallurgy', 'nonferrous', 'building', 'machinery', 'light', 'textile', 'tobacco', 'commerce'] as const;
export type SubSector = (typeof SUB_SECTORS)[number];
export const SUB_SECTOR_LABELS: Record<SubSector, string> = {
  metallurgy: '冶金',
  nonferrous: '有色',
  building: '建材',
  machinery: '机械',
  light: '轻工',
  textile: '纺织',
  tobacco: '烟草',
  commerce: '商贸',
};

export const OWNERSHIPS = ['state', 'private', 'foreign', 'hmt', 'collective', 'other'] as const;
export type Ownership = (typeof OWNERSHIPS)[number];
export const OWNERSHIP_LABELS: Record<Ownership, string> = {
  state: '国有',
  private: '民营',
  foreign: '外资',
  hmt: '港澳台',
  collective: '集体',
  other: '其他',
};

export const SIZES = ['large', 'medium', 'small', 'micro'] as const;
export type EnterpriseSize = (typeof SIZES)[number];
export const SIZE_LABELS: Record<EnterpriseSize, string> = { large: '大型', medium: '中型', small: '小型', micro: '微型' };

export const ENTERPRISE_STATUSES = ['operating', 'suspended', 'closed'] as const;
export type EnterpriseStatus = (typeof ENTERPRISE_STATUSES)[number];
export const ENTERPRISE_STATUS_LABELS: Record<EnterpriseStatus, string> = { operating: '在营', suspended: '停产', closed: '关闭' };

export const MAX_CONTACTS = 10;
export const MAX_TAGS = 10;

/** Personal-data rule (个人信息保护法): mobiles are shown as 138****1234 unless revealed. */
export const maskMobile = (m: string | null | undefined): string | null => (m ? `${m.slice(0, 3)}****${m.slice(-4)}` : null);
export const isMaskedMobile = (m: string) => /^1\d{2}\*{4}\d{4}$/.test(m);

/** Import job states (see server/src/modules/enterprises/enterprises.import.ts). */
export const IMPORT_STATUSES = ['uploaded', 'validating', 'ready', 'rejected', 'queued', 'importing', 'done', 'failed', 'cancelled'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
export const IMPORT_STATUS_LABELS: Record<ImportStatus, string> = {
  uploaded: '等待校验',
  validating: '正在校验',
  ready: '校验完成，待确认',
  rejected: '文件无法导入',
  queued: '等待导入',
  importing: '正在导入',
  done: '导入完成',
  failed: '导入失败，未写入任何数据',
  cancelled: '已取消',
};
export const IMPORT_MAX_ROWS = 100_000;
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
