// Open an enterprise account for a registry enterprise (issue 7, intake). The initial password is
// returned once; the caller shows it (InitialPasswordModal) and the user changes it at first login.
import { useState } from 'react';
import { Form, Input, Modal } from 'antd';
import { EnterprisePicker } from '../enterprises/EnterprisePicker.tsx';
import { useApiError } from '../../ui/useApiError.ts';
import { createAccount, type EnterpriseAccount } from './api.ts';

interface CreateForm {
  enterpriseId: string;
  username: string;
  displayName: string;
  mobile?: string;
}

export function AccountCreateModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (res: { user: EnterpriseAccount; initialPassword: string }) => void;
}) {
  const [form] = Form.useForm<CreateForm>();
  const onError = useApiError();
  const [saving, setSaving] = useState(false);

  const submit = async (v: CreateForm) => {
    setSaving(true);
    try {
      const res = await createAccount({
        enterpriseId: v.enterpriseId,
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        mobile: v.mobile?.trim() ? v.mobile.trim() : null,
      });
      form.resetFields();
      onCreated(res);
    } catch (err) {
      onError(err, { form });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={open} title="开通企业账号" okText="开通" confirmLoading={saving} onOk={() => form.submit()} onCancel={onClose} forceRender>
      <Form<CreateForm> form={form} layout="vertical" onFinish={submit} requiredMark="optional">
        <Form.Item
          name="enterpriseId"
          label="企业（本单位企业名录）"
          rules={[{ required: true, message: '请选择企业' }]}
          extra="输入企业名称或统一社会信用代码检索"
        >
          <EnterprisePicker placeholder="企业名称或统一社会信用代码" />
        </Form.Item>
        <Form.Item
          name="username"
          label="用户名"
          rules={[
            { required: true, whitespace: true, message: '请填写用户名' },
            { pattern: /^[A-Za-z0-9_.-]{3,32}$/, message: '用户名为3–32位字母、数字或 _ . -' },
          ]}
        >
          <Input maxLength={32} autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label="使用人姓名" rules={[{ required: true, whitespace: true, message: '请填写使用人姓名' }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="mobile" label="手机号码">
          <Input maxLength={11} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
