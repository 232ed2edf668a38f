// 督导事项与通报/约谈 (R7.2, R7.4): 机关党委 opens an item on a unit (or, from the appeal, on an
// appeal), asks for an explanation with a deadline, records the outcome — 通报 (.docx), 约谈 with
// rectification items tracked to done, or 通报表扬. Units see and answer their own items.
import { useState } from 'react';
import { App, Button, Drawer, Empty, Form, Input, Modal, Radio, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import { POINT_KIND_LABELS } from '../../../../shared/contacts.ts';
import { listPoints } from '../contacts/api.ts';
import { formatDateTime } from '../../../../shared/format.ts';
import { SUPERVISION_CATEGORIES, SUPERVISION_CATEGORY_LABELS } from '../../../../shared/supervision.ts';
import { PageCard } from '../../ui/PageCard.tsx';
import { useApiError } from '../../ui/useApiError.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { listAppeals } from '../appeals/api.ts';
import { listSupervision, openSupervision, type SupervisionItemView } from './api.ts';

import { Detail, STATE_COLORS, useUnits } from './SupervisionDetail.tsx';

/** Picks a contact point (the tenant's live ones: enterprise, kind, holder), for an item on one (R7.2). */
function PointPicker({ value, onChange }: { value?: string; onChange?: (v: string) => void }) {
  const { data, loading } = useFetch((signal) => listPoints({}, signal), [], { quietForbidden: true });
  return (
    <Select
      showSearch
      value={value}
      onChange={onChange}
      optionFilterProp="label"
      loading={loading}
      options={(data?.items ?? []).map((p) => ({
        value: p.id,
        label: `${p.enterpriseName}（${POINT_KIND_LABELS[p.kind]}：${p.kind === 'leader' ? (p.leaderName ?? '') : p.unitName}）`,
      }))}
      placeholder="输入企业名称查找"
      data-testid="sup-point"
    />
  );
}

/** Picks an appeal by number or keyword (the appeals list's search), for an item on an appeal. */
function AppealPicker({ value, onChange }: { value?: string; onChange?: (v: string) => void }) {
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [loading, setLoading] = useState(false);
  const search = async (q: string) => {
    if (q.trim().length < 2) return;
    setLoading(true);
    try {
      const r = await listAppeals({ q: q.trim(), pageSize: 20 });
      setOptions(r.items.map((a) => ({ value: a.id, label: `${a.number} ${a.title}${a.leadUnitName ? `（${a.leadUnitName}）` : ''}` })));
    } catch {
      setOptions([]);
    } finally {
      setLoading(false);
    }
  };
  return (
    <Select
      showSearch
      value={value}
      onChange={onChange}
      filterOption={false}
      onSearch={search}
      loading={loading}
      options={options}
      placeholder="输入诉求编号或标题关键词"
      notFoundContent={loading ? '查找中…' : '输入至少2个字查找'}
      data-testid="sup-appeal"
    />
  );
}

export default function SupervisionPage() {
  const [params] = useSearchParams();
  const [year, setYear] = useState<number>(Number(params.get('year')) || dayjs().year());
  const unitId = params.get('unitId') ?? undefined;
  const { data, loading, reload } = useFetch((signal) => listSupervision({ year, unitId }, signal), [year, unitId]);
  const [openId, setOpenId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const onError = useApiError();
  const { message } = App.useApp();
  const units = useUnits(!!data?.canOpen);
  const current = data?.items.find((i) => i.id === openId) ?? null;
  return (
    <PageCard
      title="督导事项"
      description="机关党委对诉求办理、处室作风开展督导：限期说明、通报、约谈整改或通报表扬。处室可查看并答复本处室的督导事项。"
      extra={
        <>
          <Select
            value={year}
            onChange={setYear}
            style={{ width: 110 }}
            aria-label="年度"
            options={Array.from({ length: 5 }, (_, i) => dayjs().year() - i).map((y) => ({ value: y, label: `${y}年` }))}
          />
          {data?.canOpen ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="sup-create">
              立项督导
            </Button>
          ) : null}
        </>
      }
    >
      <Table<SupervisionItemView>
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={data?.items}
        data-testid="sup-table"
        locale={{ emptyText: <Empty description={`${year}年暂无督导事项`} /> }}
        onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: '立项时间', dataIndex: 'createdAt', render: (v: string) => formatDateTime(v), width: 150 },
          { title: '对象', render: (_: unknown, r) => `${r.targetTypeLabel}：${r.targetLabel}` },
          { title: '责任处室', dataIndex: 'unitName' },
          { title: '类别', dataIndex: 'categoryLabel' },
          { title: '状态', render: (_: unknown, r) => <Tag color={STATE_COLORS[r.state]}>{r.stateLabel}</Tag> },
          { title: '结论', render: (_: unknown, r) => (r.outcomeLabel ? `${r.outcomeLabel}${r.interview ? `（${r.interview.stateLabel}）` : ''}` : '—') },
        ]}
      />
      <Drawer open={!!current} width={820} title="督导事项" onClose={() => setOpenId(null)} destroyOnHidden>
        {current ? <Detail item={current} onChanged={() => reload()} /> : null}
      </Drawer>
      <Modal
        open={creating}
        title="立项督导"
        okText="立项"
        cancelText="取消"
        confirmLoading={busy}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ category: 'slow_handling', targetType: 'unit' }}
          onFinish={async (v) => {
            setBusy(true);
            try {
              const item = await openSupervision(
                v.targetType === 'appeal'
                  ? { targetType: 'appeal', appealId: v.appealId, ...(v.unitId ? { unitId: v.unitId } : {}), category: v.category, description: v.description }
                  : v.targetType === 'contact_point'
                    ? {
                        targetType: 'contact_point',
                        targetId: v.targetId,
                        ...(v.unitId ? { unitId: v.unitId } : {}),
                        category: v.category,
                        description: v.description,
                      }
                    : { targetType: 'unit', unitId: v.unitId, category: v.category, description: v.description },
              );
              message.success('已立项');
              setCreating(false);
              reload();
              setOpenId(item.id);
            } catch (e) {
              onError(e, { form });
            } finally {
              setBusy(false);
            }
          }}
        >
          <Form.Item name="targetType" label="督导对象">
            <Radio.Group
              optionType="button"
              options={[
                { value: 'unit', label: '处室' },
                { value: 'appeal', label: '诉求办理' },
                { value: 'contact_point', label: '包保联系点' },
              ]}
            />
          </Form.Item>
          <Form.Item noStyle dependencies={['targetType']}>
            {({ getFieldValue }) =>
              getFieldValue('targetType') === 'appeal' ? (
                <>
                  <Form.Item name="appealId" label="诉求" rules={[{ required: true, message: '请选择督导的诉求' }]}>
                    <AppealPicker />
                  </Form.Item>
                  <Form.Item name="unitId" label="责任处室" extra="不选则为该诉求的主办处室">
                    <Select options={units} showSearch optionFilterProp="label" allowClear placeholder="默认：主办处室" />
                  </Form.Item>
                </>
              ) : getFieldValue('targetType') === 'contact_point' ? (
                <>
                  <Form.Item name="targetId" label="包保联系点" rules={[{ required: true, message: '请选择督导的包保联系点' }]}>
                    <PointPicker />
                  </Form.Item>
                  <Form.Item name="unitId" label="责任处室" extra="不选则为该联系点的包保处室">
                    <Select options={units} showSearch optionFilterProp="label" allowClear placeholder="默认：包保处室" />
                  </Form.Item>
                </>
              ) : (
                <Form.Item name="unitId" label="责任处室" rules={[{ required: true, message: '请选择责任处室' }]}>
                  <Select options={units} showSearch optionFilterProp="label" placeholder="选择处室" data-testid="sup-unit" />
                </Form.Item>
              )
            }
          </Form.Item>
          <Form.Item name="category" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
            <Select options={SUPERVISION_CATEGORIES.map((c) => ({ value: c, label: SUPERVISION_CATEGORY_LABELS[c] }))} />
          </Form.Item>
          <Form.Item name="description" label="问题描述" rules={[{ required: true, message: '请填写问题描述' }]}>
            <Input.TextArea rows={4} maxLength={5000} data-testid="sup-description" />
          </Form.Item>
        </Form>
      </Modal>
    </PageCard>
  );
}
