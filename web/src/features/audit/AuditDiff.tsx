import type { CSSProperties } from 'react';
import { Typography } from 'antd';
import { TEXT_MUTED } from '../../ui/theme.ts';

type Plain = Record<string, unknown>;

const isPlain = (v: unknown): v is Plain => !!v && typeof v === 'object' && !Array.isArray(v);

function show(v: unknown): string {
  if (v === undefined) return '—';
  if (v === null) return 'null';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

interface DiffRow {
  key: string;
  before: unknown;
  after: unknown;
}

/** Field-level differences between two snapshots (top-level keys; nested values compared as JSON). */
export function diffRows(before: unknown, after: unknown): DiffRow[] {
  if (!isPlain(before) && !isPlain(after)) {
    return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ key: '(值)', before, after }];
  }
  const b = isPlain(before) ? before : {};
  const a = isPlain(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys.filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k])).map((k) => ({ key: k, before: b[k], after: a[k] }));
}

const cell: CSSProperties = { padding: '2px 8px', verticalAlign: 'top', fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' };

export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const rows = diffRows(before, after);
  if (rows.length === 0) return <Typography.Text type="secondary">无字段变化</Typography.Text>;
  return (
    <table style={{ borderCollapse: 'collapse', width: '100%' }} data-testid="audit-diff">
      <thead>
        <tr style={{ color: TEXT_MUTED, textAlign: 'left' }}>
          <th style={{ ...cell, width: 200 }}>字段</th>
          <th style={cell}>修改前</th>
          <th style={cell}>修改后</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} style={{ borderTop: '1px solid #f0f0f0' }}>
            <td style={cell}>{r.key}</td>
            <td style={{ ...cell, background: r.before === undefined ? undefined : '#fff1f0', color: '#a8071a' }}>
              {r.before === undefined ? '—' : <del>{show(r.before)}</del>}
            </td>
            <td style={{ ...cell, background: r.after === undefined ? undefined : '#f6ffed', color: '#135200' }}>{show(r.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
