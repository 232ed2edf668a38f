// 集成接入 (issue 18): the tenant's sysadmin registers the systems that push work orders (12345转办,
// 省长信箱, 接诉即办 …), issues their API tokens (shown once) and revokes them, and sets whether a client's
// new work orders are dispatched by the R3.4 channel lead rule (自动派单) or wait in intake's queue.
import { useState } from 'react';
import { Alert, App, Button, Descriptions, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { APPEAL_CHANNEL_LABELS } from '../../../../shared/appeals.ts';
import { formatDateTime } from '../../../../shared/format.ts';
import {
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  INTEGRATION_CHANNELS,
  TOKEN_MAX_DAYS,
  TOKEN_SCOPES,
  TOKEN_SCOPE_LABELS,
  TOKEN_STATE_LABELS,
  type IntegrationChannel,
  type TokenScope,
} from '../../../../shared/integrations.ts';
import { PageCard } from '../../ui/PageCard.tsx';
import { useApiError } from '../../ui/useApiError.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { createClient, issueToken, listClients, revokeToken, updateClient, type IntegrationClient, type IntegrationToken } from './api.ts';

const STATE_COLORS = { active: 'green', expired: 'default', revoked: 'red' } as const;
const AUTO_DISPATCH_HELP = '开启后，新推送的工单按“渠道主办处室”规则由系统直接派至该渠道的主办处室；该渠道未设主办处室时，仍进入受理队列。';

export default function IntegrationsPage() {
  const { message } = App.useApp();
  const onError = useApiError();
  const { data, loading, reload } = useFetch((signal) => listClients(signal).then((r) => r.items), []);
  const [creating, setCreating] = useState(false);
  const [issuingFor, setIssuingFor] = useState<IntegrationClient | null>(null);
  const [issued, setIssued] = useState<{ client: string; token: string } | null>(null);
  const [createForm] = Form.useForm();
  const [tokenForm] = Form.useForm();

  const submitClient = async () => {
    const v = await createForm.validateFields();
    try {
      const ips = String(v.ipAllowList ?? '')
        .split(/[\s,，]+/)
        .map((s) => s.trim())
        .filter(Boolean);
      await createClient({
        name: v.name,
        channel: v.channel,
        rateLimitPerMinute: v.rateLimitPerMinute,
        ipAllowList: ips,
        autoDispatch: Boolean(v.autoDispatch),
        note: v.note || null,
      });
      message.success('已登记接入系统');
      setCreating(false);
      createForm.resetFields();
      reload();
    } catch (err) {
      onError(err, { form: createForm });
    }
  };

  const submitToken = async () => {
    if (!issuingFor) return;
    const v = await tokenForm.validateFields();
    try {
      const r = await issueToken(issuingFor.id, { scopes: v.scopes, expiresInDays: v.expiresInDays });
      setIssued({ client: issuingFor.name, token: r.token });
      setIssuingFor(null);
      tokenForm.resetFields();
      reload();
    } catch (err) {
      onError(err, { form: tokenForm });
    }
  };

  const toggle = async (c: IntegrationClient) => {
    try {
      await updateClient(c.id, { version: c.version, disabled: !c.disabled });
      message.success(c.disabled ? '已启用' : '已停用');
      reload();
    } catch (err) {
      onError(err, { onConflict: reload });
    }
  };

  const [switching, setSwitching] = useState<string | null>(null);
  const setAutoDispatch = async (c: IntegrationClient, on: boolean) => {
    setSwitching(c.id);
    try {
      await updateClient(c.id, { version: c.version, autoDispatch: on });
      message.success(on ? '已开启自动派单' : '已关闭自动派单');
      reload();
    } catch (err) {
      onError(err, { onConflict: reload });
    } finally {
      setSwitching(null);
    }
  };

  const revoke = async (t: IntegrationToken) => {
    try {
      await revokeToken(t.id);
      message.success('令牌已吊销');
      reload();
    } catch (err) {
      onError(err);
    }
  };

  const tokenColumns: TableColumnsType<IntegrationToken> = [
    { title: '令牌', dataIndex: 'prefix', width: 140, render: (p: string) => <Typography.Text code>{p}…</Typography.Text> },
    {
      title: '权限范围',
      dataIndex: 'scopes',
      render: (scopes: TokenScope[]) => (
        <Space size={[4, 4]} wrap>
          {scopes.map((s) => (
            <Tag key={s}>{TOKEN_SCOPE_LABELS[s]}</Tag>
          ))}
        </Space>
      ),
    },
    { title: '状态', dataIndex: 'state', width: 90, render: (s: IntegrationToken['state']) => <Tag color={STATE_COLORS[s]}>{TOKEN_STATE_LABELS[s]}</Tag> },
    { title: '有效期至', dataIndex: 'expiresAt', width: 170, render: (v: string) => formatDateTime(v) },
    {
      title: '最近使用',
      key: 'lastUsed',
      width: 230,
      render: (_, t) => (t.lastUsedAt ? `${formatDateTime(t.lastUsedAt)}（${t.lastUsedIp ?? ''}）` : '尚未使用'),
    },
    {
      title: '操作',
      key: 'actions',
      width: 90,
      render: (_, t) =>
        t.state === 'active' ? (
          <Popconfirm title="吊销该令牌？" description="吊销后使用该令牌的调用立即被拒绝，无法恢复。" onConfirm={() => revoke(t)}>
            <Button type="link" size="small" danger>
              吊销
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  const columns: TableColumnsType<IntegrationClient> = [
    {
      title: '接入系统',
      dataIndex: 'name',
      render: (name: string, c) => (
        <Space>
          <span>{name}</span>
          {c.disabled ? <Tag>已停用</Tag> : null}
        </Space>
      ),
    },
    { title: '推送渠道', dataIndex: 'channel', width: 140, render: (ch: IntegrationChannel) => APPEAL_CHANNEL_LABELS[ch] },
    { title: '调用上限', dataIndex: 'rateLimitPerMinute', width: 120, render: (n: number) => `${n} 次/分钟` },
    {
      title: 'IP 白名单',
      dataIndex: 'ipAllowList',
      width: 200,
      render: (list: string[]) => (list.length ? list.join('、') : '不限'),
    },
    {
      title: (
        <Tooltip title={AUTO_DISPATCH_HELP}>
          <span>自动派单</span>
        </Tooltip>
      ),
      dataIndex: 'autoDispatch',
      width: 110,
      render: (on: boolean, c) => (
        <Switch
          size="small"
          checked={on}
          loading={switching === c.id}
          checkedChildren="开"
          unCheckedChildren="关"
          aria-label={`「${c.name}」自动派单`}
          onChange={(v) => void setAutoDispatch(c, v)}
        />
      ),
    },
    { title: '已接收工单', dataIndex: 'workOrderCount', width: 110 },
    {
      title: '操作',
      key: 'actions',
      width: 170,
      render: (_, c) => (
        <Space size={4}>
          <Button
            type="link"
            size="small"
            disabled={c.disabled}
            title={c.disabled ? '已停用的接入系统不能签发令牌' : undefined}
            onClick={() => setIssuingFor(c)}
          >
            签发令牌
          </Button>
          <Button type="link" size="small" danger={!c.disabled} onClick={() => void toggle(c)}>
            {c.disabled ? '启用' : '停用'}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <PageCard
      title="工单接入"
      description="登记向本系统推送工单的外部平台（12345 热线、省长信箱、接诉即办等），签发和吊销其接口令牌。接口说明见 /api/docs 的 integrations 分组。"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          登记接入系统
        </Button>
      }
    >
      <Table<IntegrationClient>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data ?? []}
        pagination={false}
        expandable={{
          expandedRowRender: (c) =>
            c.tokens.length ? (
              <Table<IntegrationToken> rowKey="id" size="small" columns={tokenColumns} dataSource={c.tokens} pagination={false} />
            ) : (
              <Typography.Text type="secondary">尚未签发令牌</Typography.Text>
            ),
        }}
        locale={{ emptyText: '尚未登记接入系统' }}
      />

      <Modal
        title="登记接入系统"
        open={creating}
        okText="登记"
        cancelText="取消"
        onOk={() => void submitClient()}
        onCancel={() => setCreating(false)}
        destroyOnHidden
      >
        <Form
          form={createForm}
          layout="vertical"
          initialValues={{ channel: 'hotline_12345', rateLimitPerMinute: DEFAULT_RATE_LIMIT_PER_MINUTE, autoDispatch: false }}
        >
          <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}>
            <Input maxLength={50} placeholder="如：12345 政务服务便民热线平台" />
          </Form.Item>
          <Form.Item name="channel" label="推送的诉求渠道" rules={[{ required: true }]}>
            <Select options={INTEGRATION_CHANNELS.map((c) => ({ value: c, label: APPEAL_CHANNEL_LABELS[c] }))} />
          </Form.Item>
          <Form.Item name="rateLimitPerMinute" label="每分钟调用上限" rules={[{ required: true, message: '请填写调用上限' }]}>
            <InputNumber min={1} max={6000} style={{ width: 160 }} suffix="次" />
          </Form.Item>
          <Form.Item name="ipAllowList" label="IP 白名单（可选，多个以逗号或换行分隔，支持网段如 10.1.0.0/16）">
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="autoDispatch" label="自动派单" valuePropName="checked" extra={AUTO_DISPATCH_HELP}>
            <Switch checkedChildren="开" unCheckedChildren="关" />
          </Form.Item>
          <Form.Item name="note" label="备注">
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        title={issuingFor ? `为「${issuingFor.name}」签发令牌` : '签发令牌'}
        open={Boolean(issuingFor)}
        okText="签发"
        cancelText="取消"
        onOk={() => void submitToken()}
        onCancel={() => setIssuingFor(null)}
        destroyOnHidden
      >
        <Form form={tokenForm} layout="vertical" initialValues={{ scopes: [...TOKEN_SCOPES], expiresInDays: 180 }}>
          <Form.Item name="scopes" label="权限范围" rules={[{ required: true, message: '至少选择一项权限范围' }]}>
            <Select mode="multiple" options={TOKEN_SCOPES.map((s) => ({ value: s, label: TOKEN_SCOPE_LABELS[s] }))} />
          </Form.Item>
          <Form.Item name="expiresInDays" label={`有效期（天，最长 ${TOKEN_MAX_DAYS} 天）`} rules={[{ required: true, message: '请填写有效期' }]}>
            <InputNumber min={1} max={TOKEN_MAX_DAYS} style={{ width: 160 }} suffix="天" />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        title="令牌已签发"
        open={Boolean(issued)}
        footer={<Button onClick={() => setIssued(null)}>我已妥善保存</Button>}
        closable={false}
        maskClosable={false}
      >
        {issued ? (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Alert type="warning" showIcon title="令牌只显示这一次，关闭后无法再次查看。请通过安全渠道交给对方系统的管理员。" />
            <Descriptions column={1} size="small" items={[{ key: 'c', label: '接入系统', children: issued.client }]} />
            <Typography.Paragraph copyable={{ text: issued.token }} code style={{ wordBreak: 'break-all' }}>
              {issued.token}
            </Typography.Paragraph>
          </Space>
        ) : null}
      </Modal>
    </PageCard>
  );
}
