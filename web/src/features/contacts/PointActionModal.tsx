// One step of the selection workflow on a point: the reason (return, leader's opinion), another
// enterprise (改荐, resubmit), and the coordinator's agreement to an overlap.
import { useState } from 'react';
import { Alert, Checkbox, Form, Input, Modal } from 'antd';
import { POINT_ACTION_LABELS, type PointAction } from '../../../../shared/contacts.ts';
import { useApiError } from '../../ui/useApiError.ts';
import { pointAction, type ContactPointDetail } from './api.ts';
import { EnterprisePicker } from '../enterprises/EnterprisePicker.tsx';

type Act = Exclude<PointAction, 'expire'>;

export function PointActionModal({
  point,
  action,
  onClose,
  onDone,
  onConflict,
}: {
  point: ContactPointDetail;
  action: Act | null;
  onClose: () => void;
  onDone: (p: ContactPointDetail) => void;
  onConflict: () => void;
}) {
  const onError = useApiError();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  if (!action) return null;
  const needsReason = action === 'return' || action === 'send_back';
  const needsEnterprise = action === 'propose_other';
  const mayChangeEnterprise = action === 'resubmit';
  const overlap = (action === 'accept' || action === 'propose_other') && point.overlaps.length > 0;

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    try {
      const p = await pointAction(point.id, {
        version: point.version,
        action,
        reason: v.reason || null,
        enterpriseId: v.enterpriseId || null,
        ...(overlap ? { acceptOverlap: Boolean(v.acceptOverlap) } : {}),
      });
      onDone(p);
    } catch (e) {
      onError(e, { form, onConflict });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={POINT_ACTION_LABELS[action]}
      onCancel={onClose}
      onOk={submit}
      okText={POINT_ACTION_LABELS[action]}
      cancelText="取消"
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        {overlap ? (
          <>
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              message={`该企业已是 ${point.overlaps.map((o) => o.holder).join('、')} 的联系点`}
              description="一个企业作为多个领导或处室的联系点，须由政策法规处同意重叠。"
            />
            <Form.Item
              name="acceptOverlap"
              valuePropName="checked"
              rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error('须勾选同意重叠'))) }]}
            >
              <Checkbox>同意重叠</Checkbox>
            </Form.Item>
          </>
        ) : null}
        {needsEnterprise || mayChangeEnterprise ? (
          <Form.Item
            name="enterpriseId"
            label={needsEnterprise ? '改荐企业' : '企业（如需更换）'}
            rules={needsEnterprise ? [{ required: true, message: '请选择改荐的企业' }] : []}
          >
            <EnterprisePicker style={{ width: '100%' }} />
          </Form.Item>
        ) : null}
        <Form.Item
          name="reason"
          label={action === 'send_back' ? '领导意见' : action === 'return' ? '退回理由' : '说明'}
          rules={needsReason ? [{ required: true, message: action === 'return' ? '退回须说明理由' : '请填写领导意见' }] : []}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
