// 诉求详情 (enterprise portal, issue 7): state, the three 2115 milestones with dates, the reply,
// the enterprise's own attachments, the message thread with the handling unit, and the evaluation
// form while the appeal awaits it (不满意 reopens the appeal). React escapes everything shown;
// nothing here renders HTML.
import { useCallback, useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Descriptions, Form, Input, Radio, Result, Space, Spin, Steps, Tag, Typography } from 'antd';
import { ApiError, api } from '../../api/client.ts';
import { PageCard } from '../../components/PageCard.tsx';
import { useApiError } from '../../components/useApiError.ts';
import {
  APPEAL_CATEGORY_LABELS,
  APPEAL_STATE_LABELS,
  EVALUATION_RATINGS,
  EVALUATION_RATING_LABELS,
  STATE_COLORS,
} from '../../components/appeals/labels.ts';
import { MessageThread } from '../../components/appeals/MessageThread.tsx';
import { formatDateTime } from '../../utils/format.ts';
import { PortalAttachments } from './PortalAttachments.tsx';
import type { PortalAppeal, PortalMilestone } from './types.ts';

type EvalForm = { rating: (typeof EVALUATION_RATINGS)[number]; comment?: string };

function milestoneStep(m: PortalMilestone) {
  const done = Boolean(m.doneAt);
  return {
    title: m.label,
    status: done ? ('finish' as const) : ('wait' as const),
    description: done ? `完成于 ${formatDateTime(m.doneAt)}` : m.dueAt ? `时限 ${formatDateTime(m.dueAt)}` : '待办理',
  };
}

export default function PortalAppealPage() {
  const { id } = useParams<{ id: string }>();
  const navigate = useNavigate();
  const onError = useApiError();
  const { message } = App.useApp();
  const [form] = Form.useForm<EvalForm>();
  const [appeal, setAppeal] = useState<PortalAppeal | null>(null);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const rating = Form.useWatch('rating', form);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      try {
        setAppeal(await api.get<PortalAppeal>(`/portal/appeals/${id}`, undefined, signal));
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) setMissing(true);
        else onError(err);
      }
    },
    [id, onError],
  );
  useEffect(() => {
    const c = new AbortController();
    void load(c.signal);
    return () => c.abort();
  }, [load]);

  const evaluate = async (v: EvalForm) => {
    if (!appeal) return;
    setBusy(true);
    try {
      const next = await api.post<PortalAppeal>(`/portal/appeals/${appeal.id}/evaluate`, { version: appeal.version, rating: v.rating, comment: v.comment || null });
      setAppeal(next);
      message.success(v.rating === 'dissatisfied' ? '已提交评价，诉求将重新办理' : '感谢您的评价');
    } catch (err) {
      onError(err, { form, onConflict: () => void load() });
    } finally {
      setBusy(false);
    }
  };

  if (missing) return <Result status="404" title="诉求不存在" extra={<Button onClick={() => navigate('/portal/appeals')}>返回我的诉求</Button>} />;
  if (!appeal) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  const m = appeal.milestones;

  return (
    <PageCard title={appeal.title} description={appeal.number} extra={<Button onClick={() => navigate('/portal/appeals')}>返回</Button>}>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Space wrap>
          <Tag color={STATE_COLORS[appeal.state]}>{APPEAL_STATE_LABELS[appeal.state]}</Tag>
          {appeal.reopenCount > 0 ? <Tag color="orange">重办 {appeal.reopenCount} 次</Tag> : null}
        </Space>
        <Steps direction="vertical" size="small" items={[milestoneStep(m.contact), milestoneStep(m.opinion), milestoneStep(m.resolution)]} />
        {appeal.replyText ? (
          <Alert
            type="success"
            message={`答复（${formatDateTime(appeal.repliedAt)}）`}
            description={<Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{appeal.replyText}</Typography.Paragraph>}
          />
        ) : null}
        <Descriptions column={1} size="small" bordered styles={{ label: { whiteSpace: "nowrap" } }}>
          <Descriptions.Item label="类别">{APPEAL_CATEGORY_LABELS[appeal.category as keyof typeof APPEAL_CATEGORY_LABELS] ?? appeal.category}</Descriptions.Item>
          <Descriptions.Item label="提交时间">{formatDateTime(appeal.receivedAt)}</Descriptions.Item>
          <Descriptions.Item label="企业">{appeal.enterpriseName}</Descriptions.Item>
          <Descriptions.Item label="联系人">{appeal.contactName}</Descriptions.Item>
          <Descriptions.Item label="联系电话">{appeal.contactPhone}</Descriptions.Item>
          <Descriptions.Item label="诉求内容">
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{appeal.content}</Typography.Paragraph>
          </Descriptions.Item>
          {appeal.evaluation ? (
            <Descriptions.Item label="我的评价">
              {EVALUATION_RATING_LABELS[appeal.evaluation]}
              {appeal.evaluationComment ? `：${appeal.evaluationComment}` : ''}（{formatDateTime(appeal.evaluatedAt)}）
            </Descriptions.Item>
          ) : null}
        </Descriptions>
        {appeal.canEvaluate ? (
          <Form form={form} layout="vertical" onFinish={evaluate} requiredMark={false}>
            <Typography.Title level={5}>评价答复{appeal.evaluationDueAt ? `（请于 ${formatDateTime(appeal.evaluationDueAt)} 前评价）` : ''}</Typography.Title>
            <Form.Item name="rating" label="是否满意" rules={[{ required: true, message: '请选择评价' }]}>
              <Radio.Group>
                {EVALUATION_RATINGS.map((r) => (
                  <Radio.Button key={r} value={r}>
                    {EVALUATION_RATING_LABELS[r]}
                  </Radio.Button>
                ))}
              </Radio.Group>
            </Form.Item>
            <Form.Item
              name="comment"
              label="评价意见"
              rules={[{ required: rating === 'dissatisfied', message: '不满意时请说明原因' }, { max: 1000, message: '不能超过1000个字符' }]}
            >
              <Input.TextArea rows={3} maxLength={1000} showCount />
            </Form.Item>
            {rating === 'dissatisfied' ? <Alert type="warning" showIcon message="选择“不满意”后，诉求将重新办理。" style={{ marginBottom: 16 }} /> : null}
            <Button type="primary" htmlType="submit" loading={busy} block>
              提交评价
            </Button>
          </Form>
        ) : null}
        <div>
          <Typography.Title level={5}>附件</Typography.Title>
          <PortalAttachments key={appeal.state} appealId={appeal.id} />
        </div>
        <div>
          <Typography.Title level={5}>与办理单位沟通</Typography.Title>
          <MessageThread key={appeal.state} path={`/portal/appeals/${appeal.id}/messages`} viewer="enterprise" />
        </div>
      </Space>
    </PageCard>
  );
}
