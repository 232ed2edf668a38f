// Types and labels of the enterprise registry pages (API shapes of /api/enterprises*).
export {
  ENTERPRISE_STATUS_LABELS,
  IMPORT_STATUS_LABELS,
  OWNERSHIP_LABELS,
  SECTOR_LABELS,
  SIZE_LABELS,
  SUB_SECTOR_LABELS,
} from '../../../../shared/enterprises.ts';
export type { EnterpriseSize, EnterpriseStatus, ImportStatus, Ownership, Sector, SubSector } from '../../../../shared/enterprises.ts';
import type { EnterpriseSize, EnterpriseStatus, ImportStatus, Ownership, Sector, SubSector } from '../../../../shared/enterprises.ts';
import type { Role } from '../../api/types.ts';

export interface Contact {
  id: string;
  name: string;
  post: string | null;
  mobile: string | null;
  landline: string | null;
}

export interface Enterprise {
  id: string;
  name: string;
  uscc: string;
  regionCode: string;
  regionName: string;
  sector: Sector;
  subSector: SubSector | null;
  ownership: Ownership;
  size: EnterpriseSize;
  struggling: boolean;
  strugglingReason: string | null;
  supervisingUnitId: string | null;
  supervisingUnitName: string | null;
  address: string | null;
  status: EnterpriseStatus;
  tags: string[];
  contacts: Contact[];
  archived: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  canEdit: boolean;
  canReveal: boolean;
}

export interface RegionTree {
  code: string;
  name: string;
  counties: { code: string; name: string }[];
}

export interface EnterpriseMeta {
  regions: RegionTree[];
  canImport: boolean;
  canCreate: boolean;
}

export interface RowError {
  row: number;
  column: string;
  message: string;
}

export interface RowChange {
  row: number;
  uscc: string;
  name: string;
  archived: boolean;
  fields: { column: string; before: string; after: string }[];
}

export interface ImportSummary {
  rows?: number;
  valid?: number;
  invalid?: number;
  newCount?: number;
  existing?: number;
  existingChanged?: number;
  inserted?: number;
  updated?: number;
  skipped?: number;
  unchanged?: number;
  sheet?: string;
}

export interface ImportJob {
  id: string;
  fileName: string;
  status: ImportStatus;
  onExisting: 'update' | 'skip' | null;
  message: string | null;
  progress: number;
  total: number;
  summary: ImportSummary;
  errors: RowError[];
  errorCount: number;
  changes: RowChange[];
  changeCount: number;
  createdByName: string;
  createdAt: string;
  finishedAt: string | null;
}

/** Roles as decided on the server (enterprises.service.ts). */
export const ENTERPRISE_READERS: readonly Role[] = ['leader', 'unit_staff', 'liaison', 'unit_head', 'coordinator', 'intake', 'oversight'];

export const STATUS_COLORS: Record<EnterpriseStatus, string> = { operating: 'green', suspended: 'orange', closed: 'default' };
export const SECTOR_COLORS: Record<Sector, string> = { hazchem: 'volcano', mining: 'gold', industry: 'blue' };
