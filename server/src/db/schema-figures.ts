// Figures roll-up (issue 8, R7.2): the 2115 counts of every tenant × Asia/Shanghai day × lead unit,
// kept by the 'figures-rollup' task from the appeals timeline (modules/appeals/appeals.rollup.ts),
// so a tenant-year dashboard sums ≈ 365 × units rows instead of scanning the appeals of the year.
// received-based counts sit on the day of receipt, `closed` on the day of closing, evaluations on
// the day they were given — the same attribution as the live aggregate (appeals.figures.ts).
import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './schema-core.ts';

const count = (name: string) => integer(name).notNull().default(0);

export const appealFiguresDaily = pgTable(
  'appeal_figures_daily',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    day: date('day', { mode: 'string' }).notNull(),
    /** Lead unit; null for appeals not dispatched (yet). No FK: a bucket may outlive an archived unit. */
    unitId: uuid('unit_id'),
    received: count('received'),
    closed: count('closed'),
    answeredOnSpot: count('answered_on_spot'),
    contactOnTime: count('contact_on_time'),
    contactDue: count('contact_due'),
    opinionOnTime: count('opinion_on_time'),
    opinionDue: count('opinion_due'),
    resolutionOnTime: count('resolution_on_time'),
    resolutionDue: count('resolution_due'),
    solved: count('solved'),
    resolved: count('resolved'),
    satisfied: count('satisfied'),
    evaluated: count('evaluated'),
    computedAt: timestamp('computed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('appeal_figures_daily_tenant_day_idx').on(t.tenantId, t.day)],
);

/**
 * The same counts per tenant × month × lead unit (issue 16), the sums of the month's daily buckets,
 * recomputed by the same run whenever one of its days is: a province-year with its 16 cities sums
 * ≈ 2,000 rows instead of ≈ 60,000. `month` is the month's first day.
 */
export const appealFiguresMonthly = pgTable(
  'appeal_figures_monthly',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    month: date('month', { mode: 'string' }).notNull(),
    unitId: uuid('unit_id'),
    received: count('received'),
    closed: count('closed'),
    answeredOnSpot: count('answered_on_spot'),
    contactOnTime: count('contact_on_time'),
    contactDue: count('contact_due'),
    opinionOnTime: count('opinion_on_time'),
    opinionDue: count('opinion_due'),
    resolutionOnTime: count('resolution_on_time'),
    resolutionDue: count('resolution_due'),
    solved: count('solved'),
    resolved: count('resolved'),
    satisfied: count('satisfied'),
    evaluated: count('evaluated'),
    computedAt: timestamp('computed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('appeal_figures_monthly_tenant_month_idx').on(t.tenantId, t.month)],
);

/**
 * Tenants whose buckets are built, and the timeline event id up to which they are current. A tenant
 * without a row is served by the live aggregate until the task builds it (a new tenant, or before
 * the first run).
 */
export const appealFiguresTenants = pgTable('appeal_figures_tenants', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id),
  cursor: bigint('cursor', { mode: 'number' }).notNull(),
  /**
   * Event ids at or below the cursor that the run could not see (a transaction still in flight, or an
   * id never used): readers and the next run recompute the buckets of those that have appeared since.
   */
  holes: bigint('holes', { mode: 'number' }).array().notNull().default(sql`'{}'::bigint[]`),
  builtAt: timestamp('built_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  refreshedAt: timestamp('refreshed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

// Hot-topic roll-up (issue 19, capability 8): per tenant × Asia/Shanghai day of receipt × the appeal's
// sector, how many appeals mention each keyword (domain/assistance/hot-topics.ts keywordSet of the
// jieba words of title and content) and how many appeals of each category there are, kept by the
// 'hot-words-rollup' task (modules/appeals/appeals.words-rollup.ts) from the appeals timeline, so hot
// topics of a province-month sum stored rows instead of splitting ≈ 80,000 texts per request.
// Owned by the appeals module (it owns the texts, the timeline the cursor follows, and the splitter);
// assistance reads it only through the appeals module's index.ts. `sector` is '' for an appeal
// without one.

export const appealWordsDaily = pgTable(
  'appeal_words_daily',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    day: date('day', { mode: 'string' }).notNull(),
    sector: text('sector').notNull().default(''),
    word: text('word').notNull(),
    /** Appeals of the bucket whose keywords include the word. */
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.day, t.sector, t.word] })],
);

/** Appeals per tenant × day of receipt × sector × category: the hot-topic categories and, summed, the number of appeals. */
export const appealCategoriesDaily = pgTable(
  'appeal_categories_daily',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    day: date('day', { mode: 'string' }).notNull(),
    sector: text('sector').notNull().default(''),
    category: text('category').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.day, t.sector, t.category] })],
);

/** Tenants whose hot-word buckets are built, and up to which timeline event (as appeal_figures_tenants). */
export const appealWordsTenants = pgTable('appeal_words_tenants', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id),
  cursor: bigint('cursor', { mode: 'number' }).notNull(),
  holes: bigint('holes', { mode: 'number' }).array().notNull().default(sql`'{}'::bigint[]`),
  builtAt: timestamp('built_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  refreshedAt: timestamp('refreshed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  /**
   * On a tenant with city bureaus (the province): when appeal_topics_scope_daily was last built in full
   * for it and its cities; null until then, and again whenever one of them is rebuilt.
   */
  scopeBuiltAt: timestamp('scope_built_at', { withTimezone: true, mode: 'date' }),
});

/**
 * The province-wide buckets (issue 19): for a tenant with city bureaus (root_id), the sums over it and its
 * cities of appeal_words_daily (kind 'w') and appeal_categories_daily (kind 'c') per day × sector × key,
 * kept by the same task in the same transaction as the tenant buckets; sector '*' rows are the sums over
 * every sector. Hot topics of the province with its cities read ≈ 1/11 of the rows of its 17 tenants'
 * buckets (measured at 1M for 150 days: 63,000 '*' rows against 720,000), and its own and each city's
 * buckets only for days touched since the last run.
 */
export const appealTopicsScopeDaily = pgTable(
  'appeal_topics_scope_daily',
  {
    rootId: uuid('root_id')
      .notNull()
      .references(() => tenants.id),
    day: date('day', { mode: 'string' }).notNull(),
    sector: text('sector').notNull().default(''),
    kind: text('kind', { enum: ['w', 'c'] }).notNull(),
    key: text('key').notNull(),
    n: integer('n').notNull(),
  },
  // The primary key also carries n (INCLUDE, custom migration 0038): the sums are index-only scans.
  // By day: a run's refresh deletes the touched days of a root (issue 20: through the key, whose day
  // comes after kind and sector, that DELETE read every row of the province, 2.4M at 1M appeals).
  (t) => [primaryKey({ columns: [t.rootId, t.kind, t.sector, t.day, t.key] }), index('appeal_topics_scope_daily_day_idx').on(t.rootId, t.day)],
);
