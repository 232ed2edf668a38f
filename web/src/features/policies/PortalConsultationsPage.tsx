// 意见征集 (enterprise portal, R2.5): the policy drafts the enterprise is asked about — the text, the
// period, its own responses with whether they were adopted and why; a response while the round is open.
import { useState } from 'react';
import { Button, Empty, Form, Input, Modal, Spin, Tag, Typography } from 'antd';
import { useApiError } from '../../ui/useApiError.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { PortalPage } from '../portal/PortalPage.tsx';
import { ParticipationTabs } from '../roundtables/ParticipationTabs.tsx';
import { portalConsultations, portalRespond, type PortalConsultation } from './api.ts';

export default function PortalConsultationsPage() {
  const { data, loading, reload } = useFetch((signal) => portalConsultations(signal), []);
  const onError = useApiError();
  const [target, setTarget] = useState<PortalConsultation | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const submit = async () => {
    if (!target) return;
    const v = await form.validateFields();
    setBusy(true);
    try {
      await portalRespond(target.id, v.content);
      setTarget(null);
      reload();
    } catch (e) {
      onError(e, { form });
    } finally {
      setBusy(false);
    }
  };
  return (
    <PortalPage title="意见征集" description="涉企政策起草征求企业意见">
      <ParticipationTabs />
      {loading && !data ? <Spin style={{ display: 'block', margin: 32 }} /> : null}
      {data && data.items.length === 0 ? <Empty description="暂无征求意见" style={{ padding: 32, background: '#fff' }} /> : null}
      {(data?.items ?? []).map((c) => (
        <div key={c.id} data-testid="portal-consultation" style={{ background: '#fff', padding: '14px 16px', borderBottom: '1px solid #e6ebef' }}>
          <Typography.Text strong style={{ display: 'block', fontSize: 15 }}>
            {c.title}
          </Typography.Text>
          <div style={{ marginTop: 6 }}>
            <Tag color={c.open ? 'blue' : 'default'} style={{ marginInlineEnd: 6 }}>
              {c.open ? '征求意见中' : '已结束'}
            </Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.draftingUnitName} · {c.consultFrom} 至 {c.consultUntil}
            </Typography.Text>
          </div>
          <Typography.Paragraph
            type="secondary"
            ellipsis={{ rows: 3, expandable: true, symbol: '展开' }}
            style={{ whiteSpace: 'pre-wrap', margin: '8px 0', fontSize: 13 }}
          >
            {c.body}
          </Typography.Paragraph>
          {c.myResponses.map((r) => (
            <Typography.Paragraph key={r.id} style={{ fontSize: 13, margin: '4px 0' }}>
              我的意见：{r.content}
              <br />
              <Typography.Text type="secondary">{r.adopted === null ? '待研究' : `${r.adopted ? '已采纳' : '未采纳'}：${r.reason}`}</Typography.Text>
            </Typography.Paragraph>
          ))}
          <Button
            type="primary"
            disabled={!c.open}
            title={c.open ? undefined : '征求意见已结束'}
            onClick={() => {
              form.resetFields();
              setTarget(c);
            }}
          >
            提出意见
          </Button>
        </div>
      ))}
      <Modal open={target !== null} title="提出意见" onOk={submit} onCancel={() => setTarget(null)} confirmLoading={busy} okText="提交" destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="content" label="意见" rules={[{ required: true, message: '请填写意见' }]}>
            <Input.TextArea rows={5} maxLength={5000} />
          </Form.Item>
        </Form>
      </Modal>
    </PortalPage>
  );
}
