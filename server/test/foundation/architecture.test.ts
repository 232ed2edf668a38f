// The architecture rules (issue 13) are real checks, not wishes:
// 1. every rule of .dependency-cruiser.cjs fires on a deliberate violation — and only there — when the
//    CLI that CI runs (`npm run lint:arch`) cruises a small tree built for it, and the run fails
//    naming the rule;
// 2. table ownership, which an import graph cannot see: every table has one owning capability, and a
//    module's SQL names another capability's table only where listed below with the reason (a join
//    that names or scopes the module's own rows, or a set-based write in the same statement). Reading
//    another capability's rows is a call to that module's index.ts.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SRC = path.join(ROOT, 'server/src');
const run = promisify(execFile);

// ---------------------------------------------------------------- 1. the import rules fire

/** file → its imports (relative paths or packages). One or more deliberate violations per rule, and allowed neighbours. */
const FIXTURE: Record<string, string[]> = {
  // no-circular
  'server/src/lib/a.ts': ['./b.ts'],
  'server/src/lib/b.ts': ['./a.ts'],
  // domain-is-pure, domain-no-io-packages (errors.ts and other domain files are fine)
  'server/src/domain/bad.ts': ['../db/client.ts', 'drizzle-orm'],
  'server/src/domain/ok.ts': ['../errors.ts', './bad-free.ts'],
  'server/src/domain/bad-free.ts': [],
  'server/src/errors.ts': [],
  'server/src/db/client.ts': ['drizzle-orm'],
  // web-imports-web-and-shared
  'web/src/page.tsx': ['../../server/src/errors.ts', '../../shared/ok.ts', './part.tsx'],
  'web/src/part.tsx': [],
  // shared-stands-alone
  'shared/bad.ts': ['../server/src/errors.ts', 'fastify'],
  'shared/ok.ts': [],
  // module-through-index: alpha uses beta's repository (violation) and its index (allowed)
  'server/src/modules/alpha/alpha.service.ts': ['../beta/beta.repository.ts', '../beta/index.ts', './alpha.repository.ts'],
  'server/src/modules/alpha/alpha.repository.ts': ['../../db/client.ts'],
  'server/src/modules/beta/beta.repository.ts': [],
  'server/src/modules/beta/beta.service.ts': ['./beta.repository.ts'],
  'server/src/modules/beta/beta.routes.ts': ['./beta.service.ts'],
  // index-has-no-http: beta's index re-exports its routes
  'server/src/modules/beta/index.ts': ['./beta.service.ts', './beta.routes.ts'],
  // outside-through-index, registry-only-from-app: a job reaching into a module and into the registry
  'server/src/jobs/job.ts': ['../modules/beta/beta.service.ts', '../modules/beta/index.ts', '../modules/index.ts'],
  // registry-imports-routes
  'server/src/modules/index.ts': ['./alpha/alpha.routes.ts', './beta/beta.service.ts'],
  'server/src/app.ts': ['./modules/index.ts'],
  // routes-hold-no-sql, services-not-http
  'server/src/modules/alpha/alpha.routes.ts': ['./alpha.service.ts', './alpha.repository.ts', '../../db/schema.ts', 'drizzle-orm', '../../http/context.ts'],
  'server/src/db/schema.ts': [],
  'server/src/http/context.ts': [],
  'server/src/modules/alpha/alpha.actions.ts': ['fastify', '../../http/context.ts', './alpha.service.ts'],
};

