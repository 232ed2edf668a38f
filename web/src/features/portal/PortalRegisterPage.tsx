// Public enterprise self-registration (issue 7 "Accounts"), no login. The request is checked by the
// intake staff of the chosen bureau against its enterprise registry before the account opens.
// Validation: the password is checked here with the staff rule (utils/password.ts) and the chosen
// bureau's minimum length; everything else (USCC per GB 32100-2015, mobile, username) by the server,
// whose 400 field messages are shown on the fields.
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, Descriptions, Form, Input, Result, Select, Typography } from 'antd';
import { ApiError } from '../../api/client.ts';
import { passwordRule, register, registrationTenants, type PublicTenant } from './api.ts';
import { useApiError } from '../../ui/useApiError.ts';
import { checkPassword } from '../../auth/password.ts';
import { PortalFrame } from './PortalLoginPage.tsx';

interface RegisterForm {
  tenantCode: string;
  uscc: string;
  enterpriseName: string;
  contactName: string;
  mobile: string;
  username?: string;
  password: string;
  confirm: string;
}

interface Submitted {
  id: string;
  username: string;
  tenantName: string;
  enterpriseName: string;
}

export default function PortalRegisterPage() {
  const [form] = Form.useForm<RegisterForm>();
  const onError = useApiError();
  const [tenants, setTenants] = useState<PublicTenant[]>([]);
  const [rule, setRule] = useState({ minLength: 8, text: '至少8位，须包含大写字母、小写字母、数字、符号中的至少三类，且不能包含用户名' });
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<Submitted | null>(null);
  const tenantCode = Form.useWatch('tenantCode', form);

  useEffect(() => {
    const ctrl = new AbortController();
    registrationTenants(ctrl.signal)
      .then((r) => {
        setTenants(r.items);
        const province = r.items.find((t) => t.kind === 'province');
        if (province && !form.getFieldValue('tenantCode')) form.setFieldValue('tenantCode', province.code);
      })
      .catch((err) => onError(err));
    return () => ctrl.abort();
  }, [form, onError]);

  // The selected bureau's password rule (its security settings may ask for more than 8 characters).
  useEffect(() => {
    if (!tenantCode) return;
    const ctrl = new AbortController();
    passwordRule(tenantCode, ctrl.signal)
      .then(setRule)
      .catch(() => undefined);
    return () => ctrl.abort();
  }, [tenantCode]);

  const onFinish = async ({ confirm: _confirm, username, ...values }: RegisterForm) => {
    setSubmitting(true);
    setProblem(null);
    try {
      const body = { ...values, uscc: values.uscc.trim().toUpperCase(), ...(username?.trim() ? { username: username.trim() } : {}) };
      const res = await register(body);
      setDone({
        id: res.id,
        username: res.username,
        tenantName: tenants.find((t) => t.code === values.tenantCode)?.name ?? '',
        enterpriseName: values.enterpriseName,
      });
    } catch (err) {
      // 409 (a request of this enterprise is already pending) and 429 are shown above the form.
      if (err instanceof ApiError && !err.fields) setProblem(err.message);
      else onError(err, { form });
    } finally {
      setSubmitting(false);
    }
  };

  if (done) {
    return (
      <PortalFrame subtitle="企业账号注册">
        <Card style={{ width: '100%', maxWidth: 440 }}>
          <Result status="success" title="已提交，等待审核" subTitle={`${done.tenantName}的受理人员将核对企业名录后开通账号`} style={{ padding: '16px 0' }} />
          <Descriptions column={1} size="small" bordered data-testid="register-done">
            <Descriptions.Item label="企业名称">{done.enterpriseName}</Descriptions.Item>
            <Descriptions.Item label="申请的用户名">
              <Typography.Text strong copyable>
                {done.username}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
            审核通过后，请使用上述用户名和您设置的密码登录。如用户名需要调整，或申请未通过，工作人员将通过您留下的手机号码与联系人联系。
          </Typography.Paragraph>
          <Link to="/portal/login">
            <Button type="primary" block size="large">
              返回企业登录
            </Button>
          </Link>
        </Card>
      </PortalFrame>
    );
  }

  return (
    <PortalFrame subtitle="企业账号注册">
      <Card style={{ width: '100%', maxWidth: 440 }} title="申请开通企业账号">
        <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
          提交后由应急管理部门受理人员核对企业名录，审核通过即可登录提交诉求、查看办理进度。
        </Typography.Paragraph>
        {problem ? <Alert type="warning" showIcon title={problem} style={{ marginBottom: 16 }} data-testid="register-problem" /> : null}
        <Form<RegisterForm> form={form} layout="vertical" onFinish={onFinish} requiredMark="optional" autoComplete="off" scrollToFirstError>
          <Form.Item name="tenantCode" label="受理单位" rules={[{ required: true, message: '请选择受理单位' }]} extra="选择对贵企业实施安全监管的应急管理部门">
            <Select options={tenants.map((t) => ({ value: t.code, label: t.name }))} showSearch={{ optionFilterProp: 'label' }} placeholder="请选择" />
          </Form.Item>
          <Form.Item
            name="uscc"
            label="统一社会信用代码"
            rules={[{ required: true, whitespace: true, message: '请填写统一社会信用代码' }]}
            extra="18位，见营业执照"
          >
            <Input maxLength={30} autoComplete="off" />
          </Form.Item>
          <Form.Item name="enterpriseName" label="企业名称" rules={[{ required: true, whitespace: true, message: '请填写企业名称' }]} extra="与营业执照一致">
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="contactName" label="联系人" rules={[{ required: true, whitespace: true, message: '请填写联系人' }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="mobile" label="手机号码" rules={[{ required: true, whitespace: true, message: '请填写手机号码' }]} extra="审核结果将通过该号码联系">
            <Input maxLength={11} inputMode="tel" autoComplete="tel" />
          </Form.Item>
          <Form.Item name="username" label="用户名" extra="3–32位字母、数字或 _ . -；不填则使用统一社会信用代码">
            <Input maxLength={32} autoComplete="username" />
          </Form.Item>
          <Form.Item
            name="password"
            label="登录密码"
            extra={<span data-testid="password-rule">{rule.text}</span>}
            dependencies={['username', 'uscc']}
            rules={[
              { required: true, message: '请设置登录密码' },
              ({ getFieldValue }) => ({
                validator: async (_, pw: string | undefined) => {
                  if (!pw) return;
                  if (pw.length < rule.minLength) throw new Error(`密码长度至少${rule.minLength}位`);
                  const problem = checkPassword(
                    pw,
                    (getFieldValue('username') as string | undefined)?.trim() || (getFieldValue('uscc') as string | undefined)?.trim() || undefined,
                  );
                  if (problem) throw new Error(problem);
                },
              }),
            ]}
          >
            <Input.Password maxLength={128} autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label="确认密码"
            dependencies={['password']}
            rules={[
              { required: true, message: '请再次输入密码' },
              ({ getFieldValue }) => ({
                validator: (_, v) => (!v || v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致'))),
              }),
            ]}
          >
            <Input.Password maxLength={128} autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
            提交申请
          </Button>
        </Form>
        <div style={{ marginTop: 16, textAlign: 'center' }}>
          已有账号？<Link to="/portal/login">企业用户登录</Link>
        </div>
      </Card>
    </PortalFrame>
  );
}
