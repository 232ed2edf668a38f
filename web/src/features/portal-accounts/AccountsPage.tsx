// 企业账号 (issue 7, intake): the tenant's enterprise accounts — search by enterprise (name, USCC)
// or account (username, name); open an account for a registry enterprise (initial password shown
// once), disable / enable, reset the password (also lifts a lockout). Updates carry the version read.
import { useState } from 'react';
import { App, Button, Flex, Input, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { InitialPasswordModal } from '../../ui/InitialPasswordModal.tsx';
import { PageCard } from '../../ui/PageCard.tsx';
import { useApiError } from '../../ui/useApiError.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { formatDateTime, isFuture } from '../../ui/format.ts';
import { AccountCreateModal } from './AccountCreateModal.tsx';
import { listAccounts, resetAccountPassword, setAccountDisabled, type EnterpriseAccount } from './api.ts';
import type { IssuedPassword } from './labels.ts';

const PAGE_SIZE = 20;

function StatusTags({ a }: { a: EnterpriseAccount }) {
  return (
    <Space size={[4, 4]} wrap>
      {a.disabled ? <Tag>已停用</Tag> : <Tag color="green">正常</Tag>}
      {isFuture(a.lockedUntil) ? (
        <Tooltip title={`有来源地址连续登录失败，该地址暂停登录至 ${formatDateTime(a.lockedUntil)}；重置密码可解除`}>
          <Tag color="red">登录受限</Tag>
        </Tooltip>
      ) : null}
      {a.mustChangePassword ? <Tag color="orange">待修改密码</Tag> : null}
    </Space>
  );
}

export default function AccountsPage() {
  const { message } = App.useApp();
  const onError = useApiError();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<IssuedPassword | null>(null);
  const list = useFetch((signal) => listAccounts({ q: q || undefined, page, pageSize: PAGE_SIZE }, signal), [q, page]);

  const conflict = { onConflict: list.reload };

  const setDisabled = async (a: EnterpriseAccount, disabled: boolean) => {
    try {
      await setAccountDisabled(a.id, { version: a.version, disabled });
      message.success(disabled ? '已停用，该账号的登录会话已失效' : '已启用');
      list.reload();
    } catch (err) {
      onError(err, conflict);
    }
  };

  const resetPassword = async (a: EnterpriseAccount) => {
    try {
      const res = await resetAccountPassword(a.id, a.version);
      setIssued({ username: res.user.username, displayName: res.user.displayName, password: res.initialPassword });
      list.reload();
    } catch (err) {
      onError(err, conflict);
    }
  };

  const columns: TableColumnsType<EnterpriseAccount> = [
    {
      title: '企业',
      key: 'enterprise',
      render: (_, a) => (
        <Flex vertical>
          <span>{a.enterpriseName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {a.uscc}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: '用户名', dataIndex: 'username', width: 190, ellipsis: true },
    { title: '使用人', dataIndex: 'displayName', width: 100 },
    { title: '手机', dataIndex: 'mobile', width: 120, render: (v: string | null) => v || '—' },
    { title: '状态', key: 'status', width: 170, render: (_, a) => <StatusTags a={a} /> },
    { title: '最近登录', dataIndex: 'lastLoginAt', width: 140, render: (v: string | null) => formatDateTime(v) },
    {
      title: '操作',
      key: 'actions',
      width: 150,
      render: (_, a) => (
        <Space size={0}>
          <Popconfirm
            title={`重置「${a.username}」的密码？`}
            description="将生成新的初始密码（仅显示一次），并解除登录限制；企业下次登录须修改。"
            onConfirm={() => resetPassword(a)}
          >
            <Button type="link" size="small">
              重置密码
            </Button>
          </Popconfirm>
          {a.disabled ? (
            <Button type="link" size="small" onClick={() => void setDisabled(a, false)}>
              启用
            </Button>
          ) : (
            <Popconfirm title={`停用「${a.username}」？`} description="停用后该企业账号无法登录，已有会话立即失效。" onConfirm={() => setDisabled(a, true)}>
              <Button type="link" size="small" danger>
                停用
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageCard
      title="企业账号"
      description="本单位企业名录中企业的门户账号：开通、停用/启用、重置密码。自助注册的账号在“企业注册审核”中审核通过后出现在这里。"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          开通企业账号
        </Button>
      }
    >
      <Input.Search
        allowClear
        placeholder="企业名称、统一社会信用代码、用户名或使用人"
        onSearch={(v) => {
          setQ(v.trim());
          setPage(1);
        }}
        style={{ maxWidth: 420, marginBottom: 16 }}
        enterButton="查询"
      />
      <Table<EnterpriseAccount>
        rowKey="id"
        size="middle"
        loading={list.loading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showTotal: (t) => `共 ${t} 个账号`,
          showSizeChanger: false,
        }}
        scroll={{ x: 1000 }}
        locale={{ emptyText: q ? '没有符合条件的企业账号' : '暂无企业账号' }}
      />
      <AccountCreateModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(res) => {
          setCreating(false);
          setIssued({ username: res.user.username, displayName: `${res.user.displayName}（${res.user.enterpriseName}）`, password: res.initialPassword });
          list.reload();
        }}
      />
      <InitialPasswordModal
        open={!!issued}
        username={issued?.username ?? ''}
        displayName={issued?.displayName ?? ''}
        password={issued?.password ?? ''}
        onClose={() => setIssued(null)}
      />
    </PageCard>
  );
}
