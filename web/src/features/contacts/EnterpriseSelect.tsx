// Enterprise picker over the registry (/api/enterprises?q=…), for proposals and field records.
import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { listEnterprises } from '../enterprises/api.ts';

export function EnterpriseSelect({
  id,
  value,
  onChange,
  initialLabel,
  filters,
}: {
  id?: string;
  /** Registry filters (e.g. the enterprises a unit supervises). */
  filters?: Record<string, string>;
  value?: string;
  onChange?: (v: string | undefined) => void;
  initialLabel?: string;
}) {
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<{ value: string; label: string }[]>(value && initialLabel ? [{ value, label: initialLabel }] : []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: filters are compared by value (JSON)
  useEffect(() => {
    const ctrl = new AbortController();
    const t = setTimeout(() => {
      listEnterprises({ ...(filters ?? {}), ...(q ? { q } : {}) }, { page: 1, pageSize: 20 }, ctrl.signal)
        .then((r) => setOptions(r.items.map((e) => ({ value: e.id, label: e.name }))))
        .catch(() => undefined);
    }, 250);
    return () => {
      clearTimeout(t);
      ctrl.abort();
    };
  }, [q, JSON.stringify(filters ?? {})]);
  return (
    <Select
      id={id}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      placeholder="输入企业名称或统一社会信用代码搜索"
      options={options}
      onChange={(v) => onChange?.(v)}
      style={{ width: '100%' }}
      data-testid="enterprise-select"
    />
  );
}
