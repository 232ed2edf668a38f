// 提交诉求 (enterprise portal, issue 7): channel 网站; the appeal enters intake's dispatch queue.
// A UUID made when the form opens goes in the Idempotency-Key header (a double click records one appeal).
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { App, Button, Form, Input, Select } from 'antd';
import { request } from '../../api/client.ts';
import { PageCard } from '../../components/PageCard.tsx';
import { useApiError } from '../../components/useApiError.ts';
import { APPEAL_CATEGORIES, APPEAL_CATEGORY_LABELS } from '../../components/appeals/labels.ts';
import type { PortalAppeal } from './types.ts';

type SubmitForm = { category: string; title: string; content: string; contactName: string; contactPhone: string };

export default function PortalSubmitPage() {
  const navigate = useNavigate();
  const onError = useApiError();
  const { message } = App.useApp();
  const [form] = Form.useForm<SubmitForm>();
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);
  const [busy, setBusy] = useState(false);

  const submit = async (v: SubmitForm) => {
    setBusy(true);
    try {
      const a = await request<PortalAppeal>('POST', '/portal/appeals', { body: v, headers: { 'Idempotency-Key': idempotencyKey } });
      message.success(`诉求已提交，编号 ${a.number}`);
      navigate(`/portal/appeals/${a.id}`, { replace: true });
    } catch (err) {
      onError(err, { form });
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageCard title="提交诉求" description="提交后由受理人员登记派单，您可在“我的诉求”中查看办理进度">
      <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 640 }}>
        <Form.Item name="category" label="诉求类别" rules={[{ required: true, message: '请选择诉求类别' }]}>
          <Select options={APPEAL_CATEGORIES.map((c) => ({ value: c, label: APPEAL_CATEGORY_LABELS[c] }))} placeholder="请选择" />
        </Form.Item>
        <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }, { max: 200, message: '不能超过200个字符' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="content" label="诉求内容" rules={[{ required: true, whitespace: true, message: '请填写诉求内容' }, { max: 5000, message: '不能超过5000个字符' }]}>
          <Input.TextArea rows={6} maxLength={5000} showCount />
        </Form.Item>
        <Form.Item name="contactName" label="联系人" rules={[{ required: true, whitespace: true, message: '请填写联系人' }, { max: 50, message: '不能超过50个字符' }]}>
          <Input maxLength={50} autoComplete="name" />
        </Form.Item>
        <Form.Item name="contactPhone" label="联系电话" rules={[{ required: true, message: '请填写联系电话' }]}>
          <Input maxLength={20} inputMode="tel" autoComplete="tel" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} block>
          提交
        </Button>
      </Form>
    </PageCard>
  );
}
