import { useMemo, useState } from 'react';
import { App, Button, Input, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { UnitKind } from '../../../../shared/roles.ts';
import { updateUnit, type Unit } from './api.ts';
import { PageCard } from '../../ui/PageCard.tsx';
import { UnitFormDrawer } from './UnitFormDrawer.tsx';
import { useApiError } from '../../ui/useApiError.ts';
import { useUnits } from './useUnits.ts';
import { SECTOR_LABELS, UNIT_KIND_COLORS, UNIT_KIND_LABELS, optionsOf } from '../../ui/labels.ts';

export default function UnitsPage() {
  const { message } = App.useApp();
  const onError = useApiError();
  const [showArchived, setShowArchived] = useState(false);
  const { units, loading, reload } = useUnits(showArchived);
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<UnitKind | undefined>();
  const [editing, setEditing] = useState<Unit | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);

  const rows = useMemo(() => {
    const needle = q.trim();
    return units.filter(
      (u) =>
        (showArchived || !u.archived) &&
        (!kind || u.kind === kind) &&
        (!needle || u.name.includes(needle) || (u.shortName ?? '').includes(needle) || u.duties.includes(needle)),
    );
  }, [units, q, kind, showArchived]);

  const setArchived = async (unit: Unit, archived: boolean) => {
    try {
      await updateUnit(unit.id, { version: unit.version, archived });
      message.success(archived ? '已归档' : '已恢复');
      reload();
    } catch (err) {
      onError(err, { onConflict: reload });
    }
  };

  const columns: TableColumnsType<Unit> = [
    {
      title: '名称',
      dataIndex: 'name',
      render: (name: string, u) => (
        <Space>
          <span>{name}</span>
          {u.archived ? <Tag>已归档</Tag> : null}
        </Space>
      ),
    },
    { title: '简称', dataIndex: 'shortName', width: 120, render: (v: string | null) => v || '—' },
    {
      title: '类型',
      dataIndex: 'kind',
      width: 110,
      render: (k: UnitKind) => <Tag color={UNIT_KIND_COLORS[k]}>{UNIT_KIND_LABELS[k] ?? k}</Tag>,
    },
    {
      title: '对口行业',
      dataIndex: 'sectors',
      width: 220,
      render: (sectors: Unit['sectors']) => (sectors.length ? sectors.map((s) => <Tag key={s}>{SECTOR_LABELS[s] ?? s}</Tag>) : '—'),
    },
    {
      title: '职责',
      dataIndex: 'duties',
      ellipsis: true,
      render: (v: string) => v || <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: '操作',
      key: 'actions',
      width: 140,
      render: (_, u) => (
        <Space size={4}>
          <Button
            type="link"
            size="small"
            onClick={() => {
              setEditing(u);
              setDrawerOpen(true);
            }}
          >
            编辑
          </Button>
          {u.archived ? (
            <Button type="link" size="small" onClick={() => void setArchived(u, false)}>
              恢复
            </Button>
          ) : (
            <Popconfirm title="归档该处室单位？" description="归档后不再出现在分派和选择列表中，历史记录保留。" onConfirm={() => setArchived(u, true)}>
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
      title="处室单位"
      description="本级内设处室和直属单位。不能删除，只能归档。"
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => {
            setEditing(null);
            setDrawerOpen(true);
          }}
        >
          新建处室单位
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search placeholder="搜索名称、简称或职责" allowClear onSearch={setQ} onChange={(e) => !e.target.value && setQ('')} style={{ width: 260 }} />
        <Select
          placeholder="全部类型"
          aria-label="处室类型"
          allowClear
          value={kind}
          onChange={setKind}
          options={optionsOf(UNIT_KIND_LABELS)}
          style={{ width: 140 }}
        />
        <Space size={6}>
          <Switch size="small" checked={showArchived} onChange={setShowArchived} aria-label="显示已归档" />
          <span>显示已归档</span>
        </Space>
      </Space>
      <Table<Unit>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={rows}
        pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 个`, hideOnSinglePage: true }}
      />
      <UnitFormDrawer
        open={drawerOpen}
        unit={editing}
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
