// R2.5 涉企政策征求意见: the tenant's drafts; a new draft with its drafting unit, text and the research it rests on.
import { useState } from 'react';
import { Button, Card, Form, Modal, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { POLICY_STATE_LABELS } from '../../../../shared/policies.ts';
import { STAFF_ROUTES, toPath } from '../../routes.ts';
import { useApiError } from '../../ui/useApiError.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { createPolicy, listPolicies, type PolicyBrief } from './api.ts';
import { draftPayload, PolicyDraftFields } from './PolicyDraftFields.tsx';

export default function PoliciesPage() {
  const { data, loading } = useFetch((signal) => listPolicies(signal), []);
  const onError = useApiError();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm();

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const d = await createPolicy(draftPayload(v));
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
          <PolicyDraftFields />
        </Form>
      </Modal>
    </Card>
  );
}
