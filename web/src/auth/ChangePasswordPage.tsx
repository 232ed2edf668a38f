import { useState } from 'react';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App, Button, Form, Input } from 'antd';
import { changePassword } from './api.ts';
import { homePathOf, isEnterpriseUser, PORTAL_LOGIN } from './home.ts';
import { useMe, useSession } from './session.ts';
import { PageCard } from '../ui/PageCard.tsx';
import { useApiError } from '../ui/useApiError.ts';
import { PASSWORD_HINT, checkPassword } from './password.ts';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** The page's frame: the staff console's PageCard, or the portal's page. */
export type PageFrame = (props: { title: string; description?: ReactNode; children: ReactNode }) => ReactNode;

export function ChangePasswordPage({ frame: Frame = PageCard }: { frame?: PageFrame }) {
  const me = useMe();
  const { refresh } = useSession();
  const { message } = App.useApp();
  const onError = useApiError();
  const navigate = useNavigate();
  const [form] = Form.useForm<PasswordForm>();
  const [submitting, setSubmitting] = useState(false);
  const forced = me.mustChangePassword;

  const onFinish = async ({ currentPassword, newPassword }: PasswordForm) => {
    setSubmitting(true);
    try {
      await changePassword({ currentPassword, newPassword });
      form.resetFields();
      // The server may rotate or end the session after a password change.
      const user = await refresh().catch(() => null);
      if (user) {
        message.success('密码已修改');
        navigate(homePathOf(user), { replace: true });
      } else {
        message.success('密码已修改，请使用新密码重新登录');
        navigate(isEnterpriseUser(me) ? PORTAL_LOGIN : '/login', { replace: true });
      }
    } catch (err) {
      onError(err, { form });
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Frame title={forced ? '修改初始密码' : '修改密码'} description={`当前用户：${me.displayName}（${me.username}）`}>
      {forced ? (
        <Alert
          type="warning"
          showIcon
          title="首次登录或密码已被重置，须先修改密码才能继续使用系统。"
          style={{ marginBottom: 24, maxWidth: 560 }}
          data-testid="force-password-alert"
        />
      ) : null}
      <Form<PasswordForm> form={form} layout="vertical" onFinish={onFinish} style={{ maxWidth: 420 }} requiredMark={false}>
        <Form.Item name="currentPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="新密码"
          extra={PASSWORD_HINT}
          dependencies={['currentPassword']}
          rules={[
            { required: true, message: '请输入新密码' },
            ({ getFieldValue }) => ({
              validator: async (_, value: string | undefined) => {
                if (!value) return;
                const problem = checkPassword(value, me.username);
                if (problem) throw new Error(problem);
                if (value === getFieldValue('currentPassword')) throw new Error('新密码不能与当前密码相同');
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label="确认新密码"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: async (_, value: string | undefined) => {
                if (value && value !== getFieldValue('newPassword')) throw new Error('两次输入的新密码不一致');
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={submitting}>
          确认修改
        </Button>
      </Form>
    </Frame>
  );
}
