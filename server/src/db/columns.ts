// Column types shared by every schema-*.ts file: timestamps are timestamptz (times are instants; the
// business time zone, Asia/Shanghai, is applied when a day is computed), files are bytea, search
// vectors tsvector.
import { customType, timestamp } from 'drizzle-orm/pg-core';

export const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });
export const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
