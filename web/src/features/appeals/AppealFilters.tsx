// Filters shared by the workbench and the search page.
import { useEffect, useState } from 'react';
import { Button, DatePicker, Form, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { listEnterprises } from '../enterprises/api.ts';
import { pickedToIso } from '../../ui/format.ts';
import { APPEAL_CATEGORIES, APPEAL_CATEGORY_LABELS, APPEAL_CHANNELS, APPEAL_CHANNEL_LABELS, APPEAL_STATES, APPEAL_STATE_LABELS } from './labels.ts';

export type AppealFilterValues = {
  state?: string[];
  channel?: string[];
  category?: string[];
  overdue?: 'true' | 'false';
  major?: 'true' | 'false';
  enterpriseId?: string;
  received?: [Dayjs | null, Dayjs | null];
};

/** Filter form values → /api/appeals query. */
export function filterQuery(v: AppealFilterValues): Record<string, string | undefined> {
  return {
    state: v.state?.length ? v.state.join(',') : undefined,
    channel: v.channel?.length ? v.channel.join(',') : undefined,
    category: v.category?.length ? v.category.join(',') : undefined,
    overdue: v.overdue,
    major: v.major,
    enterpriseId: v.enterpriseId,
    receivedFrom: pickedToIso(v.received?.[0] ?? null),
    receivedTo: pickedToIso(v.received?.[1] ?? null),
  };
}

/** Enterprise picker over the registry (/api/enterprises?q=…). */
export function EnterprisePicker({
  value,
  onChange,
  placeholder,
}: {
  value?: string;
  onChange?: (v: string | undefined, label?: string) => void;
  placeholder?: string;
}) {
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<{ value: string; label: string; uscc?: string }[]>([]);
  useEffect(() => {
    const ctrl = new AbortController();
    const t = setTimeout(() => {
      listEnterprises(q ? { q } : {}, { page: 1, pageSize: 20 }, ctrl.signal)
        .then((r) => setOptions(r.items.map((e) => ({ value: e.id, label: e.name, uscc: e.uscc }))))
        .catch(() => undefined);
    }, 250);
    return () => {
      clearTimeout(t);
      ctrl.abort();
    };
  }, [q]);
  return (
    <Select
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      placeholder={placeholder ?? '企业名称或统一社会信用代码'}
      options={options}
      onChange={(v, opt) => onChange?.(v, Array.isArray(opt) ? undefined : opt?.label)}
      style={{ minWidth: 240 }}
    />
  );
}

export function AppealFilters({ onChange, extra }: { onChange: (v: AppealFilterValues) => void; extra?: React.ReactNode }) {
  const [form] = Form.useForm<AppealFilterValues>();
  const opts = <T extends string>(ids: readonly T[], labels: Record<T, string>) => ids.map((i) => ({ value: i, label: labels[i] }));
  return (
    <Form form={form} layout="inline" onFinish={onChange} style={{ rowGap: 8, marginBottom: 16 }}>
      {extra}
      <Form.Item name="state">
        <Select mode="multiple" allowClear placeholder="状态" options={opts(APPEAL_STATES, APPEAL_STATE_LABELS)} style={{ minWidth: 140 }} maxTagCount={2} />
      </Form.Item>
      <Form.Item name="channel">
        <Select
          mode="multiple"
          allowClear
          placeholder="渠道"
          options={opts(APPEAL_CHANNELS, APPEAL_CHANNEL_LABELS)}
          style={{ minWidth: 140 }}
          maxTagCount={1}
        />
      </Form.Item>
      <Form.Item name="category">
        <Select
          mode="multiple"
          allowClear
          placeholder="类别"
          options={opts(APPEAL_CATEGORIES, APPEAL_CATEGORY_LABELS)}
          style={{ minWidth: 130 }}
          maxTagCount={1}
        />
      </Form.Item>
      <Form.Item name="overdue">
        <Select
          allowClear
          placeholder="是否逾期"
          options={[
            { value: 'true', label: '已逾期' },
            { value: 'false', label: '未逾期' },
          ]}
          style={{ width: 110 }}
        />
      </Form.Item>
      <Form.Item name="major">
        <Select
          allowClear
          placeholder="重大事项"
          options={[
            { value: 'true', label: '重大涉企事项' },
            { value: 'false', label: '一般事项' },
          ]}
          style={{ width: 130 }}
        />
      </Form.Item>
      <Form.Item name="enterpriseId">
        <EnterprisePicker placeholder="企业" />
      </Form.Item>
      <Form.Item name="received">
        <DatePicker.RangePicker format="YYYY-MM-DD" allowEmpty={[true, true]} placeholder={['受理开始', '受理结束']} />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit">
          查询
        </Button>
        <Button
          onClick={() => {
            form.resetFields();
            onChange({});
          }}
        >
          重置
        </Button>
      </Space>
    </Form>
  );
}
