import { useMemo, useState } from 'react';
import { App, Button, Input, Popconfirm, Space, Switch, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { allUsers, listLeaders, updateLeader, type Leader } from './api.ts';
import { LeaderFormDrawer } from './LeaderFormDrawer.tsx';
import { PageCard } from '../../ui/PageCard.tsx';
import { useApiError } from '../../ui/useApiError.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { useUnits } from './useUnits.ts';

export default function LeadersPage() {
  const { message } = App.useApp();
  const onError = useApiError();
  const { data, loading, reload } = useFetch((signal) => listLeaders(signal).then((r) => r.items), []);
  const { options: unitOptions } = useUnits();
  const users = useFetch((signal) => allUsers(signal), []);
  const userById = useMemo(() => new Map((users.data ?? []).map((u) => [u.id, u])), [users.data]);
  const [q, setQ] = useState('');
  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<Leader | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);

  const rows = useMemo(() => {
    const needle = q.trim();
    return (data ?? []).filter(
      (l) => (showArchived || !l.archived) && (!needle || l.name.includes(needle) || l.title.includes(needle) || l.units.some((u) => u.name.includes(needle))),
    );
  }, [data, q, showArchived]);

  const setArchived = async (leader: Leader, archived: boolean) => {
    try {
      await updateLeader(leader.id, { version: leader.version, archived });
      message.success(archived ? '已归档' : '已恢复');
      reload();
    } catch (err) {
      onError(err, { onConflict: reload });
    }
  };

  const openDrawer = (leader: Leader | null) => {
    setEditing(leader);
    setDrawerOpen(true);
  };

  const columns: TableColumnsType<Leader> = [
    {
      title: '姓名',
      dataIndex: 'name',
      width: 160,
      render: (name: string, l) => (
        <Space>
          <span>{name}</span>
          {l.archived ? <Tag>已归档</Tag> : null}
        </Space>
      ),
    },
    { title: '职务', dataIndex: 'title', width: 140 },
    {
      title: '分管处室单位',
      dataIndex: 'units',
      render: (units: Leader['units']) =>
        units.length ? (
          <Space size={[4, 4]} wrap>
            {units.map((u) => (
              <Tag color="blue" key={u.id}>
                {u.name}
              </Tag>
            ))}
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: '登录账号',
      dataIndex: 'userId',
      width: 180,
      render: (userId: string | null) => {
        if (!userId) return <Tag>未关联</Tag>;
        const u = userById.get(userId);
        return u ? `${u.displayName}（${u.username}）` : <Tag color="green">已关联</Tag>;
      },
    },
    {
      title: '操作',
      key: 'actions',
      width: 140,
      render: (_, l) => (
        <Space size={4}>
          <Button type="link" size="small" onClick={() => openDrawer(l)}>
            编辑
          </Button>
          {l.archived ? (
            <Button type="link" size="small" onClick={() => void setArchived(l, false)}>
              恢复
            </Button>
          ) : (
            <Popconfirm title="归档该领导？" description="归档后不再参与联系点和分管范围，历史记录保留。" onConfirm={() => setArchived(l, true)}>
              <Button type="link" size="small" danger>
                归档
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageCard
      title="厅领导分管"
      description="领导职务和分管处室单位（分管范围）。领导联系点须在其分管范围内选定。"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => openDrawer(null)}>
          新增领导
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search placeholder="搜索姓名、职务或分管处室" allowClear onSearch={setQ} onChange={(e) => !e.target.value && setQ('')} style={{ width: 260 }} />
        <Space size={6}>
          <Switch size="small" checked={showArchived} onChange={setShowArchived} aria-label="显示已归档" />
          <span>显示已归档</span>
        </Space>
      </Space>
      <Table<Leader>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 人` }}
      />
      <LeaderFormDrawer
        open={drawerOpen}
        leader={editing}
        unitOptions={unitOptions}
        users={users.data ?? []}
        usersLoading={users.loading}
        onClose={() => setDrawerOpen(false)}
        onSaved={() => {
          setDrawerOpen(false);
          message.success('已保存');
          reload();
        }}
        onStale={() => {
          setDrawerOpen(false);
          reload();
        }}
      />
    </PageCard>
  );
}
