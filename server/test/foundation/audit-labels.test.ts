// Issue 17: the audit log reads Chinese. Every action and object the server can record has a
// Chinese label (shared/audit-labels.ts): the literals are found by scanning the server's sources,
// the actions a service builds from its workflow (`appeal.${action}` …) by walking that workflow's
// vocabulary. A new action without a label, or a new family of built actions, fails here.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { APPEAL_ACTIONS } from '../../../shared/appeals.ts';
import { auditActionLabel, auditEntityLabel } from '../../../shared/audit-labels.ts';
import { POINT_ACTIONS } from '../../../shared/contacts.ts';
import { KNOWLEDGE_ACTIONS } from '../../../shared/knowledge.ts';
import { INSTRUCTION_ACTIONS } from '../../../shared/escalation.ts';

const SRC = new URL('../../src/', import.meta.url).pathname;
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));
const sources = files(SRC).map((f) => readFileSync(f, 'utf8'));
const found = (re: RegExp) => new Set(sources.flatMap((s) => [...s.matchAll(re)].map((m) => m[1])));

/** What each service puts after its prefix in `${prefix}.${action}` (read from the services). */
const BUILT: Record<string, readonly string[]> = {
  appeal: APPEAL_ACTIONS,
  roundtable: ['close_collection', 'open', 'close', 'cancel'],
  research: ['start', 'close'],
  policy: ['close_round', 'issue'],
  contact_point: POINT_ACTIONS,
  knowledge: KNOWLEDGE_ACTIONS,
  calendar: ['notice.load', 'notice.replace'],
  agenda: ['schedule', 'decide', 'withdraw'],
  instruction: INSTRUCTION_ACTIONS,
};

const chinese = (label: string | null) => label !== null && !/[A-Za-z_]/.test(label);

test('issue 17: every literal audit action recorded by the server has a Chinese label', () => {
  const actions = found(/action: '([a-z_]+\.[a-z_.]+)'/g);
  assert.ok(actions.size > 80, `scan found ${actions.size}`);
  const missing = [...actions].filter((a) => !chinese(auditActionLabel(a)));
  assert.deepEqual(missing, []);
});

test('issue 17: every action built from a workflow (appeal.<action> …) has a Chinese label, and no family is unknown', () => {
  const prefixes = found(/action: `([a-z_]+)\.\$\{/g);
  assert.deepEqual([...prefixes].sort(), Object.keys(BUILT).sort(), 'a new family of built actions: list its vocabulary in BUILT');
  const missing = Object.entries(BUILT).flatMap(([p, vocab]) => vocab.map((v) => `${p}.${v}`).filter((a) => !chinese(auditActionLabel(a))));
  assert.deepEqual(missing, []);
});

test('issue 17: every audit object (entity) has a Chinese label', () => {
  const entities = found(/entity: '([a-z_]+)'/g);
  const missing = [...entities].filter((e) => !chinese(auditEntityLabel(e)));
  assert.deepEqual(missing, []);
});

test('issue 17: an unknown action has no invented label (the page shows the code)', () => {
  assert.equal(auditActionLabel('nothing_here.frobnicate'), null);
  assert.equal(auditActionLabel('appeal.dispatch'), '诉求：派单');
  assert.equal(auditActionLabel('agenda.schedule'), '厅长办公会议题：安排上会');
  assert.equal(auditActionLabel('agenda.propose'), '提报厅长办公会议题');
});
