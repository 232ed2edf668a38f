// 诉求详情 (enterprise portal, issue 7): state, the three 2115 milestones with dates, the reply,
// the enterprise's own attachments, the message thread with the handling unit, and the evaluation
// form while the appeal awaits it (不满意 reopens the appeal). React escapes everything shown;
// nothing here renders HTML.
import { useCallback, useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Descriptions, Flex, Form, Input, Radio, Result, Steps, Tag, Typography } from 'antd';
import { ApiError } from '../../api/client.ts';
import { useApiError } from '../../ui/useApiError.ts';
import { APPEAL_CATEGORY_LABELS, EVALUATION_RATINGS, EVALUATION_RATING_LABELS } from '../appeals/labels.ts';
import { PORTAL_APPEAL_STATE_HINTS } from '../../../../shared/appeals.ts';
import { PortalStateTag } from './PortalStateTag.tsx';
import { MessageThread } from '../appeals/MessageThread.tsx';
import { formatDateTime, formatDeadline } from '../../ui/format.ts';
import { PortalAttachments } from './PortalAttachments.tsx';
import { PORTAL_ROUTES } from '../../routes.ts';
import { evaluateAppeal, myAppeal, type PortalAppeal, type PortalMilestone } from './api.ts';
import { PortalCard, PortalPage } from './PortalPage.tsx';
import { InlineSpin } from '../../ui/InlineSpin.tsx';

type EvalForm = { rating: (typeof EVALUATION_RATINGS)[number]; comment?: string };

function milestoneStep(m: PortalMilestone) {
  const done = Boolean(m.doneAt);
  return {
    title: m.label,
    status: done ? ('finish' as const) : ('wait' as const),
    description: done ? `完成于 ${formatDateTime(m.doneAt)}` : m.dueAt ? `时限 ${formatDeadline(m.dueAt)}` : '待办理',
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
        setAppeal(await myAppeal(id!, signal));
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
      const next = await evaluateAppeal(appeal.id, {
        version: appeal.version,
        rating: v.rating,
        comment: v.comment || null,
      });
      setAppeal(next);
      message.success(v.rating === 'dissatisfied' ? '已提交评价，诉求将重新办理' : '感谢您的评价');
    } catch (err) {
      onError(err, { form, onConflict: () => void load() });
    } finally {
      setBusy(false);
    }
  };

  if (missing)
    return (
      <PortalPage title="诉求详情" back={PORTAL_ROUTES.appeals}>
        <PortalCard>
          <Result
            status="404"
            title="诉求不存在"
            subTitle="该诉求不存在，或不是本企业提交的诉求。"
            extra={<Button onClick={() => navigate(PORTAL_ROUTES.appeals)}>返回我的诉求</Button>}
          />
        </PortalCard>
      </PortalPage>
    );
  if (!appeal) return <InlineSpin />;
  const m = appeal.milestones;

  return (
    <PortalPage title="诉求详情" back={PORTAL_ROUTES.appeals}>
      <PortalCard>
        <Typography.Title level={5} style={{ marginTop: 0, overflowWrap: 'anywhere' }}>
          {appeal.title}
        </Typography.Title>
        <Flex wrap gap={6} align="center">
          <PortalStateTag state={appeal.state} />
          {appeal.reopenCount > 0 ? (
            <Tag color="orange" style={{ marginInlineEnd: 0 }}>
              重办 {appeal.reopenCount} 次
            </Tag>
          ) : null}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            编号 {appeal.number}
          </Typography.Text>
        </Flex>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 13 }} data-testid="portal-state-hint">
          {PORTAL_APPEAL_STATE_HINTS[appeal.state]}
        </Typography.Paragraph>
      </PortalCard>
      <PortalCard title="办理进度">
        <Steps orientation="vertical" size="small" items={[milestoneStep(m.contact), milestoneStep(m.opinion), milestoneStep(m.resolution)]} />
      </PortalCard>
      {appeal.replyText ? (
        <PortalCard title={`答复（${formatDateTime(appeal.repliedAt)}）`}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{appeal.replyText}</Typography.Paragraph>
        </PortalCard>
      ) : null}
      {appeal.canEvaluate ? (
        <PortalCard title="评价答复">
          <Form form={form} layout="vertical" onFinish={evaluate} requiredMark={false}>
            {appeal.evaluationDueAt ? (
              <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
                请于 {formatDeadline(appeal.evaluationDueAt)} 前评价
              </Typography.Paragraph>
            ) : null}
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
              rules={[
                { required: rating === 'dissatisfied', message: '不满意时请说明原因' },
                { max: 1000, message: '不能超过1000个字符' },
              ]}
            >
              <Input.TextArea rows={3} maxLength={1000} showCount />
            </Form.Item>
            {rating === 'dissatisfied' ? <Alert type="warning" showIcon title="选择“不满意”后，诉求将重新办理。" style={{ marginBottom: 16 }} /> : null}
            <Button type="primary" htmlType="submit" loading={busy} block>
              提交评价
            </Button>
          </Form>
        </PortalCard>
      ) : null}
      <PortalCard title="诉求信息">
        <Descriptions column={1} size="small" styles={{ label: { whiteSpace: 'nowrap' } }}>
          <Descriptions.Item label="类别">{APPEAL_CATEGORY_LABELS[appeal.category]}</Descriptions.Item>
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
      </PortalCard>
      <PortalCard title="附件">
        <PortalAttachments key={appeal.state} appealId={appeal.id} />
      </PortalCard>
      <PortalCard title="与办理单位沟通">
        <MessageThread key={appeal.state} path={`/portal/appeals/${appeal.id}/messages`} viewer="enterprise" />
      </PortalCard>
    </PortalPage>
  );
}
