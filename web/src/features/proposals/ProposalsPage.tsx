// R3.3 建议提案: the year's NPC deputies' suggestions and CPPCC members' proposals with their lead unit
// and reply deadline; 办公室 registers a new one (its appeal is made at the same time); everyone who
// reads downloads the yearly 办理 list (.xlsx).
import { useState } from 'react';
import { Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate } from 'react-router';
import { formatChineseDay } from '../../../../shared/format.ts';
import { PROPOSAL_KIND_LABELS, PROPOSAL_KINDS, PROPOSER_LABELS, type ProposalKind } from '../../../../shared/proposals.ts';
import { STAFF_ROUTES, toPath } from '../../routes.ts';
import { useApiError } from '../../ui/useApiError.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { EnterprisePicker } from '../enterprises/EnterprisePicker.tsx';
import { useUnits } from '../organisation/useUnits.ts';
import { listProposals, registerProposal, yearlyXlsxUrl, type ProposalBrief } from './api.ts';
import { DeadlineTag } from './DeadlineTag.tsx';

const SESSION_HINT: Record<ProposalKind, string> = { npc_suggestion: '省十四届人大三次会议', cppcc_proposal: '省政协十三届三次会议' };

export default function ProposalsPage() {
  const thisYear = dayjs().year();
  const [year, setYear] = useState(thisYear);
  const [kind, setKind] = useState<ProposalKind | undefined>();
  const { data, loading } = useFetch((signal) => listProposals({ year, kind }, signal), [year, kind]);
  const { options: unitOptions } = useUnits();
  const onError = useApiError();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm();
  const formKind: ProposalKind = Form.useWatch('kind', form) ?? 'npc_suggestion';
  const enterpriseId: string | undefined = Form.useWatch('enterpriseId', form);

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const { enterpriseId: picked, enterpriseName, ...rest } = v;
      const p = await registerProposal({
        ...rest,
        ...(picked ? { enterpriseId: picked } : { enterpriseName }),
        assignedOn: (v.assignedOn as Dayjs).format('YYYY-MM-DD'),
      });
      navigate(toPath(STAFF_ROUTES.proposal, { id: p.id }));
    } catch (e) {
      onError(e, { form });
    } finally {
      setSaving(false);
    }
  };
  const canRegister = data?.canRegister ?? false;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title="建议提案办理"
        extra={
          <Space>
            <Select
              value={year}
              onChange={setYear}
              style={{ width: 110 }}
              options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: `${y}年` }))}
              aria-label="年度"
            />
            <Select
              allowClear
              placeholder="全部类别"
              aria-label="类别"
              value={kind}
              onChange={setKind}
              style={{ width: 150 }}
              options={PROPOSAL_KINDS.map((k) => ({ value: k, label: PROPOSAL_KIND_LABELS[k] }))}
            />
            <Button icon={<FileExcelOutlined />} href={yearlyXlsxUrl(year)} data-testid="proposals-xlsx">
              下载年度办理清单
            </Button>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              disabled={!canRegister}
              title={canRegister ? undefined : '由办公室（诉求受理）或统筹协调人员登记'}
              onClick={() => setOpen(true)}
            >
              登记建议提案
            </Button>
          </Space>
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          人大代表建议、政协委员提案自交办之日起{data?.replyMonths ?? 3}个月内答复，到期前{data?.dueSoonDays ?? 15}
          天提醒主办处室；涉及企业的诉求同时按“2115”时限办理。
        </Typography.Paragraph>
        <Table<ProposalBrief>
          rowKey="id"
          loading={loading}
          dataSource={data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            {
              title: '编号',
              key: 'no',
              width: 110,
              render: (_, r) => (
                <Link to={toPath(STAFF_ROUTES.proposal, { id: r.id })} data-testid="proposal-link">
                  {r.number}
                </Link>
              ),
            },
            {
              title: '类别与会议',
              key: 'kind',
              width: 190,
              render: (_, r) => (
                <Space direction="vertical" size={0}>
                  <span>{r.kindLabel}</span>
                  <Typography.Text type="secondary">{r.session}</Typography.Text>
                </Space>
              ),
            },
            {
              title: '标题',
              key: 'title',
              render: (_, r) => (
                <Space direction="vertical" size={0}>
                  <span>{r.title}</span>
                  <Typography.Text type="secondary">
                    {r.proposerName}（{r.delegation}）
                  </Typography.Text>
                </Space>
              ),
            },
            { title: '主办处室', dataIndex: 'leadUnitName', width: 170 },
            {
              title: '答复期限',
              key: 'due',
              width: 140,
              render: (_, r) => (
                <Space direction="vertical" size={2}>
                  <span>{formatChineseDay(r.replyDue)}</span>
                  <DeadlineTag state={r.deadlineState} />
                </Space>
              ),
            },
            {
              title: '状态',
              key: 's',
              width: 130,
              render: (_, r) => (
                <Space direction="vertical" size={2}>
                  <Tag>{r.stateLabel}</Tag>
                  {r.round > 1 ? <Tag color="purple">第{r.round}轮办理</Tag> : null}
                  {r.evaluationLabel ? <Typography.Text type="secondary">评价：{r.evaluationLabel}</Typography.Text> : null}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        title="登记建议提案"
        open={open}
        onOk={submit}
        confirmLoading={saving}
        onCancel={() => setOpen(false)}
        okText="登记并派主办处室"
        width={760}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ kind: 'npc_suggestion', assignedOn: dayjs() }}>
          <Space size={16} style={{ display: 'flex' }} align="start">
            <Form.Item name="kind" label="类别" rules={[{ required: true }]} style={{ width: 180 }}>
              <Select options={PROPOSAL_KINDS.map((k) => ({ value: k, label: PROPOSAL_KIND_LABELS[k] }))} />
            </Form.Item>
            <Form.Item name="session" label="会议" rules={[{ required: true, message: '请填写会议' }]} style={{ width: 260 }}>
              <Input maxLength={60} placeholder={SESSION_HINT[formKind]} />
            </Form.Item>
            <Form.Item name="number" label="编号" rules={[{ required: true, message: '请填写编号' }]} style={{ width: 160 }}>
              <Input maxLength={20} placeholder="如 0123" />
            </Form.Item>
          </Space>
          <Space size={16} style={{ display: 'flex' }} align="start">
            <Form.Item name="proposerName" label={PROPOSER_LABELS[formKind].person} rules={[{ required: true, message: '请填写姓名' }]} style={{ width: 180 }}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item
              name="delegation"
              label={PROPOSER_LABELS[formKind].group}
              rules={[{ required: true, message: `请填写${PROPOSER_LABELS[formKind].group}` }]}
              style={{ width: 260 }}
            >
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="assignedOn" label="交办日期" rules={[{ required: true, message: '请选择交办日期' }]} style={{ width: 160 }}>
              <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Space>
          <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }]}>
            <Input maxLength={150} />
          </Form.Item>
          <Form.Item name="content" label="主要内容" rules={[{ required: true, message: '请填写主要内容' }]}>
            <Input.TextArea rows={3} maxLength={10000} />
          </Form.Item>
          <Form.Item name="leadUnitId" label="主办处室" rules={[{ required: true, message: '请选择主办处室' }]}>
            <Select options={unitOptions} optionFilterProp="label" showSearch />
          </Form.Item>
          <Space size={16} style={{ display: 'flex' }} align="start">
            <Form.Item name="enterpriseId" label="涉及企业（名录中选择）" style={{ width: 340 }}>
              <EnterprisePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item
              name="enterpriseName"
              label="或填写企业名称（未在名录中）"
              rules={[{ required: !enterpriseId, message: '请选择或填写涉及的企业' }]}
              style={{ width: 340 }}
            >
              <Input maxLength={200} disabled={Boolean(enterpriseId)} />
            </Form.Item>
          </Space>
          <Space size={16} style={{ display: 'flex' }} align="start">
            <Form.Item name="contactName" label="企业联系人" rules={[{ required: true, message: '请填写企业联系人' }]} style={{ width: 200 }}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="contactPhone" label="联系电话" rules={[{ required: true, message: '请填写联系电话' }]} style={{ width: 200 }}>
              <Input maxLength={20} />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </Space>
  );
}