/** [rule, from, to]: exactly the violations the fixture must produce (paths as depcruise prints them). */
const EXPECTED: [string, string, string][] = [
  ['no-circular', 'server/src/lib/a.ts', 'server/src/lib/b.ts'],
  ['domain-is-pure', 'server/src/domain/bad.ts', 'server/src/db/client.ts'],
  ['domain-no-io-packages', 'server/src/domain/bad.ts', 'drizzle-orm'],
  ['web-imports-web-and-shared', 'web/src/page.tsx', 'server/src/errors.ts'],
  ['shared-stands-alone', 'shared/bad.ts', 'server/src/errors.ts'],
  ['shared-stands-alone', 'shared/bad.ts', 'fastify'],
  ['module-through-index', 'server/src/modules/alpha/alpha.service.ts', 'server/src/modules/beta/beta.repository.ts'],
  ['index-has-no-http', 'server/src/modules/beta/index.ts', 'server/src/modules/beta/beta.routes.ts'],
  ['outside-through-index', 'server/src/jobs/job.ts', 'server/src/modules/beta/beta.service.ts'],
  ['registry-only-from-app', 'server/src/jobs/job.ts', 'server/src/modules/index.ts'],
  ['registry-imports-routes', 'server/src/modules/index.ts', 'server/src/modules/beta/beta.service.ts'],
  ['routes-hold-no-sql', 'server/src/modules/alpha/alpha.routes.ts', 'server/src/modules/alpha/alpha.repository.ts'],
  ['routes-hold-no-sql', 'server/src/modules/alpha/alpha.routes.ts', 'server/src/db/schema.ts'],
  ['routes-hold-no-sql', 'server/src/modules/alpha/alpha.routes.ts', 'drizzle-orm'],
  ['services-not-http', 'server/src/modules/alpha/alpha.actions.ts', 'fastify'],
  ['services-not-http', 'server/src/modules/alpha/alpha.actions.ts', 'server/src/http/context.ts'],
];

const importLine = (spec: string, n: number) =>
  spec.startsWith('.') ? `import * as m${n} from '${spec}';\nvoid m${n};` : `import type * as m${n} from '${spec}';\nexport type T${n} = typeof m${n};`;

test('issue 13: every architecture rule fails the lint on a deliberate violation, names itself, and lets the allowed neighbours pass', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zqt-arch-'));
  try {
    for (const [file, imports] of Object.entries(FIXTURE)) {
      fs.mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), `${imports.map(importLine).join('\n')}\nexport const here = '${file}';\n`);
    }
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    fs.writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'nodenext', allowImportingTsExtensions: true, noEmit: true, jsx: 'react-jsx' } }),
    );
    const bin = path.join(ROOT, 'node_modules/.bin/depcruise');
    const args = ['server', 'shared', 'web/src', '--config', path.join(ROOT, '.dependency-cruiser.cjs')];
    // As CI runs it: a non-zero exit, and each violation printed with the rule's name and its comment.
    const ci = await run(bin, [...args, '--output-type', 'err-long'], { cwd: dir }).then(
      () => null,
      (err: { code: number; stdout: string }) => err,
    );
    assert.ok(ci && ci.code !== 0, 'the lint must fail');
    const rules = createRequire(import.meta.url)(path.join(ROOT, '.dependency-cruiser.cjs')).forbidden as { name: string; comment: string }[];
    const flat = (s: string) => s.replace(/\s+/g, ' ');
    for (const r of rules)
      assert.ok(ci.stdout.includes(`error ${r.name}:`) && flat(ci.stdout).includes(flat(r.comment)), `the output names ${r.name} and says why`);
    // Exactly the deliberate violations: every rule proven to fire, no rule firing on an allowed import.
    const json = await run(bin, [...args, '--output-type', 'json'], { cwd: dir, maxBuffer: 32 * 1024 * 1024 }).then(
      (r) => r.stdout,
      (err: { stdout: string }) => err.stdout,
    );
    const violations = (JSON.parse(json).summary.violations as { rule: { name: string }; from: string; to: string }[]).map((v) => [
      v.rule.name,
      v.from,
      v.to.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+)\/.*$/, '$1'),
    ]);
    const key = (v: string[]) => v.join(' | ');
    assert.deepEqual([...new Set(violations.map(key))].sort(), EXPECTED.map(key).sort());
    assert.deepEqual([...new Set(EXPECTED.map(([r]) => r))].sort(), rules.map((r) => r.name).sort(), 'every rule has a deliberate violation here');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------- 2. table ownership

