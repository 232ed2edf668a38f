// 免登录评价 (issue 7): the page behind the signed link in the reply SMS, /e/:token, outside the
// staff layout and without a session. Opening it records nothing (the GET is read-only); only
// submitting the form records the evaluation. Used, expired, superseded and invalid links get their
// own page. Everything shown is rendered as text by React (nothing here renders HTML).
import { useCallback, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Radio, Result, Typography } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { ApiError } from '../../api/client.ts';
import { evaluateByLink, readEvaluationLink, type LinkState, type PublicEvaluation, type PublicEvaluationDone } from './api.ts';
import { EVALUATION_RATINGS, EVALUATION_RATING_LABELS } from '../appeals/labels.ts';
import { BUSINESS_TZ, formatDateTime } from '../../ui/format.ts';
import { PRIMARY } from '../../ui/theme.ts';
import { InlineSpin } from '../../ui/InlineSpin.tsx';

type Rating = (typeof EVALUATION_RATINGS)[number];
type Submitted = PublicEvaluationDone;

type EvalForm = { rating: Rating; comment?: string };

/** Server error codes (errors.ts) → the state page they lead to. */
const CODE_STATES: Record<string, LinkState | 'invalid'> = {
  EVALUATION_LINK_INVALID: 'invalid',
  EVALUATION_LINK_USED: 'used',
  EVALUATION_LINK_EXPIRED: 'expired',
  EVALUATION_LINK_SUPERSEDED: 'superseded',
  EVALUATION_NOT_AWAITING: 'not_awaiting',
};

/** Expiry is 24:00 of the last working day: shown as that day. */
function lastDay(expiresAt: string | null) {
  if (!expiresAt) return null;
  return dayjs(expiresAt).subtract(1, 'millisecond').tz(BUSINESS_TZ).format('YYYY年M月D日');
}

function Shell({ children }: { children: ReactNode }) {
  return (
    <Flex vertical style={{ minHeight: '100vh', background: '#f3f5f9' }}>
      <Flex align="center" gap={10} style={{ background: PRIMARY, color: '#fff', padding: '14px 16px' }}>
        <SafetyOutlined style={{ fontSize: 24 }} />
        <div>
          <div style={{ fontSize: 18, fontWeight: 600, letterSpacing: 1 }}>政企通</div>
          <div style={{ fontSize: 12, opacity: 0.85 }}>诉求答复评价</div>
        </div>
      </Flex>
      <div style={{ width: '100%', maxWidth: 640, margin: '0 auto', padding: 12, boxSizing: 'border-box' }}>{children}</div>
    </Flex>
  );
}

function StatePage({ state, info }: { state: LinkState | 'invalid'; info: PublicEvaluation | null }) {
  const which = info ? `诉求 ${info.number}「${info.title}」` : '';
  const pages: Record<Exclude<LinkState, 'valid'> | 'invalid', { status: 'warning' | 'info' | 'error'; title: string; sub: string }> = {
    invalid: { status: 'error', title: '评价链接无效', sub: '请核对短信中的链接是否完整（可复制整条链接到浏览器打开），或联系受理单位。' },
    used: {
      status: 'info',
      title: '此评价链接已使用',
      sub: `${which}已于 ${formatDateTime(info?.usedAt)} 提交评价，感谢您的反馈。每个链接只能提交一次评价。`,
    },
    expired: {
      status: 'warning',
      title: '评价链接已过期',
      sub: `${which}的评价链接有效期至 ${lastDay(info?.expiresAt ?? null) ?? '—'}。如需反映意见，请联系受理单位或登录企业门户。`,
    },
    superseded: { status: 'warning', title: '此评价链接已失效', sub: `${which}已有新的答复，请使用最新短信中的评价链接。` },
    not_awaiting: { status: 'info', title: '该诉求当前无需评价', sub: `${which}可能已评价、已办结或正在重新办理。` },
  };
  const p = pages[state === 'valid' ? 'invalid' : state];
  return (
    <Card data-testid={`link-state-${state}`}>
      <Result status={p.status} title={p.title} subTitle={p.sub} style={{ padding: '24px 0' }} />
    </Card>
  );
}

