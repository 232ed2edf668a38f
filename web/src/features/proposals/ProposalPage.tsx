// R3.3 one 建议提案: the deputy or member, session and number, the reply period, every handling round
// (reply letter, the deputy's evaluation), the linked appeal; one primary action the state allows —
// 提交答复函 (lead unit), 登记评价 (办公室, from the feedback form), 重新办理 after 不满意 (办公室).
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Modal, Radio, Space, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { formatChineseDay, formatDateTime } from '../../../../shared/format.ts';
import {
  PROPOSAL_ACTION_LABELS,
  PROPOSAL_EVALUATION_LABELS,
  PROPOSAL_EVALUATIONS,
  PROPOSER_LABELS,
  type ProposalAction,
  type ProposalState,
} from '../../../../shared/proposals.ts';
import { STAFF_ROUTES, toPath } from '../../routes.ts';
import { useApiError } from '../../ui/useApiError.ts';
import { useFetch } from '../../ui/useFetch.ts';
import * as api from './api.ts';
import { DeadlineTag } from './DeadlineTag.tsx';

/** The one action each state leads to, and who takes it (the reason shown when the caller may not). */
const NEXT: Partial<Record<ProposalState, { action: ProposalAction; who: string }>> = {
  handling: { action: 'reply', who: '由主办处室提交答复函' },
  replied: { action: 'evaluate', who: '由办公室根据代表委员的意见反馈表登记' },
  unsatisfied: { action: 'rehandle', who: '由办公室（诉求受理）或统筹协调人员安排重新办理' },
};

