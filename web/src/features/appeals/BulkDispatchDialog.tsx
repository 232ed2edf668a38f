// 批量派单 (issue 17): the appeals selected in the 待派单 tab go to one lead unit (and the same
// co-handling units) in one dialog. The server dispatches each on its own (POST /appeals/dispatch-batch):
// the dialog then says how many were dispatched and, per number, why the others were not.
import { useState } from 'react';
import { Alert, Form, Input, Modal, Select, Typography } from 'antd';
import { useApiError } from '../../ui/useApiError.ts';
import { dispatchBatch, type AppealSummary, type DispatchBatchResult } from './api.ts';
import { useChannelLeads } from './channelLeads.ts';

type UnitOption = { value: string; label: string };

export function BulkDispatchDialog({
  appeals,
  units,
  onClose,
  onDone,
}: {
  appeals: AppealSummary[];
  units: UnitOption[];
  onClose: () => void;
  /** After the server answered (some may have been dispatched): reload the list and the tab counts. */
  onDone: () => void;
}) {
  const [form] = Form.useForm();
  const onError = useApiError();
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<DispatchBatchResult | null>(null);
  const { leads } = useChannelLeads();
  const leadUnitId: string | undefined = Form.useWatch('leadUnitId', form);
  // R3.4: a first dispatch (待派单, not 已退回) of a channel with its own lead unit needs a reason to go elsewhere.
  const overridden = leadUnitId
    ? appeals.filter((a) => {
        const l = a.state === 'received' ? leads.find((x) => x.channel === a.channel) : undefined;
        return l && l.unitId !== leadUnitId;
      })
    : [];
  const numberOf = new Map(appeals.map((a) => [a.id, a.number]));

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const r = await dispatchBatch({
        items: appeals.map((a) => ({ id: a.id, version: a.version })),
        leadUnitId: v.leadUnitId,
        coUnits: ((v.coUnitIds as string[] | undefined) ?? []).filter((u) => u !== v.leadUnitId).map((unitId) => ({ unitId, part: '' })),
        note: v.note || null,
        leadOverrideReason: v.leadOverrideReason || null,
      });
      setResult(r);
      onDone();
    } catch (e) {
      onError(e, { form });
    } finally {
      setSaving(false);
    }
  };

  if (result) {
    const failed = result.items.filter((i) => !i.ok);
    return (
      <Modal open title="批量派单结果" onCancel={onClose} onOk={onClose} okText="知道了" cancelButtonProps={{ style: { display: 'none' } }} destroyOnHidden>
        <Alert
          type={failed.length ? 'warning' : 'success'}
          showIcon
          data-testid="bulk-dispatch-result"
          title={failed.length ? `已派单 ${result.dispatched} 件，${result.failed} 件未派单` : `已派单 ${result.dispatched} 件`}
          description={
            failed.length ? (
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {failed.map((i) => (
                  <li key={i.id}>
                    <Typography.Text strong>{numberOf.get(i.id) ?? '—'}</Typography.Text>：{'message' in i ? i.message : ''}
                  </li>
                ))}
              </ul>
            ) : undefined
          }
        />
      </Modal>
    );
  }

  return (
    <Modal
      open
      title={`批量派单（已选 ${appeals.length} 件）`}
      okText="派单"
      onOk={submit}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        所选诉求派给同一主办处室，逐件办理、逐件记入时间线和审计日志；已被他人处理或状态已变化的诉求不会派出，结果中逐件说明原因。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" data-testid="bulk-dispatch-form">
        <Form.Item name="leadUnitId" label="主办处室" rules={[{ required: true, message: '请选择主办处室' }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={units} placeholder="选择主办处室" data-testid="bulk-lead-unit" />
        </Form.Item>
        {overridden.length ? (
          <Form.Item
            name="leadOverrideReason"
            label="改派原因"
            extra={`其中 ${overridden.length} 件的渠道另有主办处室（渠道主办处室表），改派须说明原因，记入时间线和审计日志。`}
            rules={[{ required: true, whitespace: true, message: '请说明改派其他处室的原因' }]}
          >
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        ) : null}
        <Form.Item name="coUnitIds" label="协办处室">
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            options={units.filter((u) => u.value !== leadUnitId)}
            placeholder="可选"
            allowClear
            maxCount={10}
          />
        </Form.Item>
        <Form.Item name="note" label="派单说明">
          <Input.TextArea rows={2} maxLength={500} placeholder="可选，记入每件诉求的时间线" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
