// 事件推送 (issue 18, sysadmin): the tenant's webhook subscriptions — address, events, state — with the
// signing secret shown once at creation and at each rotation, and each subscription's delivery log with
// manual redelivery. A subscription stopped after a day of failures is re-enabled here.
import { useState } from 'react';
import { Alert, App, Button, Checkbox, Drawer, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { WEBHOOK_DELIVERY_STATUS_LABELS, WEBHOOK_EVENT_LABELS, WEBHOOK_EVENTS, type WebhookEvent } from '../../../../shared/webhooks.ts';
import { PageCard } from '../../ui/PageCard.tsx';
import { useApiError } from '../../ui/useApiError.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { formatDateTime } from '../../ui/format.ts';
import {
  createWebhook,
  listIntegrationClients,
  listDeliveries,
  listWebhooks,
  redeliver,
  rotateWebhookSecret,
  updateWebhook,
  type WebhookDelivery,
  type WebhookSecretAnswer,
  type WebhookSubscription,
} from './api.ts';

const eventLabel = (e: string) => WEBHOOK_EVENT_LABELS[e as WebhookEvent] ?? e;
const DELIVERY_COLORS: Record<string, string> = { pending: 'orange', delivered: 'green', failed: 'red' };

function SecretModal({ answer, onClose }: { answer: WebhookSecretAnswer | null; onClose: () => void }) {
  return (
    <Modal
      open={answer !== null}
      title="签名密钥（仅显示这一次）"
      onOk={onClose}
      onCancel={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
      okText="我已保存"
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Alert type="warning" showIcon title="请立即复制并交给对方系统的管理员。关闭后无法再次查看，只能更换密钥。" />
        <Typography.Paragraph copyable code style={{ wordBreak: 'break-all' }}>
          {answer?.secret}
        </Typography.Paragraph>
        <Typography.Text type="secondary">
          每条推送带 webhook-id、webhook-timestamp、webhook-signature 三个请求头（Standard Webhooks 规范），对方用此密钥验证签名。
        </Typography.Text>
      </Space>
    </Modal>
  );
}

function DeliveriesDrawer({ sub, onClose }: { sub: WebhookSubscription | null; onClose: () => void }) {
  const { message } = App.useApp();
  const onError = useApiError();
  const [page, setPage] = useState(1);
  const [busy, setBusy] = useState<string | null>(null);
  const list = useFetch((signal) => (sub ? listDeliveries(sub.id, { page, pageSize: 10 }, signal) : Promise.resolve({ items: [], total: 0 })), [sub?.id, page]);
  const again = async (d: WebhookDelivery) => {
    if (!sub) return;
    setBusy(d.id);
    try {
      const r = await redeliver(sub.id, d.id);
      if (r.status === 'delivered') message.success('重新投递成功');
      else message.warning(`重新投递失败：${r.lastError ?? '未知错误'}`);
      list.reload();
    } catch (err) {
      onError(err);
    } finally {
      setBusy(null);
    }
  };
  const columns: TableColumnsType<WebhookDelivery> = [
    { title: '事件', dataIndex: 'eventType', width: 100, render: (v: string) => eventLabel(v) },
    { title: '生成时间', dataIndex: 'createdAt', width: 140, render: (v: string) => formatDateTime(v) },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (v: string) => <Tag color={DELIVERY_COLORS[v]}>{WEBHOOK_DELIVERY_STATUS_LABELS[v] ?? '未知'}</Tag>,
    },
    {
      title: '尝试记录',
      key: 'log',
      render: (_, d) => (
        <Space orientation="vertical" size={0}>
          {d.log.map((a) => (
            <Typography.Text key={a.attempt} type={a.ok ? undefined : 'danger'} style={{ fontSize: 12 }}>
              第{a.attempt}次{a.trigger === 'manual' ? '（手动）' : ''} {formatDateTime(a.at)} {a.statusCode ? `HTTP ${a.statusCode}` : (a.error ?? '')}{' '}
              {a.durationMs} ms
            </Typography.Text>
          ))}
          {d.nextAttemptAt ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              下次重试：{formatDateTime(d.nextAttemptAt)}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 100,
      render: (_, d) => (
        <Button type="link" size="small" loading={busy === d.id} onClick={() => void again(d)}>
          重新投递
        </Button>
      ),
    },
  ];
  return (
    <Drawer open={sub !== null} onClose={onClose} size="large" title={sub ? `投递记录：${sub.name}` : ''}>
      <Table<WebhookDelivery>
        rowKey="id"
        size="small"
        loading={list.loading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 10, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      />
    </Drawer>
  );
}

export default function WebhooksPage() {
  const { message } = App.useApp();
  const onError = useApiError();
  const list = useFetch((signal) => listWebhooks(signal), []);
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<WebhookSecretAnswer | null>(null);
  const [viewing, setViewing] = useState<WebhookSubscription | null>(null);
  const [form] = Form.useForm<{ name: string; url: string; events: string[]; clientId?: string | null }>();
  const clients = useFetch((signal) => listIntegrationClients(signal).then((r) => r.items), []);
  const clientName = (id: string) => clients.data?.find((c) => c.id === id)?.name ?? '（接入系统）';
  const conflict = { onConflict: list.reload };

  const create = async () => {
    const v = await form.validateFields();
    try {
      setSecret(await createWebhook(v));
      setCreating(false);
      form.resetFields();
      list.reload();
    } catch (err) {
      onError(err, { form });
    }
  };
  const setEnabled = async (s: WebhookSubscription, enabled: boolean) => {
    try {
      await updateWebhook(s.id, { version: s.version, enabled });
      message.success(enabled ? '已重新启用，积压的消息将依次推送' : '已停用');
      list.reload();
    } catch (err) {
      onError(err, conflict);
    }
  };
  const rotate = async (s: WebhookSubscription) => {
    try {
      setSecret(await rotateWebhookSecret(s.id, s.version));
      list.reload();
    } catch (err) {
      onError(err, conflict);
    }
  };

  const columns: TableColumnsType<WebhookSubscription> = [
    { title: '名称', dataIndex: 'name', width: 140 },
    { title: '推送地址', dataIndex: 'url', ellipsis: true },
    {
      title: '范围',
      dataIndex: 'clientId',
      width: 140,
      ellipsis: true,
      render: (id: string | null) => (id ? <span title={`只推送由「${clientName(id)}」推送进来的诉求的事件`}>仅{clientName(id)}</span> : '全部诉求'),
    },
    {
      title: '事件',
      dataIndex: 'events',
      width: 260,
      render: (v: string[]) => (
        <Space size={[4, 4]} wrap>
          {v.map((e) => (
            <Tag key={e}>{eventLabel(e)}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: '状态',
      key: 'status',
      width: 120,
      render: (_, s) =>
        s.status === 'active' ? (
          <Tag color="green">推送中</Tag>
        ) : (
          <Typography.Text type="danger" title={s.disabledReason ?? ''}>
            已停用
          </Typography.Text>
        ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 240,
      render: (_, s) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setViewing(s)}>
            投递记录
          </Button>
          <Popconfirm title="更换签名密钥？" description="新密钥仅显示一次；旧密钥在24小时内继续签名，便于对方切换。" onConfirm={() => rotate(s)}>
            <Button type="link" size="small">
              更换密钥
            </Button>
          </Popconfirm>
          {s.status === 'active' ? (
            <Popconfirm title={`停用「${s.name}」？`} description="停用期间的事件暂存，重新启用后推送。" onConfirm={() => setEnabled(s, false)}>
              <Button type="link" size="small" danger>
                停用
              </Button>
            </Popconfirm>
          ) : (
            <Button type="link" size="small" onClick={() => void setEnabled(s, true)}>
              重新启用
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const disabled = (list.data?.items ?? []).filter((s) => s.status === 'disabled');
  return (
    <PageCard
      title="事件推送"
      description="诉求受理、派单、节点逾期、答复、评价、重办、办结等事件实时推送给12345热线平台、鲁力办等对接系统。推送失败自动重试约一天，仍失败则停用并通知系统管理员。"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          新增推送
        </Button>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {disabled.map((s) => (
          <Alert key={s.id} type="error" showIcon title={`「${s.name}」已停用`} description={s.disabledReason ?? ''} />
        ))}
        <Table<WebhookSubscription> rowKey="id" size="middle" loading={list.loading} columns={columns} dataSource={list.data?.items ?? []} pagination={false} />
      </Space>
      <Modal open={creating} title="新增事件推送" okText="保存并生成密钥" onOk={() => void create()} onCancel={() => setCreating(false)} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ events: [...WEBHOOK_EVENTS] }}>
          <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}>
            <Input maxLength={50} placeholder="如：12345热线平台" />
          </Form.Item>
          <Form.Item name="url" label="推送地址" rules={[{ required: true, message: '请填写推送地址' }]}>
            <Input maxLength={500} placeholder="https://" />
          </Form.Item>
          <Form.Item name="clientId" label="范围" extra="选择接入系统后，只推送由该系统推送进来的诉求的事件；不选则推送本单位全部诉求的事件。">
            <Select allowClear placeholder="全部诉求" loading={clients.loading} options={(clients.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
          <Form.Item name="events" label="推送的事件" rules={[{ required: true, message: '至少选择一种事件' }]}>
            <Checkbox.Group options={WEBHOOK_EVENTS.map((e) => ({ label: WEBHOOK_EVENT_LABELS[e], value: e }))} />
          </Form.Item>
        </Form>
      </Modal>
      <SecretModal answer={secret} onClose={() => setSecret(null)} />
      <DeliveriesDrawer sub={viewing} onClose={() => setViewing(null)} />
    </PageCard>
  );
}
