// The enterprise picker over the registry (/api/enterprises?q=…): the appeal filters, intake, enterprise
// accounts, proposals and contact-point records all pick an enterprise through it.
import { type CSSProperties, useEffect, useState } from 'react';
import { Select, Typography } from 'antd';
import { getEnterprise, listEnterprises } from './api.ts';

export function EnterprisePicker({
  value,
  onChange,
  placeholder,
  filters,
  style = { minWidth: 240 },
  id,
  'aria-label': ariaLabel,
}: {
  value?: string;
  onChange?: (v: string | undefined, label?: string) => void;
  placeholder?: string;
  /** Registry filters (e.g. the enterprises a unit supervises). */
  filters?: Record<string, string>;
  /** In a form's own row: `{ width: '100%' }`. */
  style?: CSSProperties;
  /** Set by Form.Item (its label's `for`). */
  id?: string;
  /** Where no Form.Item label names the field. */
  'aria-label'?: string;
}) {
  const [q, setQ] = useState('');
  // The registry is searched once the list is first opened, not when the picker mounts: the workbench
  // and the search page show it on every load, the field-record page too, and most never open it.
  const [opened, setOpened] = useState(false);
  const [searching, setSearching] = useState(false);
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const filterKey = JSON.stringify(filters ?? {});
  // biome-ignore lint/correctness/useExhaustiveDependencies: filters are compared by value (filterKey)
  useEffect(() => {
    if (!opened) return;
    const ctrl = new AbortController();
    setSearching(true);
    const t = setTimeout(() => {
      listEnterprises({ ...(filters ?? {}), ...(q ? { q } : {}) }, { page: 1, pageSize: 20 }, ctrl.signal)
        .then((r) => setOptions(r.items.map((e) => ({ value: e.id, label: e.name }))))
        .catch(() => undefined)
        .finally(() => {
          if (!ctrl.signal.aborted) setSearching(false);
        });
    }, 250);
    return () => {
      clearTimeout(t);
      ctrl.abort();
    };
  }, [q, opened, filterKey]);
  // A value from the address (after a reload) is an id the search has not listed: fetch its name so
  // the picker never shows a raw id (issue 17).
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  useEffect(() => {
    if (!value || options.some((o) => o.value === value) || picked?.value === value) return;
    const ctrl = new AbortController();
    getEnterprise(value, ctrl.signal)
      .then((e) => setPicked({ value: e.id, label: e.name }))
      .catch(() => {
        if (!ctrl.signal.aborted) setPicked({ value, label: '（企业不可见或已删除）' });
      });
    return () => ctrl.abort();
  }, [value, options, picked]);
  const shown = picked && value === picked.value && !options.some((o) => o.value === value) ? [picked, ...options] : options;
  return (
    <Select
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      placeholder={placeholder ?? '企业名称或统一社会信用代码'}
      options={shown}
      onOpenChange={(open) => open && setOpened(true)}
      notFoundContent={searching ? <Typography.Text type="secondary">正在查找…</Typography.Text> : undefined}
      onChange={(v, opt) => onChange?.(v, Array.isArray(opt) ? undefined : opt?.label)}
      style={style}
      id={id}
      aria-label={ariaLabel}
    />
  );
}
