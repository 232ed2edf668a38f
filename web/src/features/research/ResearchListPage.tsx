// R2.1–R2.4 调研: the tenant's research tasks, the R2.4 quota of the supervision/enforcement units, and
// a new task with its enterprises chosen while the R2.2 coverage is shown.
import { useState } from 'react';
import { Button, Card, Form, Modal, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { RESEARCH_STATE_LABELS, RESEARCH_TOPIC_LABELS } from '../../../../shared/research.ts';
import { STAFF_ROUTES, toPath } from '../../routes.ts';
import { useApiError } from '../../ui/useApiError.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { listEnterprises } from '../enterprises/api.ts';
import { coverageOf, createResearch, listResearch, researchQuota, type ResearchBrief } from './api.ts';
import { CoverageTable } from './CoverageTable.tsx';
import { ResearchTaskFields, taskFieldsPayload } from './ResearchTaskFields.tsx';

export default function ResearchListPage() {
  const { data, loading } = useFetch((signal) => listResearch(signal), []);
  const quota = useFetch((signal) => researchQuota(signal), []);
  const onError = useApiError();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const [form] = Form.useForm();
  const enterprises = useFetch((signal) => (open ? listEnterprises({}, { page: 1, pageSize: 200 }, signal) : Promise.resolve(null)), [open]);
  const coverage = useFetch((signal) => (open ? coverageOf(chosen, signal) : Promise.resolve(null)), [open, chosen.join()]);

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const t = await createResearch({ ...taskFieldsPayload(v), enterpriseIds: chosen });
      navigate(toPath(STAFF_ROUTES.researchTask, { id: t.id }));
    } catch (e) {
      onError(e, { form });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title="调研任务"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            登记调研任务
          </Button>
        }
      >
        <Table<ResearchBrief>
          rowKey="id"
          loading={loading}
          dataSource={data?.items ?? []}
          pagination={false}
          columns={[
            { title: '调研任务', dataIndex: 'title', render: (t: string, r) => <Link to={toPath(STAFF_ROUTES.researchTask, { id: r.id })}>{t}</Link> },
            { title: '专题', dataIndex: 'topic', width: 150, render: (t: ResearchBrief['topic']) => RESEARCH_TOPIC_LABELS[t] },
            { title: '组织处室', dataIndex: 'unitName', width: 200 },
            { title: '期间', key: 'p', width: 200, render: (_, r) => `${r.periodFrom} 至 ${r.periodTo}` },
            { title: '状态', dataIndex: 'state', width: 90, render: (s: ResearchBrief['state']) => <Tag>{RESEARCH_STATE_LABELS[s]}</Tag> },
            { title: '企业/已走访', key: 'e', width: 110, render: (_, r) => `${r.enterprises} / ${r.visited}` },
            { title: '措施', dataIndex: 'solutions', width: 70 },
          ]}
        />
      </Card>
      <Card title={`调研走访完成情况（${quota.data?.year ?? ''}年，每个监管执法处室不少于${quota.data?.required ?? 2}次，R2.4）`}>
        <Table
          rowKey="unitId"
          size="small"
          loading={quota.loading}
          pagination={false}
          dataSource={quota.data?.units ?? []}
          columns={[
            { title: '处室', dataIndex: 'unitName' },
            { title: '已走访', dataIndex: 'visits', width: 90 },
            { title: '要求', dataIndex: 'required', width: 90 },
            { title: '', dataIndex: 'met', width: 90, render: (m: boolean) => (m ? <Tag color="green">已完成</Tag> : <Tag color="orange">未完成</Tag>) },
          ]}
        />
      </Card>
      <Modal title="登记调研任务" open={open} onOk={submit} confirmLoading={saving} onCancel={() => setOpen(false)} okText="登记" width={760} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ topic: 'safety_gaps', form: 'thematic' }}>
          <ResearchTaskFields />
          <Form.Item label="调研企业（R2.2 覆盖不同行业、规模，特别是民营、小微、困难企业）">
            <Select
              mode="multiple"
              value={chosen}
              onChange={setChosen}
              optionFilterProp="label"
              loading={enterprises.loading}
              options={(enterprises.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))}
            />
          </Form.Item>
          {coverage.data && <CoverageTable coverage={coverage.data} />}
        </Form>
      </Modal>
    </Space>
  );
}
