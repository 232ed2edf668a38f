// 满意度调查问卷 (R7.3): the page behind the single-use signed link sent by SMS and portal notice,
// /s/:token, outside both shells, phone layout. Opening it records nothing; submitting records the
// answers once. Used, expired, closed and invalid links get their own page.
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import { Alert, Card, Flex, Result, Typography } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client.ts';
import { formatDate } from '../../../../shared/format.ts';
import type { SurveyAnswers } from '../../../../shared/surveys.ts';
import { PRIMARY } from '../../ui/theme.ts';
import { InlineSpin } from '../../ui/InlineSpin.tsx';
import { useApiError } from '../../ui/useApiError.ts';
import { QuestionnaireForm } from '../oversight/QuestionnaireForm.tsx';
import { answerSurveyLink, readSurveyLink, type PublicSurvey } from './api.ts';

type State = PublicSurvey['state'] | 'invalid' | 'done';

const CODE_STATES: Record<string, State> = {
  EVALUATION_LINK_INVALID: 'invalid',
  EVALUATION_LINK_USED: 'used',
  EVALUATION_LINK_EXPIRED: 'expired',
  EVALUATION_NOT_AWAITING: 'closed',
};

function Shell({ children }: { children: ReactNode }) {
  return (
    <Flex vertical style={{ minHeight: '100vh', background: '#f3f5f9' }}>
      <Flex align="center" gap={10} style={{ background: PRIMARY, color: '#fff', padding: '14px 16px' }}>
        <SafetyOutlined style={{ fontSize: 24 }} />
        <div>
          <div style={{ fontSize: 18, fontWeight: 600, letterSpacing: 1 }}>政企通</div>
          <div style={{ fontSize: 12, opacity: 0.85 }}>企业满意度调查</div>
        </div>
      </Flex>
      <div style={{ width: '100%', maxWidth: 640, margin: '0 auto', padding: 12, boxSizing: 'border-box' }}>{children}</div>
    </Flex>
  );
}

const PAGES: Record<Exclude<State, 'valid'>, { status: 'success' | 'info' | 'warning' | 'error'; title: string; sub: string }> = {
  done: { status: 'success', title: '提交成功，感谢您的参与', sub: '您的意见将用于改进我厅服务企业工作。' },
  used: { status: 'info', title: '此问卷链接已使用', sub: '每个链接只能提交一次，感谢您的参与。' },
  expired: { status: 'warning', title: '问卷链接已过期', sub: '本次调查的填写期限已过。如有意见建议，可通过政企通企业端反映。' },
  closed: { status: 'info', title: '本次调查已结束', sub: '感谢您的关注。' },
  invalid: { status: 'error', title: '问卷链接无效', sub: '请核对短信中的链接是否完整；如收到过提醒短信，请使用最新一条短信中的链接。' },
};

export default function SurveyLinkPage() {
  const { token = '' } = useParams();
  const onError = useApiError();
  const [info, setInfo] = useState<PublicSurvey | null>(null);
  const [state, setState] = useState<State | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const ctrl = new AbortController();
    readSurveyLink(token, ctrl.signal)
      .then((r) => {
        setInfo(r);
        setState(r.state);
      })
      .catch((e: unknown) => {
        if (ctrl.signal.aborted) return;
        if (e instanceof ApiError && CODE_STATES[e.code]) setState(CODE_STATES[e.code]);
        else onError(e);
      });
    return () => ctrl.abort();
  }, [token, onError]);

  const submit = async (answers: SurveyAnswers) => {
    setBusy(true);
    try {
      await answerSurveyLink(token, answers);
      setState('done');
      window.scrollTo(0, 0);
    } catch (e) {
      if (e instanceof ApiError && CODE_STATES[e.code]) setState(CODE_STATES[e.code]);
      else onError(e);
    } finally {
      setBusy(false);
    }
  };

  if (!state) return <Shell>{<InlineSpin />}</Shell>;
  if (state !== 'valid') {
    const p = PAGES[state];
    return (
      <Shell>
        <Card data-testid="survey-link-state">
          <Result status={p.status} title={p.title} subTitle={p.sub} />
        </Card>
      </Shell>
    );
  }
  return (
    <Shell>
      <Card data-testid="survey-link-form">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {info?.title}
        </Typography.Title>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={`请根据贵企业过去一年的实际感受填写。本链接仅可提交一次，${info ? formatDate(`${info.closesOn}T12:00:00+08:00`) : ''}（含当日）前有效。`}
        />
        <QuestionnaireForm questions={info?.questions ?? []} onSubmit={submit} submitting={busy} submitLabel="提交问卷" vertical />
      </Card>
    </Shell>
  );
}
