// Issue 12: a new city bureau has no secadmin or auditor of its own. The province's secadmin opens
// the city's first account of each admin role here — only while the city has none; afterwards the
// city's own duties manage it (三权分立). The initial password is shown once.
import { useState } from 'react';
import { Button, Card, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { CityAdminRow as CityRow } from '../../../../shared/api/organisation.ts';
import { ROLE_LABELS } from '../../ui/labels.ts';
import { InitialPasswordModal } from '../../ui/InitialPasswordModal.tsx';
import { useApiError } from '../../ui/useApiError.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { getCityAdmins, openCityAdmin } from './api.ts';

type AdminRole = 'sysadmin' | 'secadmin' | 'auditor';
const ADMIN: AdminRole[] = ['sysadmin', 'secadmin', 'auditor'];

export function CityAdminsCard() {
  const onError = useApiError();
  const { data, loading, reload } = useFetch((signal) => getCityAdmins(signal), []);
  const [opening, setOpening] = useState<{ city: CityRow; role: AdminRole } | null>(null);
  const [issued, setIssued] = useState<{ username: string; displayName: string; password: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ username: string; displayName: string }>();

  const submit = async (v: { username: string; displayName: string }) => {
    if (!opening) return;
    setSaving(true);
    try {
      const res = await openCityAdmin(opening.city.code, { role: opening.role, ...v });
      setOpening(null);
      form.resetFields();
      setIssued({ username: res.user.username, displayName: res.user.displayName, password: res.initialPassword });
      reload();
    } catch (err) {
      onError(err, { form, onConflict: reload });
    } finally {
      setSaving(false);
    }
  };

  const columns: TableColumnsType<CityRow> = [
    { title: '市应急局', dataIndex: 'name', width: 180 },
    ...ADMIN.map((role) => ({
      title: ROLE_LABELS[role],
      key: role,
      render: (_: unknown, c: CityRow) =>
        c[role] > 0 ? (
          <Tag color="green">已开通 {c[role]} 个</Tag>
        ) : (
          <Space size={4}>
            <Tag color="orange">未开通</Tag>
            <Button type="link" size="small" onClick={() => setOpening({ city: c, role })}>
              开通
            </Button>
          </Space>
        ),
    })),
  ];

  return (
    <Card title="各市局管理员开通" size="small" style={{ marginTop: 24 }}>
      <Typography.Paragraph type="secondary">
        新设市局尚无本级管理员时，由省厅安全管理员开通其首个系统管理员、安全管理员、审计管理员账号；已开通的由该市自行管理。
      </Typography.Paragraph>
      <Table<CityRow> rowKey="code" size="small" loading={loading} columns={columns} dataSource={data?.items ?? []} pagination={false} />
      <Modal
        open={!!opening}
        title={opening ? `为${opening.city.name}开通${ROLE_LABELS[opening.role]}账号` : ''}
        okText="开通"
        confirmLoading={saving}
        onOk={() => form.submit()}
        onCancel={() => setOpening(null)}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item
            name="username"
            label="用户名"
            rules={[
              { required: true, whitespace: true, message: '请填写用户名' },
              { pattern: /^[A-Za-z0-9_.-]{3,32}$/, message: '用户名为3–32位字母、数字或 _ . -' },
            ]}
          >
            <Input maxLength={32} />
          </Form.Item>
          <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
            <Input maxLength={30} />
          </Form.Item>
        </Form>
      </Modal>
      <InitialPasswordModal
        open={!!issued}
        username={issued?.username ?? ''}
        displayName={issued?.displayName ?? ''}
        password={issued?.password ?? ''}
        onClose={() => setIssued(null)}
      />
    </Card>
  );
}
