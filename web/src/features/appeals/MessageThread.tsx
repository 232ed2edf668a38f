// 沟通消息 (issue 7): the thread of one appeal between the enterprise and the handling side, used by
// the portal's appeal page (GET/POST /api/portal/appeals/:id/messages) and the staff appeal page
// (/api/appeals/:id/messages). The viewer's own side is on the right. The enterprise sees a staff
// message under its unit's name only (the server never sends the civil servant's name to the
// portal). React escapes every body; nothing here renders HTML.
import { useState } from 'react';
import { Alert, App, Button, Empty, Flex, Form, Input, Typography } from 'antd';
import { ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { MESSAGE_MAX_CHARS } from '../../../../shared/portal.ts';
import { loadThread, postMessage, type ThreadMessage } from './api.ts';
import { useApiError } from '../../ui/useApiError.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { formatDateTime } from '../../ui/format.ts';
import { InlineSpin } from '../../ui/InlineSpin.tsx';

function authorLine(m: ThreadMessage, viewer: 'enterprise' | 'staff'): string {
  if (viewer === 'enterprise') return m.side === 'staff' ? m.author : m.mine ? '我' : m.author;
  if (m.side === 'enterprise') return `企业：${m.author}`;
  return `${m.author}${'unitName' in m && m.unitName ? `（${m.unitName}）` : ''}`;
}

export function MessageThread({ path, viewer }: { path: string; viewer: 'enterprise' | 'staff' }) {
  const { message } = App.useApp();
  const onError = useApiError();
  const [form] = Form.useForm<{ body: string }>();
  const [sent, setSent] = useState<ThreadMessage[]>([]);
  const [busy, setBusy] = useState(false);
  const { data, loading, reload } = useFetch(
    (signal) =>
      loadThread(path, signal).then((t) => {
        setSent([]);
        return t;
      }),
    [path],
  );

  const send = async (v: { body: string }) => {
    setBusy(true);
    try {
      const m = await postMessage(path, { body: v.body });
      setSent((list) => [...list, m]);
      form.resetFields();
      message.success(viewer === 'enterprise' ? '消息已发送给办理单位' : '消息已发送，企业将收到通知');
    } catch (err) {
      onError(err, { form });
    } finally {
      setBusy(false);
    }
  };

  if (!data) return loading ? <InlineSpin padding={16} /> : <Empty description="消息加载失败" />;
  const items = [...data.items, ...sent.filter((s) => !data.items.some((i) => i.id === s.id))];
  const ownSide = viewer;

  return (
    <Flex vertical gap={12} data-testid="message-thread">
      {viewer === 'staff' && data.canPost && 'enterpriseAccounts' in data && data.enterpriseAccounts === 0 ? (
        <Alert type="info" showIcon message="该企业尚未开通企业账号：消息暂时只有工作人员可见，企业开通账号后可在门户查看。" />
      ) : null}
      {data.total > data.items.length ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          共 {data.total} 条，仅显示最近 {data.items.length} 条
        </Typography.Text>
      ) : null}
      {items.length ? (
        <Flex vertical gap={10} style={{ maxHeight: 480, overflowY: 'auto', paddingRight: 4 }}>
          {items.map((m) => {
            const own = m.side === ownSide;
            return (
              <Flex key={m.id} vertical align={own ? 'flex-end' : 'flex-start'} data-testid="message-item" data-side={m.side}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {authorLine(m, viewer)} · {formatDateTime(m.createdAt)}
                </Typography.Text>
                <div
                  style={{
                    maxWidth: '85%',
                    marginTop: 2,
                    padding: '8px 12px',
                    borderRadius: 8,
                    background: own ? '#e6f4ff' : '#f5f5f5',
                    border: `1px solid ${own ? '#91caff' : '#f0f0f0'}`,
                    whiteSpace: 'pre-wrap',
                    overflowWrap: 'anywhere',
                  }}
                >
                  {m.body}
                </div>
              </Flex>
            );
          })}
        </Flex>
      ) : (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={viewer === 'enterprise' && data.canPost ? '暂无消息，可在下方向办理单位留言' : '暂无沟通消息'}
        />
      )}
      {data.canPost ? (
        <Form form={form} layout="vertical" onFinish={send} requiredMark={false} style={{ marginBottom: 0 }}>
          <Form.Item
            name="body"
            label={viewer === 'enterprise' ? '给办理单位留言' : '回复企业'}
            extra={viewer === 'enterprise' ? '办理单位会收到通知。' : '企业看到的是处室名称，不显示您的姓名；内部意见请勿写在这里。'}
            rules={[
              { required: true, whitespace: true, message: '请填写消息内容' },
              { max: MESSAGE_MAX_CHARS, message: `不能超过${MESSAGE_MAX_CHARS}个字符` },
            ]}
          >
            <Input.TextArea rows={3} maxLength={MESSAGE_MAX_CHARS} showCount data-testid="message-input" />
          </Form.Item>
          <Flex gap={8} justify="flex-end">
            <Button icon={<ReloadOutlined />} onClick={reload}>
              刷新
            </Button>
            <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={busy} data-testid="message-send">
              发送
            </Button>
          </Flex>
        </Form>
      ) : data.postBlockedReason ? (
        <Typography.Text type="secondary">{data.postBlockedReason}</Typography.Text>
      ) : null}
    </Flex>
  );
}