export default function EvaluateLinkPage() {
  const { token = '' } = useParams<{ token: string }>();
  const { message } = App.useApp();
  const [form] = Form.useForm<EvalForm>();
  const rating = Form.useWatch('rating', form);
  const [info, setInfo] = useState<PublicEvaluation | null>(null);
  const [state, setState] = useState<LinkState | 'invalid' | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [done, setDone] = useState<Submitted | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      try {
        const r = await readEvaluationLink(token, signal);
        setInfo(r);
        setState(r.state);
      } catch (err) {
        if (signal?.aborted) return;
        if (err instanceof ApiError && CODE_STATES[err.code]) setState(CODE_STATES[err.code]);
        else setLoadError(err instanceof ApiError ? err.message : '加载失败，请稍后重试');
      }
    },
    [token],
  );
  useEffect(() => {
    const c = new AbortController();
    void load(c.signal);
    return () => c.abort();
  }, [load]);

  const submit = async (v: EvalForm) => {
    setBusy(true);
    try {
      setDone(await evaluateByLink(token, { rating: v.rating, comment: v.comment?.trim() || null }));
    } catch (err) {
      if (err instanceof ApiError && CODE_STATES[err.code]) {
        // Used meanwhile (another tab), expired, superseded: show that link's page as it is now.
        setState(CODE_STATES[err.code]);
        await load();
      } else if (err instanceof ApiError && err.fields) {
        const known = (['rating', 'comment'] as const).filter((f) => err.fields?.[f]);
        form.setFields(known.map((name) => ({ name, errors: [err.fields![name]] })));
        message.error(err.message);
      } else {
        message.error(err instanceof ApiError ? err.message : '提交失败，请稍后重试');
      }
    } finally {
      setBusy(false);
    }
  };

  let body: ReactNode;
  if (done) {
    body = (
      <Card data-testid="thank-you">
        <Result
          status="success"
          title="感谢您的评价"
          subTitle={
            done.reopened
              ? `您对诉求 ${done.number} 的评价「${EVALUATION_RATING_LABELS[done.rating]}」已收到，诉求将重新办理，办理单位会再次与您联系。`
              : `您对诉求 ${done.number} 的评价「${EVALUATION_RATING_LABELS[done.rating]}」已收到，诉求已办结。`
          }
          style={{ padding: '24px 0' }}
        />
      </Card>
    );
  } else if (loadError) {
    body = <Alert type="error" showIcon message={loadError} />;
  } else if (!state) {
    body = <InlineSpin />;
  } else if (state !== 'valid' || !info) {
    body = <StatePage state={state} info={info} />;
  } else {
    const until = lastDay(info.expiresAt);
    body = (
      <Flex vertical gap={12}>
        <Card size="small" title="诉求答复">
          <Descriptions column={1} size="small" styles={{ label: { whiteSpace: 'nowrap' } }}>
            <Descriptions.Item label="编号">{info.number}</Descriptions.Item>
            <Descriptions.Item label="标题">{info.title}</Descriptions.Item>
            <Descriptions.Item label="企业">{info.enterpriseName}</Descriptions.Item>
            <Descriptions.Item label="答复时间">{formatDateTime(info.repliedAt)}</Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph
            data-testid="reply-text"
            style={{ whiteSpace: 'pre-wrap', margin: '8px 0 0', padding: 12, background: '#f6ffed', border: '1px solid #b7eb8f', borderRadius: 6 }}
          >
            {info.replyText}
          </Typography.Paragraph>
        </Card>
        <Card size="small" title="您对答复是否满意？">
          <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item name="rating" rules={[{ required: true, message: '请选择评价' }]}>
              <Radio.Group optionType="button" buttonStyle="solid" block size="large">
                {EVALUATION_RATINGS.map((r) => (
                  <Radio key={r} value={r}>
                    {EVALUATION_RATING_LABELS[r]}
                  </Radio>
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
              <Input.TextArea rows={4} maxLength={1000} showCount placeholder={rating === 'dissatisfied' ? '请说明不满意的原因' : '选填'} />
            </Form.Item>
            {rating === 'dissatisfied' ? <Alert type="warning" showIcon message="选择“不满意”后，诉求将重新办理。" style={{ marginBottom: 16 }} /> : null}
            <Button type="primary" htmlType="submit" size="large" loading={busy} block>
              提交评价
            </Button>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '12px 0 0' }}>
              此链接仅可提交一次评价{until ? `，${until} 24:00 前有效` : ''}。
            </Typography.Paragraph>
          </Form>
        </Card>
      </Flex>
    );
  }
  return <Shell>{body}</Shell>;
}
