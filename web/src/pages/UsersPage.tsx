import { useState } from 'react';
import { App, Button, Popconfirm, Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../api/client.ts';
import type { User, UserCreateResponse } from '../api/types.ts';
import { InitialPasswordModal } from '../components/InitialPasswordModal.tsx';
import { PageCard } from '../components/PageCard.tsx';
import { UserFilters } from '../components/UserFilters.tsx';
import { UserFormModal } from '../components/UserFormModal.tsx';
import { RoleTags, UserStatusTags } from '../components/UserTags.tsx';
import { useApiError } from '../components/useApiError.ts';
import { useUnits } from '../components/useUnits.ts';
import { useUserList } from '../components/useUserList.ts';
import { formatDateTime } from '../utils/format.ts';

interface IssuedPassword {
  username: string;
  displayName: string;
  password: string;
}

export default function UsersPage() {
  const { message } = App.useApp();
  const onError = useApiError();
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
      const res = await api.post<{ initialPassword: string }>(`/users/${u.id}/reset-password`);
      setIssued({ username: u.username, displayName: u.displayName, password: res.initialPassword });
      list.reload();
    } catch (err) {
      onError(err);
    }
  };

  const setDisabled = async (u: User, disabled: boolean) => {
    try {
      await api.patch<User>(`/users/${u.id}`, { version: u.version, disabled });
      message.success(disabled ? '已停用' : '已启用');
      list.reload();
    } catch (err) {
      onError(err, { onConflict: list.reload });
    }
  };

  const columns: TableColumnsType<User> = [
    { title: '用户名', dataIndex: 'username', width: 140 },
    { title: '姓名', dataIndex: 'displayName', width: 110 },
    { title: '处室单位', dataIndex: 'unitName', render: (v: string | null) => v || '—' },
    { title: '角色', dataIndex: 'roles', render: (roles: User['roles']) => <RoleTags roles={roles} /> },
    { title: '手机', dataIndex: 'mobile', width: 130, render: (v: string | null) => v || '—' },
    { title: '状态', key: 'status', width: 170, render: (_, u) => <UserStatusTags user={u} /> },
    { title: '最近登录', dataIndex: 'lastLoginAt', width: 150, render: (v: string | null) => formatDateTime(v) },
    {
      title: '操作',
      key: 'actions',
      width: 210,
      render: (_, u) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => openForm(u)}>
            编辑
          </Button>
          <Popconfirm
            title={`重置 ${u.displayName} 的密码？`}
            description="将生成新的初始密码，用户下次登录时须修改。"
            onConfirm={() => resetPassword(u)}
          >
            <Button type="link" size="small">
              重置密码
            </Button>
          </Popconfirm>
          {u.disabled ? (
            <Button type="link" size="small" onClick={() => void setDisabled(u, false)}>
              启用
            </Button>
          ) : (
            <Popconfirm
              title={`停用 ${u.displayName}？`}
              description="停用后该账号无法登录，已有会话将失效。"
              onConfirm={() => setDisabled(u, true)}
            >
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
      title="用户管理"
      description="创建账号、维护基本信息、重置密码和停用账号。角色和数据范围由安全管理员分配。"
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
        scroll={{ x: 1100 }}
      />
      <UserFormModal
        open={formOpen}
        user={editing}
        unitOptions={unitOptions}
        onClose={() => setFormOpen(false)}
        onCreated={(res: UserCreateResponse) => {
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
