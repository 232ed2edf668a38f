// One registration request next to the registry record with the same USCC (issue 7): intake checks
// name, supervising unit and existing accounts, then approves (optionally under another username,
// required when the requested one is taken) or rejects with a reason. Both carry the version read:
// a decision made meanwhile by someone else answers 409, shown as such and reloaded.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Col, Descriptions, Drawer, Flex, Form, Input, Modal, Row, Space, Tag, Typography } from 'antd';
import { ApiError } from '../../api/client.ts';
import { useApiError } from '../../ui/useApiError.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { ENTERPRISE_STATUS_LABELS, type EnterpriseStatus } from '../../../../shared/enterprises.ts';
import { formatDateTime } from '../../ui/format.ts';
import { approveRegistration, getRegistration, rejectRegistration, type RegistrationDetail } from './api.ts';
import { REGISTRATION_STATUS_COLORS, REGISTRATION_STATUS_LABELS } from './labels.ts';

export const DECIDED_ELSEWHERE = '该申请已被他人处理或修改，已刷新为最新状态，请核对后再操作';

export function RegistrationDrawer({ id, onClose, onDecided }: { id: string | null; onClose: () => void; onDecided: () => void }) {
  const { message } = App.useApp();
  const onError = useApiError();
  const [approveForm] = Form.useForm<{ username: string; rejectOthersReason?: string }>();
  const [rejectForm] = Form.useForm<{ reason: string }>();
  const [rejecting, setRejecting] = useState(false);
  const [saving, setSaving] = useState(false);
  const detail = useFetch<RegistrationDetail | undefined>((signal) => (id ? getRegistration(id, signal) : Promise.resolve(undefined)), [id]);
  const d = id ? detail.data : undefined;
  const r = d?.registration.id === id ? d?.registration : undefined;

  useEffect(() => {
    if (r) approveForm.setFieldsValue({ username: d?.usernameTaken ? '' : r.username });
  }, [r, d?.usernameTaken, approveForm]);

  /** 409: decided or changed meanwhile — say so, reload this request and the list. */
  const handle = (err: unknown, form?: typeof approveForm | typeof rejectForm) => {
    if (err instanceof ApiError && err.status === 409) {
      message.warning(DECIDED_ELSEWHERE);
      detail.reload();
      onDecided();
      return;
    }
    onError(err, { form });
  };

  const approve = async ({ username, rejectOthersReason }: { username: string; rejectOthersReason?: string }) => {
    if (!r) return;
    setSaving(true);
    try {
      const body = {
        version: r.version,
        ...(username.trim() && username.trim() !== r.username ? { username: username.trim() } : {}),
        ...(d?.samePendingUscc.length && rejectOthersReason?.trim() ? { rejectOthersReason: rejectOthersReason.trim() } : {}),
      };
      const res = await approveRegistration(r.id, body);
      message.success(res.username !== r.username ? `已通过，开通账号「${res.username}」，请电话告知联系人新用户名` : `已通过，开通账号「${res.username}」`);
      detail.reload();
      onDecided();
    } catch (err) {
      handle(err, approveForm);
    } finally {
      setSaving(false);
    }
  };

  const reject = async ({ reason }: { reason: string }) => {
    if (!r) return;
    setSaving(true);
    try {
      await rejectRegistration(r.id, { version: r.version, reason });
      message.success('已驳回');
      setRejecting(false);
      rejectForm.resetFields();
      detail.reload();
      onDecided();
    } catch (err) {
      setRejecting(false);
      handle(err, rejectForm);
    } finally {
      setSaving(false);
    }
  };

  const e = d?.registry ?? null;
  const pending = r?.status === 'pending';
  const canApprove = pending && !!e && !e.archived;

  return (
    <Drawer open={!!id} title="注册申请审核" size={860} onClose={onClose} loading={detail.loading && !r}>
      {r && d ? (
        <Flex vertical gap={16} data-testid="registration-detail">
          <Flex gap={8} align="center">
            <Tag color={REGISTRATION_STATUS_COLORS[r.status]}>{REGISTRATION_STATUS_LABELS[r.status]}</Tag>
            <Typography.Text type="secondary">申请时间 {formatDateTime(r.createdAt)}</Typography.Text>
          </Flex>
          {pending && !e ? (
            <Alert
              type="error"
              showIcon
              title="本单位企业名录中没有该统一社会信用代码的企业"
              description="请核实：如企业确属本单位监管，先在企业名录中录入再审核通过；否则请驳回并说明原因。"
            />
          ) : null}
          {pending && e?.archived ? <Alert type="error" showIcon title="名录中的该企业已归档，不能开通账号" /> : null}
          {pending && e && !e.nameMatches ? (
            <Alert type="warning" showIcon title="申请的企业名称与名录登记不一致" description="请与联系人核实是否为同一企业（如更名），核实无误再通过。" />
          ) : null}
          {pending && d.usernameTaken ? (
            <Alert
              type="warning"
              showIcon
              title={`申请的用户名「${r.username}」已被使用`}
              description="审核通过时须另定用户名，并电话告知联系人新的用户名（密码仍为企业注册时设置的密码）。"
              data-testid="username-taken"
            />
          ) : null}
          {pending && d.samePendingUsername > 0 ? (
            <Alert type="info" showIcon title={`另有 ${d.samePendingUsername} 条待审核申请使用同一用户名，先通过的一方使用该用户名`} />
          ) : null}
          {pending && d.samePendingUscc.length > 0 ? (
            <Alert
              type="warning"
              showIcon
              data-testid="same-uscc"
              title={`同一企业另有 ${d.samePendingUscc.length} 份待审核的注册申请，请电话核实后只通过真实的一份`}
              description={
                <Flex vertical gap={4}>
                  {d.samePendingUscc.map((o) => (
                    <Typography.Text key={o.id}>
                      {formatDateTime(o.createdAt)}　{o.enterpriseName}　联系人 {o.contactName}　{o.mobile}　用户名 {o.username}
                    </Typography.Text>
                  ))}
                  <Typography.Text type="secondary">通过本申请时，其余申请将按填写的理由一并驳回。</Typography.Text>
                </Flex>
              }
            />
          ) : null}
          <Row gutter={[16, 16]}>
            <Col xs={24} md={12}>
              <Descriptions title="注册申请" column={1} bordered size="small">
                <Descriptions.Item label="企业名称">{r.enterpriseName}</Descriptions.Item>
                <Descriptions.Item label="统一社会信用代码">{r.uscc}</Descriptions.Item>
                <Descriptions.Item label="联系人">{r.contactName}</Descriptions.Item>
                <Descriptions.Item label="手机号码">{r.mobile}</Descriptions.Item>
                <Descriptions.Item label={r.status === 'approved' ? '开通用户名' : '申请用户名'}>{r.username}</Descriptions.Item>
                {r.decidedAt ? <Descriptions.Item label="处理时间">{formatDateTime(r.decidedAt)}</Descriptions.Item> : null}
                {r.rejectReason ? <Descriptions.Item label="驳回原因">{r.rejectReason}</Descriptions.Item> : null}
              </Descriptions>
            </Col>
            <Col xs={24} md={12}>
              <Descriptions title="企业名录记录（同一统一社会信用代码）" column={1} bordered size="small" data-testid="registry-match">
                {e ? (
                  <>
                    <Descriptions.Item label="企业名称">
                      <Space size={4} wrap>
                        {e.name}
                        {e.nameMatches ? <Tag color="success">名称一致</Tag> : <Tag color="warning">名称不一致</Tag>}
                      </Space>
                    </Descriptions.Item>
                    <Descriptions.Item label="统一社会信用代码">{e.uscc}</Descriptions.Item>
                    <Descriptions.Item label="监管处室">{e.supervisingUnitName ?? '未指定'}</Descriptions.Item>
                    <Descriptions.Item label="所在区县">{e.regionName}</Descriptions.Item>
                    <Descriptions.Item label="经营状态">
                      {ENTERPRISE_STATUS_LABELS[e.status as EnterpriseStatus] ?? e.status}
                      {e.archived ? <Tag style={{ marginLeft: 8 }}>已归档</Tag> : null}
                    </Descriptions.Item>
                    {e.address ? <Descriptions.Item label="地址">{e.address}</Descriptions.Item> : null}
                    <Descriptions.Item label="已有企业账号">
                      {d.existingAccounts.length
                        ? d.existingAccounts.map((a) => `${a.displayName}（${a.username}${a.disabled ? '，已停用' : ''}）`).join('；')
                        : '无'}
                    </Descriptions.Item>
                  </>
                ) : (
                  <Descriptions.Item label="查找结果">
                    <Typography.Text type="danger">未找到</Typography.Text>
                  </Descriptions.Item>
                )}
              </Descriptions>
            </Col>
          </Row>
          {pending ? (
            <Form form={approveForm} layout="vertical" onFinish={approve} requiredMark={false}>
              <Form.Item
                name="username"
                label="开通用户名"
                extra={d.usernameTaken ? '申请的用户名已被使用，请另定一个' : '默认为企业申请的用户名，如需调整可修改'}
                rules={[
                  { required: true, whitespace: true, message: '请填写开通用户名' },
                  { pattern: /^[A-Za-z0-9_.-]{3,32}$/, message: '用户名为3–32位字母、数字或 _ . -' },
                ]}
              >
                <Input maxLength={32} style={{ maxWidth: 320 }} />
              </Form.Item>
              {d.samePendingUscc.length > 0 ? (
                <Form.Item
                  name="rejectOthersReason"
                  label="驳回其余申请的理由"
                  rules={[{ required: true, whitespace: true, message: '请填写驳回其余申请的理由' }]}
                >
                  <Input.TextArea rows={2} maxLength={500} showCount placeholder="如：经电话核实，其余申请非本企业提交" />
                </Form.Item>
              ) : null}
              <Space wrap>
                <Button type="primary" htmlType="submit" loading={saving} disabled={!canApprove}>
                  审核通过并开通账号
                </Button>
                <Button danger onClick={() => setRejecting(true)} disabled={saving}>
                  驳回
                </Button>
              </Space>
            </Form>
          ) : null}
        </Flex>
      ) : null}
      <Modal
        open={rejecting}
        title="驳回注册申请"
        okText="驳回"
        okButtonProps={{ danger: true, loading: saving }}
        onOk={() => rejectForm.submit()}
        onCancel={() => setRejecting(false)}
        forceRender
      >
        <Form form={rejectForm} layout="vertical" onFinish={reject}>
          <Form.Item name="reason" label="驳回原因（联系人将被告知）" rules={[{ required: true, whitespace: true, message: '请填写驳回原因' }]}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}
