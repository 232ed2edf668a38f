import { useState } from 'react';
import { App, Button, Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { accountRefusal, type AccountAction as Action } from '../../../../shared/account-rules.ts';
import { useMe } from '../../auth/session.ts';
import { AccountAction } from '../../ui/AccountAction.tsx';
import { resetPassword as resetUserPassword, updateUser, type User, type UserCreated } from './api.ts';
import { InitialPasswordModal } from '../../ui/InitialPasswordModal.tsx';
import { columnsWidth } from '../../ui/columns.ts';
import { PageCard } from '../../ui/PageCard.tsx';
import { UserFilters } from './UserFilters.tsx';
import { UserFormModal } from './UserFormModal.tsx';
import { RoleTags, UserStatusTags } from './UserTags.tsx';
import { useApiError } from '../../ui/useApiError.ts';
import { useUnits } from './useUnits.ts';
import { useUserList } from './useUserList.ts';
import { formatDateTime } from '../../ui/format.ts';

interface IssuedPassword {
  username: string;
  displayName: string;
  password: string;
}

export default function UsersPage() {
  const { message } = App.useApp();
  const onError = useApiError();
  const me = useMe();
  // 三权分立: what the server would refuse is shown disabled with its reason (shared/account-rules.ts).
  const refusal = (u: User, action: Action) => accountRefusal(me.roles, u.roles, action, { self: u.id === me.id });
  const list = useUserList();
  const { options: unitOptions } = useUnits();
  const [editing, setEditing] = useState<User | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [issued, setIssued] = useState<IssuedPassword | null>(null);

  const openForm = (user: User | null) => {
    setEditing(user);
    setFormOpen(true);
  };

  const resetPassword = async (u: User) => {
    try {
      const res = await resetUserPassword(u.id);
      setIssued({ username: u.username, displayName: u.displayName, password: res.initialPassword });
      list.reload();
    } catch (err) {
      onError(err);
    }
  };

  const setDisabled = async (u: User, disabled: boolean) => {
    try {
      await updateUser(u.id, { version: u.version, disabled });
      message.success(disabled ? '已停用' : '已启用');
      list.reload();
    } catch (err) {
      onError(err, { onConflict: list.reload });
    }
  };

  const columns: TableColumnsType<User> = [
    { title: '用户名', dataIndex: 'username', width: 110, ellipsis: true },
    { title: '姓名', dataIndex: 'displayName', width: 90, ellipsis: true },
    { title: '处室单位', dataIndex: 'unitName', width: 130, ellipsis: true, render: (v: string | null) => v || '—' },
    { title: '角色', dataIndex: 'roles', width: 170, render: (roles: User['roles']) => <RoleTags roles={roles} /> },
    { title: '手机', dataIndex: 'mobile', width: 115, render: (v: string | null) => v || '—' },
    { title: '状态', key: 'status', width: 100, render: (_, u) => <UserStatusTags user={u} /> },
    { title: '最近登录', dataIndex: 'lastLoginAt', width: 140, render: (v: string | null) => formatDateTime(v) },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      width: 195,
      render: (_, u) => (
        <Space size={0}>
          <AccountAction refusal={refusal(u, 'edit')} onClick={() => openForm(u)}>
            编辑
          </AccountAction>
          <AccountAction
            refusal={refusal(u, 'reset_password')}
            confirm={`重置 ${u.displayName} 的密码？`}
            description="将生成新的初始密码，用户下次登录时须修改。"
            onClick={() => resetPassword(u)}
          >
            重置密码
          </AccountAction>
          {u.disabled ? (
            <AccountAction refusal={refusal(u, 'enable')} onClick={() => setDisabled(u, false)}>
              启用
            </AccountAction>
          ) : (
            <AccountAction
              refusal={refusal(u, 'disable')}
              confirm={`停用 ${u.displayName}？`}
              description="停用后该账号无法登录，已有会话将失效。"
              danger
              onClick={() => setDisabled(u, true)}
            >
              停用
            </AccountAction>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageCard
      title="用户管理"
      description="创建业务账号、维护基本信息、重置密码和停用账号。角色和数据范围由安全管理员分配；管理员账号由安全管理员管理，企业账号由诉求受理人员管理（三权分立）。"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => openForm(null)}>
          新建用户
        </Button>
      }
    >
      <UserFilters value={list.filters} onChange={list.setFilters} unitOptions={unitOptions} />
      <Table<User>
        rowKey="id"
        size="middle"
        loading={list.loading}
        columns={columns}
        dataSource={list.items}
        pagination={list.pagination}
        // The columns' widths, chosen so that every column is in sight beside the menu of a 1366-pixel window.
        scroll={{ x: columnsWidth(columns) }}
      />
      <UserFormModal
        open={formOpen}
        user={editing}
        unitOptions={unitOptions}
        onClose={() => setFormOpen(false)}
        onCreated={(res: UserCreated) => {
          setFormOpen(false);
          setIssued({ username: res.user.username, displayName: res.user.displayName, password: res.initialPassword });
          list.reload();
        }}
        onSaved={() => {
          setFormOpen(false);
          message.success('已保存');
          list.reload();
        }}
        onStale={() => {
          setFormOpen(false);
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
