// One draft (R2.5): the research it rests on, the consultation round (enterprises by sector / region /
// size, period), responses (portal and staff) adopted or not with the reason, and 出台 — disabled with
// what is missing until research and a closed round are there.
import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router';
import { SIZE_LABELS, SIZES } from '../../../../shared/enterprises.ts';
import { POLICY_STATE_LABELS, RESPONSE_SOURCE_LABELS } from '../../../../shared/policies.ts';
import { SECTOR_LABELS, SECTORS } from '../../../../shared/roles.ts';
import { STAFF_ROUTES, toPath } from '../../routes.ts';
import { useApiError } from '../../ui/useApiError.ts';
import { useFetch } from '../../ui/useFetch.ts';
import * as api from './api.ts';
import { PrimaryAction, type PrimaryStep } from '../../ui/PrimaryAction.tsx';
import { draftPayload, PolicyDraftFields } from './PolicyDraftFields.tsx';

type Dialog = null | 'edit' | 'round' | 'response' | 'decide' | 'issue';

export default function PolicyPage() {
  const { id = '' } = useParams();
  const onError = useApiError();
  const { data: d, loading, reload } = useFetch((signal) => api.getPolicy(id, signal), [id]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [target, setTarget] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  if (!d) return <Card loading={loading} />;
  const can = (a: string) => d.allowedActions.includes(a);
  const open = (x: Dialog, t: string | null = null, values: Record<string, unknown> = {}) => {
    form.resetFields();
    form.setFieldsValue(values);
    setTarget(t);
    setDialog(x);
  };
  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await fn();
      setDialog(null);
      reload();
    } catch (e) {
      onError(e, { form });
    } finally {
      setBusy(false);
    }
  };
  const submit = async () => {
    const v = await form.validateFields();
    await run(async () => {
      if (dialog === 'edit') return api.editPolicy(d.id, { ...draftPayload(v), version: d.version });
      if (dialog === 'round')
        return api.openRound(d.id, {
          version: d.version,
          consultFrom: (v.period[0] as Dayjs).format('YYYY-MM-DD'),
          consultUntil: (v.period[1] as Dayjs).format('YYYY-MM-DD'),
          sectors: v.sectors ?? [],
          regions: [],
          sizes: v.sizes ?? [],
          enterpriseIds: [],
        });
      if (dialog === 'response') return api.addResponse(d.id, { content: v.content, enterpriseName: v.enterpriseName });
      if (dialog === 'issue') return api.policyTransition(d.id, { action: 'issue', version: d.version, issuedRef: v.issuedRef });
      const r = d.responses.find((x) => x.id === target)!;
      return api.decideResponse(d.id, { responseId: r.id, version: r.version, adopted: v.adopted, reason: v.reason });
    });
  };
  const undecided = d.responses.filter((r) => r.adopted === null).length;
  const primary: PrimaryStep | null =
    d.state === 'drafting'
      ? { label: '发起征求意见', onClick: () => open('round'), disabled: !can('open_round'), why: undefined }
      : d.state === 'consulting'
        ? {
            label: '结束征求意见',
            onClick: () => run(() => api.policyTransition(d.id, { action: 'close_round', version: d.version })),
            disabled: !can('close_round') || undecided > 0,
            why: undecided ? `还有${undecided}条意见未作出采纳与否的决定` : undefined,
          }
        : d.state === 'consulted'
          ? { label: '标记出台', onClick: () => open('issue'), disabled: !can('issue') || d.issueProblems.length > 0, why: d.issueProblems.join('；') }
          : null;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            {d.title}
            <Tag>{POLICY_STATE_LABELS[d.state]}</Tag>
          </Space>
        }
        extra={
          <Space>
            {can('edit') && (
              <Button
                onClick={() =>
                  open('edit', null, { title: d.title, draftingUnitId: d.draftingUnitId, body: d.body, researchTaskIds: d.research.map((r) => r.id) })
                }
              >
                修改
              </Button>
            )}
            <PrimaryAction step={primary} busy={busy} />
          </Space>
        }
      >
        <Descriptions column={2} size="small">
          <Descriptions.Item label="起草处室">{d.draftingUnitName}</Descriptions.Item>
          <Descriptions.Item label="征求意见期">{d.consultFrom ? `${d.consultFrom} 至 ${d.consultUntil}` : '—'}</Descriptions.Item>
          <Descriptions.Item label="所依据的调研" span={2}>
            {d.research.length
              ? d.research.map((r) => (
                  <Link key={r.id} to={toPath(STAFF_ROUTES.researchTask, { id: r.id })} style={{ marginRight: 12 }}>
                    {r.title}
                  </Link>
                ))
              : '—'}
          </Descriptions.Item>
          {d.issuedRef && <Descriptions.Item label="出台文号">{d.issuedRef}</Descriptions.Item>}
        </Descriptions>
        {d.issueProblems.length > 0 && <Alert type="info" showIcon message={`出台前还需要（R2.5）：${d.issueProblems.join('；')}`} style={{ marginTop: 8 }} />}
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12 }}>{d.body}</Typography.Paragraph>
      </Card>
      <Card
        title={`企业意见（征求${d.consultees.length}家企业，收到${d.responses.length}条）`}
        extra={
          <Button disabled={!can('add_response')} onClick={() => open('response')}>
            登记来函、座谈意见
          </Button>
        }
      >
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={d.responses}
          columns={[
            { title: '提出单位', dataIndex: 'enterpriseName', width: 200 },
            { title: '意见', dataIndex: 'content' },
            { title: '来源', dataIndex: 'source', width: 150, render: (s: keyof typeof RESPONSE_SOURCE_LABELS) => RESPONSE_SOURCE_LABELS[s] },
            {
              title: '采纳情况',
              key: 'a',
              width: 240,
              render: (_, r) => (r.adopted === null ? <Tag color="orange">待决定</Tag> : `${r.adopted ? '采纳' : '不采纳'}：${r.reason}`),
            },
            {
              title: '',
              key: 'ops',
              width: 80,
              render: (_, r) =>
                can('decide_response') && (
                  <Button size="small" onClick={() => open('decide', r.id)}>
                    决定
                  </Button>
                ),
            },
          ]}
        />
      </Card>
      <Modal
        open={dialog !== null}
        title={{ edit: '修改政策草案', round: '发起征求意见', response: '登记意见', decide: '是否采纳', issue: '标记出台' }[dialog ?? 'round']}
        width={dialog === 'edit' ? 680 : undefined}
        onOk={submit}
        onCancel={() => setDialog(null)}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          {dialog === 'edit' && <PolicyDraftFields />}
          {dialog === 'round' && (
            <>
              <Form.Item name="period" label="征求意见期" rules={[{ required: true, message: '请选择征求意见期' }]}>
                <DatePicker.RangePicker />
              </Form.Item>
              <Form.Item name="sectors" label="行业">
                <Select mode="multiple" options={SECTORS.map((s) => ({ value: s, label: SECTOR_LABELS[s] }))} />
              </Form.Item>
              <Form.Item name="sizes" label="规模">
                <Select mode="multiple" options={SIZES.map((s) => ({ value: s, label: SIZE_LABELS[s] }))} />
              </Form.Item>
            </>
          )}
          {dialog === 'response' && (
            <>
              <Form.Item name="enterpriseName" label="提出意见的单位" rules={[{ required: true, message: '请填写提出意见的单位' }]}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="content" label="意见" rules={[{ required: true, message: '请填写意见' }]}>
                <Input.TextArea rows={4} maxLength={5000} />
              </Form.Item>
            </>
          )}
          {dialog === 'decide' && (
            <>
              <Form.Item name="adopted" label="是否采纳" rules={[{ required: true, message: '请选择' }]}>
                <Radio.Group
                  options={[
                    { value: true, label: '采纳' },
                    { value: false, label: '不采纳' },
                  ]}
                />
              </Form.Item>
              <Form.Item name="reason" label="理由" rules={[{ required: true, message: '请填写理由' }]}>
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
            </>
          )}
          {dialog === 'issue' && (
            <Form.Item name="issuedRef" label="出台文件文号" rules={[{ required: true, message: '请填写文号' }]}>
              <Input maxLength={100} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Space>
  );
}