/** Every table and the capability (modules/<dir>, or jobs / seed) that owns it: only its code writes it and reads its rows. */
const OWNER: Record<string, string> = {
  tenants: 'tenants',
  tenant_settings: 'tenants',
  units: 'units',
  leaders: 'leaders',
  leader_units: 'leaders',
  users: 'users',
  sessions: 'auth',
  login_throttles: 'auth',
  password_history: 'auth',
  reports: 'reports',
  appeal_figures_monthly: 'appeals',
  rate_limits: 'auth',
  audit_log: 'audit',
  audit_archives: 'audit',
  calendar_notices: 'calendar',
  calendar_overrides: 'calendar',
  calendar_revision: 'calendar',
  enterprises: 'enterprises',
  import_jobs: 'enterprises',
  appeals: 'appeals',
  appeal_counters: 'appeals',
  appeal_units: 'appeals',
  appeal_events: 'appeals',
  appeal_requests: 'appeals',
  routing_rules: 'appeals',
  channel_lead_units: 'appeals',
  leader_report_rows: 'escalation',
  idempotency_keys: 'appeals',
  appeal_attachments: 'appeals',
  appeal_attachment_data: 'appeals',
  appeal_figures_daily: 'appeals',
  appeal_words_daily: 'appeals',
  appeal_categories_daily: 'appeals',
  appeal_words_tenants: 'appeals',
  appeal_topics_scope_daily: 'appeals',
  appeal_figures_tenants: 'appeals',
  appeal_escalations: 'appeals',
  knowledge_articles: 'knowledge',
  knowledge_article_versions: 'knowledge',
  knowledge_article_files: 'knowledge',
  agenda_items: 'escalation',
  agenda_actions: 'escalation',
  executive_meeting_items: 'escalation',
  leader_report_submissions: 'escalation',
  leader_instructions: 'escalation',
  notifications: 'notifications',
  notification_reads: 'notifications',
  notification_read_marks: 'notifications',
  enterprise_registrations: 'portal',
  evaluation_links: 'portal',
  sms_outbox: 'portal',
  webhook_subscriptions: 'webhooks',
  webhook_deliveries: 'webhooks',
  webhook_attempts: 'webhooks',
  notification_preferences: 'notifications',
  notification_deliveries: 'notifications',
  surveys: 'surveys',
  survey_sample: 'surveys',
  survey_responses: 'surveys',
  supervision_items: 'supervision',
  supervision_notices: 'supervision',
  supervision_interviews: 'supervision',
  rectification_items: 'supervision',
  proposals: 'proposals',
  proposal_rounds: 'proposals',
  appeal_messages: 'portal',
  scheduled_tasks: 'jobs',
  app_meta: 'seed',
  roundtables: 'roundtables',
  roundtable_items: 'roundtables',
  roundtable_invitations: 'roundtables',
  roundtable_leaders: 'roundtables',
  research_tasks: 'research',
  research_task_enterprises: 'research',
  research_solutions: 'research',
  policy_drafts: 'policies',
  policy_consultees: 'policies',
  policy_responses: 'policies',
  contact_points: 'contacts',
  contact_point_events: 'contacts',
  contact_point_visits: 'contacts',
  field_records: 'contacts',
  field_follow_ups: 'contacts',
  field_record_appeals: 'contacts',
  field_record_files: 'contacts',
  integration_clients: 'integrations',
  integration_tokens: 'integrations',
  work_orders: 'integrations',
};

const UNIT_NAMES = 'names the units of its own rows (a join)';
/**
 * file (under server/src) → another capability's table it names, and why. Nothing else may name a
 * table of another capability; an entry no longer needed fails too (so the list only shrinks).
 */
