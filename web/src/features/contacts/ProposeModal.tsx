// R1.5 / R1.9 提出联系点: the liaison unit proposes a leader point (a leader in charge of the unit), or
// the unit chooses its own point with its liaison officer. The server checks the portfolio (R1.2),
// the sectors and the liaison (R1.6) and the 1–2 limit (R1.1, R1.6) and answers per field.
import { useMemo, useState } from 'react';
import { Form, Input, Modal, Radio, Select } from 'antd';
import { POINT_KIND_LABELS, type PointKind } from '../../../../shared/contacts.ts';
import { useMe } from '../../auth/session.ts';
import { listLeaders } from '../organisation/api.ts';
import { useUnits } from '../organisation/useUnits.ts';
import { useApiError } from '../../ui/useApiError.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { people, proposePoint, type ContactPointDetail } from './api.ts';
import { EnterprisePicker } from '../enterprises/EnterprisePicker.tsx';

export function ProposeModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: (p: ContactPointDetail) => void }) {
  const me = useMe();
  const onError = useApiError();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const kind = (Form.useWatch('kind', form) ?? 'unit') as PointKind;
  const unitId = me.unit?.id ?? '';
  const { units } = useUnits(false, true);
  const leaders = useFetch((s) => listLeaders(s), []);
  const staff = useFetch((s) => people(s), []);
  const leaderOptions = useMemo(
    () => (leaders.data?.items ?? []).filter((l) => !l.archived && l.unitIds.includes(unitId)).map((l) => ({ value: l.id, label: `${l.name}（${l.title}）` })),
    [leaders.data, unitId],
  );
  const liaisonOptions = useMemo(
    () => (staff.data?.items ?? []).filter((p) => p.unitId === unitId && p.liaison).map((p) => ({ value: p.id, label: p.name })),
    [staff.data, unitId],
  );
  const unitName = units.find((u) => u.id === unitId)?.name ?? me.unit?.name ?? '';

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    try {
      const p = await proposePoint({
        kind: v.kind,
        unitId,
        enterpriseId: v.enterpriseId,
        leaderId: v.kind === 'leader' ? v.leaderId : null,
        liaisonUserId: v.kind === 'unit' ? v.liaisonUserId : null,
        reason: v.reason || null,
      });
      form.resetFields();
      onDone(p);
    } catch (e) {
      onError(e, { form });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={`提出联系点（${unitName}）`}
      onCancel={onClose}
      onOk={submit}
      okText="报送统筹协调"
      cancelText="取消"
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'unit' }}>
        <Form.Item name="kind" label="类型">
          <Radio.Group
            optionType="button"
            options={(['unit', 'leader'] as const).map((k) => ({
              value: k,
              label: k === 'leader' ? `${POINT_KIND_LABELS.leader}（本处室为联系处室）` : POINT_KIND_LABELS.unit,
            }))}
          />
        </Form.Item>
        {kind === 'leader' ? (
          <Form.Item name="leaderId" label="厅领导" rules={[{ required: true, message: '请选择厅领导' }]} extra="只列出分管本处室的厅领导（R1.2）">
            <Select options={leaderOptions} placeholder="选择厅领导" notFoundContent="没有分管本处室的厅领导" />
          </Form.Item>
        ) : (
          <Form.Item name="liaisonUserId" label="联络员" rules={[{ required: true, message: '请指定联络员' }]} extra="本处室具有“联络员”角色的人员（R1.6）">
            <Select options={liaisonOptions} placeholder="选择联络员" notFoundContent="本处室暂无联络员，请联系安全管理员分配角色" />
          </Form.Item>
        )}
        <Form.Item
          name="enterpriseId"
          label="企业"
          rules={[{ required: true, message: '请选择企业' }]}
          extra={kind === 'unit' ? '列出本处室监管的企业（R1.6）；每个处室同时联系1至2个企业' : '须在该厅领导分管范围内（R1.1）；每位厅领导同时联系1至2个企业'}
        >
          <EnterprisePicker style={{ width: '100%' }} filters={kind === 'unit' && unitId ? { supervisingUnitId: unitId } : undefined} />
        </Form.Item>
        <Form.Item name="reason" label="推荐理由">
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
