// Enterprise login entry (issue 7: separate login entry). Same API, password rules and lockout as
// the staff login (/login); after signing in an enterprise account lands on 我的诉求, and a staff
// account that signs in here still lands on the staff home page (afterLoginPath).
import { useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { Alert, Button, Card, ConfigProvider, Divider, Flex, Form, Input, Typography } from 'antd';
import { FileSearchOutlined, FormOutlined, LikeOutlined, LockOutlined, ShopOutlined, UserOutlined } from '@ant-design/icons';
import { login } from '../../auth/api.ts';
import { afterLoginPath } from '../../auth/home.ts';
import { useSession } from '../../auth/session.ts';
import { FullPageSpin } from '../../ui/FullPageSpin.tsx';
import { describeLoginError } from '../../auth/LoginPage.tsx';
import { PORTAL_ACCENT, PORTAL_BG, portalTheme } from '../../ui/theme.ts';

interface LoginForm {
  username: string;
  password: string;
}

/** The enterprise entry's frame: brand bar, then the page's content centred (phone first). */
export function PortalFrame({ children, subtitle }: { children: React.ReactNode; subtitle?: string }) {
  return (
    <ConfigProvider theme={portalTheme}>
      <Flex vertical align="center" style={{ minHeight: '100vh', background: PORTAL_BG, padding: '0 16px 32px' }}>
        <Flex align="center" gap={12} style={{ width: '100%', maxWidth: 440, padding: '28px 0 20px' }}>
          <ShopOutlined style={{ color: PORTAL_ACCENT, fontSize: 34 }} />
          <div>
            <Typography.Title level={3} style={{ margin: 0, color: '#123' }}>
              政企通 · 企业服务
            </Typography.Title>
            <Typography.Text type="secondary">{subtitle ?? '山东省应急管理系统 · 企业诉求在线办理'}</Typography.Text>
          </div>
        </Flex>
        {children}
        <Typography.Text type="secondary" style={{ marginTop: 24, fontSize: 12, textAlign: 'center' }}>
          山东省应急管理厅 · 各市应急管理局
        </Typography.Text>
      </Flex>
    </ConfigProvider>
  );
}

const FEATURES = [
  { icon: <FormOutlined />, label: '在线提交诉求' },
  { icon: <FileSearchOutlined />, label: '办理进度可查' },
  { icon: <LikeOutlined />, label: '答复结果评价' },
];

export default function PortalLoginPage() {
  const { status, user, setSession } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const from = (location.state as { from?: string } | null)?.from;

  if (status === 'loading') return <FullPageSpin />;
  if (user) return <Navigate to={afterLoginPath(user, from)} replace />;

  const onFinish = async (values: LoginForm) => {
    setSubmitting(true);
    setError(null);
    try {
      const session = await login(values);
      setSession(session);
      navigate(afterLoginPath(session.user, from), { replace: true });
    } catch (err) {
      setError(describeLoginError(err));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <PortalFrame>
      <Card style={{ width: '100%', maxWidth: 440, borderTop: `3px solid ${PORTAL_ACCENT}` }} title="企业用户登录">
        <Flex justify="space-around" style={{ marginBottom: 20 }}>
          {FEATURES.map((f) => (
            <Flex key={f.label} vertical align="center" gap={4}>
              <span style={{ fontSize: 22, color: PORTAL_ACCENT }}>{f.icon}</span>
              <Typography.Text style={{ fontSize: 12 }}>{f.label}</Typography.Text>
            </Flex>
          ))}
        </Flex>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" /> : null}
        <Form<LoginForm> layout="vertical" onFinish={onFinish} requiredMark={false} autoComplete="on">
          <Form.Item
            name="username"
            label="用户名"
            rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
            extra="自助注册未填写用户名的，用户名为统一社会信用代码"
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
            登录
          </Button>
        </Form>
        <Divider plain style={{ margin: '20px 0 12px' }}>
          还没有企业账号？
        </Divider>
        <Link to="/portal/register">
          <Button block size="large">
            申请开通企业账号
          </Button>
        </Link>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 12, marginBottom: 0 }}>
          连续多次输入错误密码，将暂停从本机登录该账号一段时间；忘记密码请联系受理您诉求的应急管理部门重置。
        </Typography.Paragraph>
      </Card>
      <Link to="/login" style={{ marginTop: 16 }}>
        工作人员登录
      </Link>
    </PortalFrame>
  );
}