export default function ProposalPage() {
  const { id = '' } = useParams();
  const onError = useApiError();
  const { data: p, loading, reload } = useFetch((signal) => api.getProposal(id, signal), [id]);
  const [dialog, setDialog] = useState<ProposalAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const evaluation = Form.useWatch('evaluation', form);
  if (!p) return <Card loading={loading} />;
  const next = NEXT[p.state];
  const may = next ? p.allowedActions.includes(next.action) : false;
  const person = PROPOSER_LABELS[p.kind];

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      if (dialog === 'reply') await api.replyProposal(p.id, { version: p.version, replyText: v.replyText });
      if (dialog === 'evaluate') await api.evaluateProposal(p.id, { version: p.version, evaluation: v.evaluation, note: v.note || null });
      if (dialog === 'rehandle') await api.rehandleProposal(p.id, { version: p.version, reason: v.reason });
      setDialog(null);
      reload();
    } catch (e) {
      onError(e, { form, onConflict: reload });
    } finally {
      setBusy(false);
    }
  };
  const open = (a: ProposalAction) => {
    form.resetFields();
    setDialog(a);
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <span>
              {p.kindLabel} {p.number}
            </span>
            <Tag data-testid="proposal-state">{p.stateLabel}</Tag>
            {p.round > 1 ? <Tag color="purple">第{p.round}轮办理</Tag> : null}
          </Space>
        }
        extra={
          next && (
            <Button type="primary" disabled={!may} title={may ? undefined : next.who} onClick={() => open(next.action)} data-action={next.action}>
              {PROPOSAL_ACTION_LABELS[next.action]}
            </Button>
          )
        }
      >
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {p.title}
        </Typography.Title>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label="会议">{p.session}</Descriptions.Item>
          <Descriptions.Item label={person.person}>{p.proposerName}</Descriptions.Item>
          <Descriptions.Item label={person.group}>{p.delegation}</Descriptions.Item>
          <Descriptions.Item label="交办日期">{formatChineseDay(p.assignedOn)}</Descriptions.Item>
          <Descriptions.Item label="答复期限">
            <Space size={4}>
              {formatChineseDay(p.replyDue)}
              <DeadlineTag state={p.deadlineState} />
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label="主办处室">{p.leadUnitName}</Descriptions.Item>
          <Descriptions.Item label="关联诉求">
            <Link to={toPath(STAFF_ROUTES.appeal, { id: p.appealId })} data-testid="proposal-appeal-link">
              {p.appealNumber}
            </Link>
            <Typography.Text type="secondary">（按“2115”时限办理）</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="登记人">{p.registeredByName}</Descriptions.Item>
          <Descriptions.Item label="登记时间">{formatDateTime(p.createdAt)}</Descriptions.Item>
          <Descriptions.Item label="主要内容" span={3}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{p.content}</span>
          </Descriptions.Item>
        </Descriptions>
        {next && !may ? (
          <Alert style={{ marginTop: 12 }} type="info" showIcon message={`下一步：${PROPOSAL_ACTION_LABELS[next.action]}（${next.who}）`} />
        ) : null}
      </Card>
      <Card title="办理记录">
        <Table<api.ProposalRound>
          rowKey="round"
          size="small"
          pagination={false}
          dataSource={p.rounds}
          scroll={{ x: 900 }}
          columns={[
            { title: '轮次', dataIndex: 'round', width: 70, render: (n: number) => `第${n}轮` },
            {
              title: '办理期限',
              key: 'period',
              width: 230,
              render: (_, r) => (
                <Space direction="vertical" size={0}>
                  <span>
                    {formatChineseDay(r.startedOn)} 至 {formatChineseDay(r.replyDue)}
                  </span>
                  <DeadlineTag state={r.deadlineState} />
                  {r.reopenReason ? <Typography.Text type="secondary">重新办理：{r.reopenReason}</Typography.Text> : null}
                </Space>
              ),
            },
            {
              title: '答复函',
              key: 'reply',
              render: (_, r) =>
                r.replyText ? (
                  <Space direction="vertical" size={0}>
                    <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{r.replyText}</Typography.Text>
                    <Typography.Text type="secondary">
                      {r.repliedByName}，{r.repliedOn ? formatChineseDay(r.repliedOn) : ''}
                    </Typography.Text>
                  </Space>
                ) : (
                  <Typography.Text type="secondary">尚未答复</Typography.Text>
                ),
            },
            {
              title: '代表委员评价',
              key: 'ev',
              width: 220,
              render: (_, r) =>
                r.evaluation ? (
                  <Space direction="vertical" size={0}>
                    <Tag color={r.evaluation === 'unsatisfied' ? 'red' : 'green'} data-testid={`round-${r.round}-evaluation`}>
                      {r.evaluationLabel}
                    </Tag>
                    {r.evaluationNote ? <Typography.Text>{r.evaluationNote}</Typography.Text> : null}
                    <Typography.Text type="secondary">{r.evaluatedByName} 登记</Typography.Text>
                  </Space>
                ) : (
                  <Typography.Text type="secondary">—</Typography.Text>
                ),
            },
          ]}
        />
      </Card>
      <Modal
        title={dialog ? PROPOSAL_ACTION_LABELS[dialog] : ''}
        open={dialog !== null}
        onOk={submit}
        confirmLoading={busy}
        onCancel={() => setDialog(null)}
        okText="提交"
        width={640}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          {dialog === 'reply' && (
            <Form.Item name="replyText" label="答复函内容" rules={[{ required: true, message: '请填写答复函内容' }]}>
              <Input.TextArea rows={8} maxLength={20000} />
            </Form.Item>
          )}
          {dialog === 'evaluate' && (
            <>
              <Form.Item name="evaluation" label={`${person.person}的评价（据意见反馈表）`} rules={[{ required: true, message: '请选择评价' }]}>
                <Radio.Group options={PROPOSAL_EVALUATIONS.map((e) => ({ value: e, label: PROPOSAL_EVALUATION_LABELS[e] }))} />
              </Form.Item>
              <Form.Item
                name="note"
                label="反馈意见"
                rules={[{ required: evaluation === 'unsatisfied', message: '不满意时须记录代表委员的意见' }]}
                extra={evaluation === 'unsatisfied' ? '不满意的将重新办理' : undefined}
              >
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
            </>
          )}
          {dialog === 'rehandle' && (
            <Form.Item name="reason" label="重新办理的要求" rules={[{ required: true, message: '请填写重新办理的要求' }]} extra="新的答复期限自今日起计算">
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Space>
  );
}
