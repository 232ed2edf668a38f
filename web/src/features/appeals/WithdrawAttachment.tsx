// Issue 22: withdraw an attachment with a reason (the uploader, intake or the coordinating unit).
// The file is kept for the audit and leaves the list; the timeline records who withdrew it and why.
import { useState } from 'react';
import { App, Button, Form, Input, Modal } from 'antd';
import { api } from '../../api/client.ts';
import type { AttachmentWithdrawn } from '../../../../shared/api/appeal-rules.ts';
import { useApiError } from '../../ui/useApiError.ts';

export function WithdrawAttachment({ appealId, attachment, onDone }: { appealId: string; attachment: { id: string; name: string }; onDone: () => void }) {
  const { message } = App.useApp();
  const onError = useApiError();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await api.post<AttachmentWithdrawn>(`/appeals/${appealId}/attachments/${attachment.id}/withdraw`, { reason: v.reason });
      message.success(`已撤回附件「${attachment.name}」`);
      setOpen(false);
      onDone();
    } catch (err) {
      onError(err, { form });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        size="small"
        type="link"
        danger
        onClick={() => {
          form.resetFields();
          setOpen(true);
        }}
        data-testid="withdraw-attachment"
      >
        撤回
      </Button>
      <Modal
        open={open}
        title={`撤回附件「${attachment.name}」`}
        okText="撤回"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => void submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="reason"
            label="撤回原因"
            extra="附件保留备查，不再显示；撤回记入时间线和审计日志。"
            rules={[{ required: true, whitespace: true, message: '请说明撤回原因' }]}
          >
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