const CROSS: Record<string, Record<string, string>> = {
  'modules/integrations/integrations.repository.ts': {
    tenants:
      "the token lookup of every integration request names the client's tenant code (the appeal number's prefix) in the same query, like the session lookup",
  },
  'modules/appeals/appeals.repository.ts': {
    units: `${UNIT_NAMES}: lead, co-handling and timeline units, routing rules`,
    leaders: 'the appeal page shows the leaders whose portfolio covers the lead unit (R3.5, a join)',
    leader_units: 'the same join',
    tenants: 'names the origin province and the cities of transferred appeals (a join)',
    appeal_messages: 'a transfer to a city moves the whole case file, its message thread too, in the same transaction (R3.2)',
  },
  'modules/appeals/appeals.intake.repository.ts': {
    units: `${UNIT_NAMES}: the new appeal's answer is the appeal page read from what the statement wrote (lead, co-handling and timeline units)`,
    leaders: 'the same answer shows the leaders whose portfolio covers the lead unit (R3.5, a join)',
    leader_units: 'the same join',
  },
  'modules/appeals/appeals.public.repository.ts': { units: `${UNIT_NAMES}: the lead unit in the R6.5 report rows and the reports' lists` },
  'modules/appeals/appeals.figures.ts': { units: `${UNIT_NAMES}: figures per lead unit (R7.2)` },
  'modules/appeals/appeals.rollup.ts': { units: `${UNIT_NAMES}: figures per lead unit from the roll-up` },
  'modules/appeals/appeals.rollup-read.ts': { units: `${UNIT_NAMES}: overdue appeals per lead unit (dashboard, reports)` },
  'modules/appeals/appeals.sweep.ts': {
    audit_log: 'the urge and 督办 audit rows are written set-based in the statement that makes the change (docs/SCALING.md: 100k open appeals a minute)',
    leaders: '督办 names the leaders whose portfolio covers the lead unit, in the same set-based statement (R3.5)',
    leader_units: 'the same join',
  },
  'modules/auth/auth.service.ts': { users: "login, lockout and password change update the account's own credentials" },
  'modules/auth/session.repository.ts': {
    users: 'the session lookup of every request: the account, its tenant, idle timeout and portfolio in one query (a join)',
    tenants: 'the same lookup',
    leaders: 'the same lookup (portfolio units)',
    leader_units: 'the same lookup',
  },
  'modules/enterprises/enterprises.import.ts': { audit_log: 'one audit row per imported enterprise, set-based with the upsert (imports of 10,000 rows)' },
  'modules/enterprises/enterprises.repository.ts': { units: `${UNIT_NAMES}: the supervising unit of a registry record` },
  'modules/escalation/escalation.repository.ts': {
    appeals: "an item is seen like its appeal (policy owners join it); the R6.5 reminder counts a month's appeals without a 报送 (NOT EXISTS)",
    appeal_units: 'the same owners: the co-handling units of the appeal',
    units: `${UNIT_NAMES}: units responsible for agenda items and actions`,
    leaders: 'names the leaders attending an executive-meeting item (a join)',
    appeal_attachments: 'names the material file of an executive-meeting item (a join)',
  },
  'modules/escalation/instructions.repository.ts': {
    appeals:
      "a 批示 is seen like its appeal (policy owner joins it); the lists show the appeal's number and title and take the caller's data scope on it (a join)",
    appeal_units: 'the same owner: the co-handling units of the appeal',
    units: `${UNIT_NAMES}: the unit that acknowledges a 批示, the units of agenda items and actions in the list`,
  },
  'modules/contacts/contacts.repository.ts': {
    units: `${UNIT_NAMES}: the liaison unit or the unit of a contact point and the recording unit of a field record`,
    enterprises: 'names the enterprise of its own points and records (a join)',
    leaders: 'names the leader of its own leader points (a join)',
    users: 'names the liaison officer of its own unit points (a join)',
    appeals: 'shows the number, title and state of the appeals raised in its own field records (a join on its links)',
  },
  'modules/leaders/leaders.repository.ts': { units: `${UNIT_NAMES}: a leader's portfolio` },
  'modules/notifications/notifications.repository.ts': { appeals: 'shows the appeal number with a notification (a join)' },
  'modules/portal/portal.links.repository.ts': {
    appeals: "a link lives with its appeal's reply cycle: the link with what its page shows and checks, and the replied appeals still without one (NOT EXISTS)",
  },
  'modules/users/enterprise-accounts.repository.ts': { enterprises: 'lists and searches enterprise accounts with their enterprise name and USCC (a join)' },
  'modules/users/users.repository.ts': { units: `${UNIT_NAMES}: the account list` },
};

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** The drizzle identifier and SQL name of every table (pgTable calls in db/schema*.ts). */
function schemaTables(): Map<string, string> {
  const byIdent = new Map<string, string>();
  for (const f of fs.readdirSync(path.join(SRC, 'db')).filter((f) => /^schema.*\.ts$/.test(f))) {
    const src = fs.readFileSync(path.join(SRC, 'db', f), 'utf8');
    for (const m of src.matchAll(/export const (\w+) = pgTable\(\s*'(\w+)'/g)) byIdent.set(m[1], m[2]);
  }
  return byIdent;
}

/** The tables a source file names: in SQL text (FROM / JOIN / INTO / UPDATE / TABLE) or as drizzle tables imported from db/schema*. */
function tablesNamed(src: string, tableByIdent: Map<string, string>): Set<string> {
  const code = src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
  const names = new Set<string>();
  const known = new Set(tableByIdent.values());
  for (const m of code.matchAll(/\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+([a-z_]+)\b/g)) if (known.has(m[1])) names.add(m[1]);
  for (const m of code.matchAll(/import\s*(type\s+)?\{([^}]*)\}\s*from\s*'[^']*\/db\/schema[^']*'/g)) {
    if (m[1]) continue;
    for (const raw of m[2].split(',')) {
      const id = raw.trim();
      if (id.startsWith('type ')) continue;
      const t = tableByIdent.get(id.split(/\s+as\s+/)[0]);
      if (t) names.add(t);
    }
  }
  return names;
}

