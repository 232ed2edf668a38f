import { useState } from 'react';
import { App, Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { accountRefusal, type AccountAction as Action } from '../../../../shared/account-rules.ts';
import { AccountAction } from '../../ui/AccountAction.tsx';
import { InitialPasswordModal } from '../../ui/InitialPasswordModal.tsx';
import { CityAdminsCard } from './CityAdminsCard.tsx';
import { resetPassword as resetUserPassword, updateUser } from '../organisation/api.ts';
import type { Scope } from '../../../../shared/roles.ts';
import { unlockUser, type User } from './api.ts';
import { columnsWidth } from '../../ui/columns.ts';
import { PageCard } from '../../ui/PageCard.tsx';
import { RoleEditModal } from './RoleEditModal.tsx';
import { UserFilters } from '../organisation/UserFilters.tsx';
import { RoleTags, UserStatusTags } from '../organisation/UserTags.tsx';
import { useApiError } from '../../ui/useApiError.ts';
import { useUnits } from '../organisation/useUnits.ts';
import { useUserList } from '../organisation/useUserList.ts';
import { useMe } from '../../auth/session.ts';
import { isFuture } from '../../ui/format.ts';
import { SCOPE_LABELS } from '../../ui/labels.ts';

export default function SecurityRolesPage() {
  const { message } = App.useApp();
  const onError = useApiError();
  const me = useMe();
  const list = useUserList();
  const { options: unitOptions } = useUnits(false, true);
  const [editing, setEditing] = useState<User | null>(null);
  const [issued, setIssued] = useState<{ username: string; displayName: string; password: string } | null>(null);
  // 三权分立: what the server would refuse is shown disabled with its reason (shared/account-rules.ts).
  const refusal = (u: User, action: Action) => accountRefusal(me.roles, u.roles, action, { self: u.id === me.id });

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

  const unlock = async (u: User) => {
    try {
      await unlockUser(u.id);
      message.success(`已解锁 ${u.displayName}`);
      list.reload();
    } catch (err) {
      onError(err);
    }
  };

  const columns: TableColumnsType<User> = [
    { title: '用户名', dataIndex: 'username', width: 110, ellipsis: true },
    { title: '姓名', dataIndex: 'displayName', width: 90, ellipsis: true },
    { title: '处室单位', dataIndex: 'unitName', width: 130, ellipsis: true, render: (v: string | null) => v || '—' },
    { title: '角色', dataIndex: 'roles', width: 180, render: (roles: User['roles']) => <RoleTags roles={roles} /> },
    { title: '数据范围', dataIndex: 'scope', width: 140, render: (s: Scope) => SCOPE_LABELS[s] ?? s },
    { title: '状态', key: 'status', width: 110, render: (_, u) => <UserStatusTags user={u} /> },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      width: 270,
      render: (_, u) => (
        <Space size={0}>
          <AccountAction refusal={refusal(u, 'roles')} onClick={() => setEditing(u)}>
            分配角色
          </AccountAction>
          {isFuture(u.lockedUntil) ? (
            <AccountAction
              refusal={refusal(u, 'unlock')}
              confirm={`解锁 ${u.displayName}？`}
              description="解除各来源地址的登录限制。"
              onClick={() => unlock(u)}
            >
              解锁
            </AccountAction>
          ) : null}
          <AccountAction
            refusal={refusal(u, 'reset_password')}
            confirm={`重置 ${u.displayName} 的密码？`}
            description="将生成新的初始密码，请当面交付本人；下次登录时须修改。"
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
    <PageCard title="角色与权限" description="为用户分配角色和数据范围，解除登录限制；系统管理员、审计管理员账号的密码重置和停用由安全管理员负责（三权分立）。">
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
      <RoleEditModal
        open={!!editing}
        user={editing}
        onClose={() => setEditing(null)}
        onSaved={(saved) => {
          setEditing(null);
          message.success('角色已更新，该账号需重新登录');
          if (saved.initialPassword) setIssued({ username: saved.username, displayName: saved.displayName, password: saved.initialPassword });
          list.reload();
        }}
        onStale={() => {
          setEditing(null);
          list.reload();
        }}
      />
      {me.tenant.kind === 'province' ? <CityAdminsCard /> : null}
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
