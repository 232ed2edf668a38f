import { useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { ApiError } from '../api/client.ts';
import { login, type Me } from './api.ts';
import { afterLoginPath, PORTAL_LOGIN } from './home.ts';
import { useSession } from './session.ts';
import { FullPageSpin } from '../ui/FullPageSpin.tsx';
import { PRIMARY } from '../ui/theme.ts';

interface LoginForm {
  username: string;
  password: string;
}

/** The login error as one line (also used by the enterprise login entry, /portal/login). */
export function describeLoginError(err: unknown): string {
  if (!(err instanceof ApiError)) return '登录失败，请稍后重试';
  // ACCOUNT_LOCKED: the message names the time already (the hold-back is per address and account, issue 12).
  if (err.fields) return [err.message, ...Object.values(err.fields)].join('：');
  return err.message;
}

export function LoginPage() {
  const { status, user, setSession } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const from = (location.state as { from?: string } | null)?.from;
  // An enterprise account signing in here still lands on 我的诉求 (and staff on the home page).
  const target = (u: Pick<Me, 'roles' | 'mustChangePassword'>) => afterLoginPath(u, from);

  if (status === 'loading') return <FullPageSpin />;
  if (user) return <Navigate to={target(user)} replace />;

  const onFinish = async (values: LoginForm) => {
    setSubmitting(true);
    setError(null);
    try {
      const session = await login(values);
      setSession(session);
      navigate(target(session.user), { replace: true });
    } catch (err) {
      setError(describeLoginError(err));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Flex
      align="center"
      justify="center"
      vertical
      style={{ minHeight: '100vh', background: `linear-gradient(160deg, ${PRIMARY} 0%, #163a75 55%, #0f2a55 100%)` }}
    >
      <Flex align="center" gap={12} style={{ marginBottom: 24 }}>
        <SafetyOutlined style={{ color: '#fff', fontSize: 36 }} />
        <div>
          <Typography.Title level={2} style={{ color: '#fff', margin: 0, letterSpacing: 2 }}>
            政企通
          </Typography.Title>
          <Typography.Text style={{ color: 'rgba(255,255,255,0.8)' }}>山东省应急管理系统 · 政企常态化沟通平台</Typography.Text>
        </div>
      </Flex>
      <Card style={{ width: 380, maxWidth: 'calc(100vw - 32px)' }} title="账号登录">
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" /> : null}
        <Form<LoginForm> layout="vertical" onFinish={onFinish} requiredMark={false} autoComplete="on">
          <Form.Item name="username" label="用户名" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting}>
            登录
          </Button>
        </Form>
        <div style={{ marginTop: 16, textAlign: 'center' }}>
          <Link to={PORTAL_LOGIN} data-testid="to-portal-login">
            企业用户请由此登录
          </Link>
        </div>
      </Card>
      <Typography.Text style={{ color: 'rgba(255,255,255,0.6)', marginTop: 24, fontSize: 12 }}>山东省应急管理厅 · 各市应急管理局</Typography.Text>
    </Flex>
  );
}
