import { useState } from 'react';
import { App, Button, Popconfirm, Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { api } from '../api/client.ts';
import type { Scope, User } from '../api/types.ts';
import { PageCard } from '../components/PageCard.tsx';
import { RoleEditModal } from '../components/RoleEditModal.tsx';
import { UserFilters } from '../components/UserFilters.tsx';
import { RoleTags, UserStatusTags } from '../components/UserTags.tsx';
import { useApiError } from '../components/useApiError.ts';
import { useUnits } from '../components/useUnits.ts';
import { useUserList } from '../components/useUserList.ts';
import { useMe } from '../auth/session.ts';
import { isFuture } from '../utils/format.ts';
import { SCOPE_LABELS } from '../utils/labels.ts';

export default function SecurityRolesPage() {
  const { message } = App.useApp();
  const onError = useApiError();
  const me = useMe();
  const list = useUserList();
  const { options: unitOptions } = useUnits(false, true);
  const [editing, setEditing] = useState<User | null>(null);

  const unlock = async (u: User) => {
    try {
      await api.post<void>(`/users/${u.id}/unlock`);
      message.success(`已解锁 ${u.displayName}`);
      list.reload();
    } catch (err) {
      onError(err);
    }
  };

  const columns: TableColumnsType<User> = [
    { title: '用户名', dataIndex: 'username', width: 140 },
    { title: '姓名', dataIndex: 'displayName', width: 110 },
    { title: '处室单位', dataIndex: 'unitName', render: (v: string | null) => v || '—' },
    { title: '角色', dataIndex: 'roles', render: (roles: User['roles']) => <RoleTags roles={roles} /> },
    { title: '数据范围', dataIndex: 'scope', width: 100, render: (s: Scope) => SCOPE_LABELS[s] ?? s },
    { title: '状态', key: 'status', width: 170, render: (_, u) => <UserStatusTags user={u} /> },
    {
      title: '操作',
      key: 'actions',
      width: 160,
      render: (_, u) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            onClick={() => setEditing(u)}
            disabled={u.id === me.id}
            title={u.id === me.id ? '不能修改自己的角色' : undefined}
          >
            分配角色
          </Button>
          {isFuture(u.lockedUntil) ? (
            <Popconfirm title={`解锁 ${u.displayName}？`} onConfirm={() => unlock(u)}>
              <Button type="link" size="small">
                解锁
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <PageCard title="角色与权限" description="为用户分配角色和数据范围；解锁因多次登录失败而锁定的账号。">
      <UserFilters value={list.filters} onChange={list.setFilters} unitOptions={unitOptions} />
      <Table<User>
        rowKey="id"
        size="middle"
        loading={list.loading}
        columns={columns}
        dataSource={list.items}
        pagination={list.pagination}
        scroll={{ x: 1000 }}
      />
      <RoleEditModal
        open={!!editing}
        user={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          message.success('角色已更新');
          list.reload();
        }}
        onStale={() => {
          setEditing(null);
          list.reload();
        }}
      />
    </PageCard>
  );
}
