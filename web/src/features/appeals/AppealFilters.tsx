// Filters shared by the workbench and the search page.
import { useEffect } from 'react';
import { Button, DatePicker, Form, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { EnterprisePicker } from '../enterprises/EnterprisePicker.tsx';
import { pickedToIso } from '../../ui/format.ts';
import { APPEAL_CATEGORIES, APPEAL_CATEGORY_LABELS, APPEAL_CHANNELS, APPEAL_CHANNEL_LABELS, APPEAL_STATES, APPEAL_STATE_LABELS } from './labels.ts';

/** R6.2 the deadline filter: 已逾期 / 今日到期 / 即将到期 / 未逾期 (GET /api/appeals overdue, due). */
export type DeadlineFilter = 'overdue' | 'today' | 'soon' | 'ok';

export type AppealFilterValues = {
  state?: string[];
  channel?: string[];
  category?: string[];
  deadline?: DeadlineFilter;
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
    overdue: v.deadline === 'overdue' ? 'true' : v.deadline === 'ok' ? 'false' : undefined,
    due: v.deadline === 'today' || v.deadline === 'soon' ? v.deadline : undefined,
    major: v.major,
    enterpriseId: v.enterpriseId,
    receivedFrom: pickedToIso(v.received?.[0] ?? null),
    receivedTo: pickedToIso(v.received?.[1] ?? null),
  };
}

const DAY = 'YYYY-MM-DD';
const listParam = <T extends string>(p: URLSearchParams, name: string, allowed: readonly T[]) => {
  const v = (p.get(name) ?? '').split(',').filter((x): x is T => (allowed as readonly string[]).includes(x));
  return v.length ? v : undefined;
};
const dayParam = (p: URLSearchParams, name: string) => {
  const v = p.get(name);
  const d = v ? dayjs(v, DAY, true) : null;
  return d?.isValid() ? d : null;
};

/**
 * The filters as the address shows them (the same names GET /api/appeals reads: state, channel,
 * category, overdue, due, major, enterpriseId; received days as receivedFrom / receivedTo), so a
 * filtered list has its own URL that survives a reload and the home page's to-do links open it.
 */
export function filtersFromParams(p: URLSearchParams): AppealFilterValues {
  const due = p.get('due');
  const overdue = p.get('overdue');
  const deadline: DeadlineFilter | undefined =
    due === 'today' || due === 'soon' ? due : overdue === 'true' ? 'overdue' : overdue === 'false' ? 'ok' : undefined;
  const major = p.get('major');
  const from = dayParam(p, 'receivedFrom');
  const to = dayParam(p, 'receivedTo');
  return {
    state: listParam(p, 'state', APPEAL_STATES),
    channel: listParam(p, 'channel', APPEAL_CHANNELS),
    category: listParam(p, 'category', APPEAL_CATEGORIES),
    deadline,
    major: major === 'true' || major === 'false' ? major : undefined,
    enterpriseId: p.get('enterpriseId') ?? undefined,
    received: from || to ? [from, to] : undefined,
  };
}

/** Filter values → address parameters (filtersFromParams reads them back). */
export function filtersToParams(v: AppealFilterValues): Record<string, string> {
  const q = filterQuery(v);
  const out: Record<string, string> = {};
  for (const k of ['state', 'channel', 'category', 'overdue', 'due', 'major', 'enterpriseId'] as const) if (q[k]) out[k] = q[k];
  if (v.received?.[0]) out.receivedFrom = v.received[0].format(DAY);
  if (v.received?.[1]) out.receivedTo = v.received[1].format(DAY);
  return out;
}

/** The parameters filtersToParams writes (the page keeps its own: view, q, sort, page …). */
export const FILTER_PARAMS = ['state', 'channel', 'category', 'overdue', 'due', 'major', 'enterpriseId', 'receivedFrom', 'receivedTo'] as const;

export function AppealFilters({
  onChange,
  extra,
  value,
}: {
  onChange: (v: AppealFilterValues) => void;
  extra?: React.ReactNode;
  /** Controlled from the address (the workbench): the form shows these values whenever they change. */
  value?: AppealFilterValues;
}) {
  const [form] = Form.useForm<AppealFilterValues>();
  const key = value ? JSON.stringify(filtersToParams(value)) : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `value` (a new object every render).
  useEffect(() => {
    if (value) {
      form.resetFields();
      form.setFieldsValue(value);
    }
  }, [key, form]);
  const opts = <T extends string>(ids: readonly T[], labels: Record<T, string>) => ids.map((i) => ({ value: i, label: labels[i] }));
  return (
    <Form form={form} layout="inline" onFinish={onChange} style={{ rowGap: 8, marginBottom: 16 }}>
      {extra}
      <Form.Item name="state">
        <Select
          mode="multiple"
          allowClear
          placeholder="状态"
          aria-label="状态"
          options={opts(APPEAL_STATES, APPEAL_STATE_LABELS)}
          style={{ minWidth: 140 }}
          maxTagCount={2}
        />
      </Form.Item>
      <Form.Item name="channel">
        <Select
          mode="multiple"
          allowClear
          placeholder="渠道"
          aria-label="渠道"
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
          aria-label="类别"
          options={opts(APPEAL_CATEGORIES, APPEAL_CATEGORY_LABELS)}
          style={{ minWidth: 130 }}
          maxTagCount={1}
        />
      </Form.Item>
      <Form.Item name="deadline">
        <Select
          allowClear
          placeholder="时限"
          aria-label="时限"
          options={[
            { value: 'overdue', label: '已逾期' },
            { value: 'today', label: '今日到期' },
            { value: 'soon', label: '即将到期' },
            { value: 'ok', label: '未逾期' },
          ]}
          style={{ width: 110 }}
        />
      </Form.Item>
      <Form.Item name="major">
        <Select
          allowClear
          placeholder="重大事项"
          aria-label="重大事项"
          options={[
            { value: 'true', label: '重大涉企事项' },
            { value: 'false', label: '一般事项' },
          ]}
          style={{ width: 130 }}
        />
      </Form.Item>
      <Form.Item name="enterpriseId">
        <EnterprisePicker placeholder="企业" aria-label="企业" />
      </Form.Item>
      <Form.Item name="received">
        <DatePicker.RangePicker format="YYYY-MM-DD" allowEmpty={[true, true]} placeholder={['受理开始', '受理结束']} aria-label="受理时间" />
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