test("issue 13: every table has one owning capability; a module names another capability's table only in the listed joins and set-based writes", () => {
  const tableByIdent = schemaTables();
  assert.ok(tableByIdent.size >= 39, `found ${tableByIdent.size} tables`);
  const unowned = [...tableByIdent.values()].filter((t) => !OWNER[t]);
  assert.deepEqual(unowned, [], 'a new table needs its owner in OWNER');
  assert.deepEqual(
    Object.keys(OWNER).filter((t) => ![...tableByIdent.values()].includes(t)),
    [],
    'OWNER lists only existing tables',
  );

  // Application code: the modules, the scheduler, the shared libraries, the HTTP layer. (seed/ and
  // cli/ are tools: seed/gen and the demo loaders write a whole province set-based into every table.)
  const files = ['modules', 'jobs', 'lib', 'plugins', 'http'].flatMap((d) => walk(path.join(SRC, d))).filter((f) => f.endsWith('.ts'));
  const problems: string[] = [];
  const used = new Set<string>();
  for (const file of files) {
    const rel = path.relative(SRC, file);
    const own = rel.match(/^modules\/([^/]+)\//)?.[1] ?? rel.split('/')[0];
    for (const t of tablesNamed(fs.readFileSync(file, 'utf8'), tableByIdent)) {
      if (OWNER[t] === own) continue;
      if (CROSS[rel]?.[t]) used.add(`${rel} ${t}`);
      else problems.push(`${rel} names ${t} (owned by ${OWNER[t]}): read it through modules/${OWNER[t]}/index.ts`);
    }
  }
  assert.deepEqual(problems, []);
  const stale = Object.entries(CROSS)
    .flatMap(([f, ts]) => Object.keys(ts).map((t) => `${f} ${t}`))
    .filter((k) => !used.has(k));
  assert.deepEqual(stale, [], 'an allowance no longer needed is removed');
});

test('issue 13: the table-ownership scan sees SQL text and drizzle imports, and ignores comments and type-only imports', () => {
  const t = new Map([
    ['units', 'units'],
    ['appeals', 'appeals'],
    ['users', 'users'],
    ['leaders', 'leaders'],
    ['tenants', 'tenants'],
  ]);
  const src = `import { units, users as u } from '../../db/schema.ts';
import type { appeals } from '../../db/schema.ts';
// SELECT * FROM leaders (a comment)
const q = sql\`SELECT a.id FROM appeals a LEFT JOIN tenants t ON true\`;`;
  assert.deepEqual([...tablesNamed(src, t)].sort(), ['appeals', 'tenants', 'units', 'users']);
});

test('issue 13: every module has an index.ts that lists its public surface by name (no `export *`)', () => {
  const modules = fs.readdirSync(path.join(SRC, 'modules'), { withFileTypes: true }).filter((e) => e.isDirectory());
  assert.ok(modules.length >= 12);
  for (const m of modules) {
    const file = path.join(SRC, 'modules', m.name, 'index.ts');
    assert.ok(fs.existsSync(file), `modules/${m.name}/index.ts is missing`);
    const src = fs.readFileSync(file, 'utf8');
    assert.doesNotMatch(src, /export\s+\*/, `modules/${m.name}/index.ts re-exports everything of a file`);
    assert.match(src, /export\s+(type\s+)?\{/, `modules/${m.name}/index.ts exports nothing`);
  }
});
