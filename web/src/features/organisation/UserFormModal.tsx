import { useEffect, useState } from 'react';
import { Form, Input, Modal, Select } from 'antd';
import { createUser, updateUser, type User, type UserCreated } from './api.ts';
import { useApiError } from '../../ui/useApiError.ts';

interface UserFormValues {
  username: string;
  displayName: string;
  unitId?: string | null;
  mobile?: string;
}

export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,32}$/;
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

/** Create (user = null) or edit a user's basic data. */
export function UserFormModal({
  open,
  user,
  unitOptions,
  onClose,
  onCreated,
  onSaved,
  onStale,
}: {
  open: boolean;
  user: User | null;
  unitOptions: { value: string; label: string }[];
  onClose: () => void;
  onCreated: (res: UserCreated) => void;
  onSaved: () => void;
  onStale: () => void;
}) {
  const [form] = Form.useForm<UserFormValues>();
  const onError = useApiError();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (user) form.setFieldsValue({ username: user.username, displayName: user.displayName, unitId: user.unitId });
  }, [open, user, form]);

  const submit = async (v: UserFormValues) => {
    setSaving(true);
    try {
      const mobile = v.mobile?.trim() || undefined;
      if (user) {
        await updateUser(user.id, {
          version: user.version,
          displayName: v.displayName.trim(),
          unitId: v.unitId ?? null,
          ...(mobile ? { mobile } : {}),
        });
        onSaved();
      } else {
        const res = await createUser({
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          unitId: v.unitId ?? undefined,
          mobile,
        });
        onCreated(res);
      }
    } catch (err) {
      onError(err, { form, onConflict: onStale });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={user ? `编辑用户：${user.displayName}` : '新建用户'}
      okText="保存"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      <Form<UserFormValues> form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="username"
          label="用户名"
          extra={user ? '用户名创建后不可修改' : '3–32 位字母、数字或 _ . -，用于登录'}
          rules={[
            { required: true, message: '请输入用户名' },
            { pattern: USERNAME_PATTERN, message: '用户名为 3–32 位字母、数字或 _ . -' },
          ]}
        >
          <Input disabled={!!user} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label="姓名"
          rules={[
            { required: true, whitespace: true, message: '请输入姓名' },
            { max: 30, message: '姓名不超过 30 个字' },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="unitId" label="所在处室单位">
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={unitOptions} placeholder="选择处室单位" />
        </Form.Item>
        <Form.Item
          name="mobile"
          label="手机号码"
          extra={user?.mobile ? `当前：${user.mobile}，留空则不修改` : undefined}
          rules={[{ pattern: MOBILE_PATTERN, message: '手机号码格式不正确（11位，1开头）' }]}
        >
          <Input autoComplete="off" maxLength={11} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
