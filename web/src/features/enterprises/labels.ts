// Labels and colours of the enterprise registry pages (the vocabularies are shared/enterprises.ts).
import type { EnterpriseStatus, Sector } from '../../../../shared/enterprises.ts';

export {
  ENTERPRISE_STATUS_LABELS,
  IMPORT_STATUS_LABELS,
  OWNERSHIP_LABELS,
  SECTOR_LABELS,
  SIZE_LABELS,
  SUB_SECTOR_LABELS,
} from '../../../../shared/enterprises.ts';

export const STATUS_COLORS: Record<EnterpriseStatus, string> = { operating: 'green', suspended: 'orange', closed: 'default' };
export const SECTOR_COLORS: Record<Sector, string> = { hazchem: 'volcano', mining: 'gold', industry: 'blue' };
