// R2.5 涉企政策征求意见: the tenant's drafts; a new draft with its drafting unit, text and the research it rests on.
import { useState } from 'react';
import { Button, Card, Form, Input, Modal, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { POLICY_STATE_LABELS } from '../../../../shared/policies.ts';
import { STAFF_ROUTES, toPath } from '../../routes.ts';
import { useApiError } from '../../ui/useApiError.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { useUnits } from '../organisation/useUnits.ts';
import { listResearch } from '../research/api.ts';
import { createPolicy, listPolicies, type PolicyBrief } from './api.ts';

export default function PoliciesPage() {
  const { data, loading } = useFetch((signal) => listPolicies(signal), []);
  const { options: unitOptions } = useUnits();
  const onError = useApiError();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm();
  const research = useFetch((signal) => (open ? listResearch(signal) : Promise.resolve(null)), [open]);

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const d = await createPolicy({ title: v.title, draftingUnitId: v.draftingUnitId, body: v.body, researchTaskIds: v.researchTaskIds ?? [] });
      navigate(toPath(STAFF_ROUTES.policy, { id: d.id }));
    } catch (e) {
      onError(e, { form });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      title="涉企政策征求意见"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
          登记政策草案
        </Button>
      }
    >
      <Table<PolicyBrief>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={false}
        columns={[
          { title: '政策草案', dataIndex: 'title', render: (t: string, r) => <Link to={toPath(STAFF_ROUTES.policy, { id: r.id })}>{t}</Link> },
          { title: '起草处室', dataIndex: 'draftingUnitName', width: 200 },
          { title: '状态', dataIndex: 'state', width: 120, render: (s: PolicyBrief['state']) => <Tag>{POLICY_STATE_LABELS[s]}</Tag> },
          { title: '征求意见期', key: 'p', width: 200, render: (_, r) => (r.consultFrom ? `${r.consultFrom} 至 ${r.consultUntil}` : '—') },
          { title: '征求企业', dataIndex: 'consultees', width: 90 },
          { title: '意见', dataIndex: 'responses', width: 70 },
        ]}
      />
      <Modal title="登记政策草案" open={open} onOk={submit} confirmLoading={saving} onCancel={() => setOpen(false)} okText="登记" width={680} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="title" label="政策名称" rules={[{ required: true, message: '请填写政策名称' }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="draftingUnitId" label="起草处室" rules={[{ required: true, message: '请选择起草处室' }]}>
            <Select options={unitOptions} optionFilterProp="label" showSearch />
          </Form.Item>
          <Form.Item name="body" label="草案文本" rules={[{ required: true, message: '请填写草案文本' }]}>
            <Input.TextArea rows={6} maxLength={50000} />
          </Form.Item>
          <Form.Item name="researchTaskIds" label="所依据的调研（出台前至少一项，R2.5）">
            <Select mode="multiple" options={(research.data?.items ?? []).map((t) => ({ value: t.id, label: t.title }))} optionFilterProp="label" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
