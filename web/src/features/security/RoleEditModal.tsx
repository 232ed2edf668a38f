import { useEffect, useState } from 'react';
import { Alert, Checkbox, Col, Form, Modal, Radio, Row, Space, Typography } from 'antd';
import type { Role, Scope } from '../../../../shared/roles.ts';
import { setRoles, type RolesSet, type User } from './api.ts';
import { ADMIN_ROLES, ALL_ROLES, ROLE_LABELS, SCOPE_HINTS, SCOPE_LABELS } from '../../ui/labels.ts';
import { useApiError } from '../../ui/useApiError.ts';

interface RoleFormValues {
  roles: Role[];
  scope: Scope;
}

// Mirrors roleProblems() in server/src/modules/users/users.service.ts (三权分立).
export function checkRoles(roles: Role[]): string | null {
  const admin = roles.filter((r) => ADMIN_ROLES.includes(r));
  if (admin.length > 1) return '系统管理员、安全管理员、审计管理员三种角色不能由同一账号兼任';
  if (admin.length === 1 && roles.length > 1) return '管理员账号不能兼任业务角色';
  if (roles.includes('enterprise')) return '企业用户账号须通过企业账号管理开通，不能在此分配';
  if (roles.length > 6) return '角色不能超过 6 个';
  return null;
}

export function checkScope(scope: Scope, roles: Role[], user: User | null): string | null {
  if (scope === 'unit' && !user?.unitId && roles.some((r) => !ADMIN_ROLES.includes(r))) {
    return '数据范围为“本处室”的账号须先由系统管理员指定所在处室';
  }
  if (scope === 'portfolio' && !roles.includes('leader')) return '“分管处室”数据范围仅适用于厅领导';
  return null;
}

export function RoleEditModal({
  open,
  user,
  onClose,
  onSaved,
  onStale,
}: {
  open: boolean;
  user: User | null;
  onClose: () => void;
  /** `initialPassword`: granting an admin role replaced the account's password (shown once). */
  onSaved: (saved: RolesSet) => void;
  onStale: () => void;
}) {
  const [form] = Form.useForm<RoleFormValues>();
  const onError = useApiError();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open || !user) return;
    form.resetFields();
    form.setFieldsValue({ roles: user.roles, scope: user.scope });
  }, [open, user, form]);

  const submit = async (v: RoleFormValues) => {
    if (!user) return;
    setSaving(true);
    try {
      onSaved(await setRoles(user.id, { version: user.version, roles: v.roles, scope: v.scope }));
    } catch (err) {
      onError(err, { form, onConflict: onStale });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={user ? `分配角色：${user.displayName}（${user.username}）` : '分配角色'}
      okText="保存"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={640}
      forceRender
    >
      <Alert
        type="info"
        showIcon
        title="系统管理员、安全管理员、审计管理员三员分立，须由不同人员担任，且不兼任业务角色、不属于处室。"
        description="保存后该账号须重新登录；授予管理员角色时将生成新的初始密码，请当面交付本人。"
        style={{ marginBottom: 16 }}
      />
      <Form<RoleFormValues> form={form} layout="vertical" onFinish={submit} initialValues={{ roles: [], scope: 'unit' }}>
        <Form.Item
          name="roles"
          label="角色"
          rules={[
            {
              validator: async (_, roles: Role[] | undefined) => {
                const problem = checkRoles(roles ?? []);
                if (problem) throw new Error(problem);
              },
            },
          ]}
        >
          <Checkbox.Group style={{ width: '100%' }}>
            <Row gutter={[8, 8]}>
              {ALL_ROLES.map((r) => (
                <Col span={12} key={r}>
                  <Checkbox value={r} disabled={r === 'enterprise'}>
                    {ROLE_LABELS[r]}
                  </Checkbox>
                </Col>
              ))}
            </Row>
          </Checkbox.Group>
        </Form.Item>
        <Form.Item
          name="scope"
          label="数据范围"
          dependencies={['roles']}
          rules={[
            { required: true, message: '请选择数据范围' },
            ({ getFieldValue }) => ({
              validator: async (_, scope: Scope | undefined) => {
                const problem = scope ? checkScope(scope, getFieldValue('roles') ?? [], user) : null;
                if (problem) throw new Error(problem);
              },
            }),
          ]}
        >
          <Radio.Group>
            <Space orientation="vertical">
              {(Object.keys(SCOPE_LABELS) as Scope[]).map((s) => (
                <Radio value={s} key={s}>
                  {SCOPE_LABELS[s]}
                  <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                    {SCOPE_HINTS[s]}
                  </Typography.Text>
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
      </Form>
    </Modal>
  );
}
