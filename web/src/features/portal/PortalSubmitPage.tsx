// 提交诉求 (enterprise portal, issue 7): channel 网站; the appeal enters intake's dispatch queue.
// A UUID made when the form opens goes in the Idempotency-Key header (a double click records one appeal).
// Attachments are picked here (checked at once with the server's wording) and uploaded one by one
// right after the appeal is created (POST /api/portal/appeals/:id/attachments; a retried upload of
// the same file adds nothing). A file the server still refuses is reported, and the enterprise can
// add it again on the appeal's page.
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { App, Button, Form, Input, Select, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client.ts';
import { useApiError } from '../../ui/useApiError.ts';
import { ATTACHMENT_ACCEPT } from '../appeals/Attachments.tsx';
import { APPEAL_CATEGORIES, APPEAL_CATEGORY_LABELS } from '../appeals/labels.ts';
import { PORTAL_ATTACHMENT_LIMITS_TEXT, portalFileProblem } from './PortalAttachments.tsx';
import { myAppeals, submitAppeal, uploadPortalAttachment, type PortalSubmission } from './api.ts';
import { useMe } from '../../auth/session.ts';
import { PortalCard, PortalPage } from './PortalPage.tsx';
import { PortalAnswers } from '../knowledge/PortalAnswers.tsx';

type SubmitForm = PortalSubmission;

export default function PortalSubmitPage() {
  const navigate = useNavigate();
  const onError = useApiError();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<SubmitForm>();
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);
  const [busy, setBusy] = useState(false);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const typedTitle = Form.useWatch('title', form) ?? '';
  const typedContent = Form.useWatch('content', form) ?? '';
  const me = useMe();
  const [contactFrom, setContactFrom] = useState<string | null>(null);
  // Issue 17: the contact is filled in — the one of the enterprise's latest appeal (not a confidential
  // one), else the account's own name — and stays editable; nothing the enterprise typed is overwritten.
  useEffect(() => {
    const ctrl = new AbortController();
    const fill = (name: string, phone: string, from: string) => {
      const cur = form.getFieldsValue(['contactName', 'contactPhone']);
      if (cur.contactName || cur.contactPhone) return;
      form.setFieldsValue({ contactName: name, contactPhone: phone });
      setContactFrom(from);
    };
    myAppeals({ page: 1, pageSize: 5 }, ctrl.signal)
      .then((r) => {
        const last = r.items.find((a) => !a.identityHidden && a.contactName && a.contactPhone);
        if (last) fill(last.contactName, last.contactPhone, `已按最近一次诉求（${last.number}）的联系人填写，可修改`);
        else if (me.displayName) fill(me.displayName, '', '已填入本账号使用人，请补充联系电话');
      })
      .catch(() => undefined);
    return () => ctrl.abort();
  }, [form, me.displayName]);

  const submit = async (v: SubmitForm) => {
    setBusy(true);
    try {
      const a = await submitAppeal(v, idempotencyKey);
      const failed: string[] = [];
      for (const f of files) {
        try {
          await uploadPortalAttachment(a.id, f.originFileObj as File);
        } catch (err) {
          failed.push(`「${f.name}」：${err instanceof ApiError ? err.message : '上传失败'}`);
        }
      }
      if (failed.length) {
        modal.warning({
          title: `诉求已提交（编号 ${a.number}），但有 ${failed.length} 个附件未能上传`,
          content: `${failed.join('\n')}\n可在诉求详情页重新补充附件。`,
          styles: { body: { whiteSpace: 'pre-wrap' } },
        });
      } else {
        message.success(`诉求已提交，编号 ${a.number}${files.length ? `，附件 ${files.length} 个` : ''}`);
      }
      navigate(`/portal/appeals/${a.id}`, { replace: true });
    } catch (err) {
      onError(err, { form });
    } finally {
      setBusy(false);
    }
  };

  return (
    <PortalPage title="提交诉求" description="提交后由受理人员登记派单，可在“我的诉求”中查看办理进度">
      <PortalCard>
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="category" label="诉求类别" rules={[{ required: true, message: '请选择诉求类别' }]}>
            <Select options={APPEAL_CATEGORIES.map((c) => ({ value: c, label: APPEAL_CATEGORY_LABELS[c] }))} placeholder="请选择" />
          </Form.Item>
          <Form.Item
            name="title"
            label="标题"
            rules={[
              { required: true, whitespace: true, message: '请填写标题' },
              { max: 200, message: '不能超过200个字符' },
            ]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="content"
            label="诉求内容"
            rules={[
              { required: true, whitespace: true, message: '请填写诉求内容' },
              { max: 5000, message: '不能超过5000个字符' },
            ]}
          >
            <Input.TextArea rows={6} maxLength={5000} showCount />
          </Form.Item>
          <PortalAnswers title={typedTitle} content={typedContent} />
          <Form.Item
            name="contactName"
            label="联系人"
            extra={contactFrom ?? undefined}
            rules={[
              { required: true, whitespace: true, message: '请填写联系人' },
              { max: 50, message: '不能超过50个字符' },
            ]}
          >
            <Input maxLength={50} autoComplete="name" />
          </Form.Item>
          <Form.Item name="contactPhone" label="联系电话" rules={[{ required: true, message: '请填写联系电话' }]}>
            <Input maxLength={20} inputMode="tel" autoComplete="tel" />
          </Form.Item>
          <Form.Item label="附件（可选）" extra={`如现场照片、相关文件，提交诉求时一并上传；${PORTAL_ATTACHMENT_LIMITS_TEXT}`}>
            <Upload
              accept={ATTACHMENT_ACCEPT}
              multiple
              fileList={files}
              beforeUpload={(file, batch) => {
                // Kept here and sent after the appeal is created (return false: no upload yet).
                const problem = portalFileProblem(file, files.length + batch.indexOf(file));
                if (problem) {
                  message.error(`「${file.name}」：${problem}`);
                  return Upload.LIST_IGNORE;
                }
                setFiles((list) => [...list, { uid: file.uid, name: file.name, size: file.size, status: 'done', originFileObj: file }]);
                return false;
              }}
              onRemove={(f) => setFiles((list) => list.filter((x) => x.uid !== f.uid))}
            >
              <Button icon={<UploadOutlined />} disabled={busy} data-testid="submit-attachment-pick">
                选择文件
              </Button>
            </Upload>
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} block>
            提交
          </Button>
        </Form>
      </PortalCard>
    </PortalPage>
  );
}
