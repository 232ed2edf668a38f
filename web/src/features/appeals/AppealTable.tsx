// The appeals list used by the workbench and the search page.
import { memo } from 'react';
import { Link } from 'react-router';
import { Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TablePaginationConfig } from 'antd';
import type { AppealListSort } from '../../../../shared/appeals.ts';
import { formatDateTime, formatDeadline } from '../../ui/format.ts';
import { Countdown } from './Countdown.tsx';
import { APPEAL_CATEGORY_LABELS, APPEAL_CHANNEL_LABELS, APPEAL_STATE_LABELS, CLOSE_REASON_LABELS, MILESTONE_LABELS, STATE_COLORS } from './labels.ts';
import type { AppealSummary } from './api.ts';

export function AppealFlags({ a }: { a: Pick<AppealSummary, 'isMajor' | 'isSafetyHazard' | 'isConfidential' | 'reopenCount' | 'urgeCount'> }) {
  return (
    <Space size={2} wrap>
      {a.isMajor ? <Tag color="purple">重大</Tag> : null}
      {a.isSafetyHazard ? <Tag color="red">隐患</Tag> : null}
      {a.isConfidential ? <Tag>保密</Tag> : null}
      {a.reopenCount > 0 ? <Tag color="volcano">重办{a.reopenCount}</Tag> : null}
      {a.urgeCount > 0 ? <Tag color="magenta">催办{a.urgeCount}</Tag> : null}
    </Space>
  );
}

/** An appeal's number above its title, the title linking to the appeal's page (lists of appeals). */
export function AppealNumberTitle({ a, flags = false }: { a: Pick<AppealSummary, 'id' | 'number' | 'title'> & Partial<AppealSummary>; flags?: boolean }) {
  return (
    <div>
      <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
        {a.number}
      </Typography.Text>
      {/* At most two lines (at 1366 px a long title took three and stretched every row); the whole title on hover. */}
      <div title={a.title} style={{ display: '-webkit-box', WebkitBoxOrient: 'vertical', WebkitLineClamp: 2, overflow: 'hidden' }}>
        <Link to={`/appeals/${a.id}`}>{a.title}</Link>
      </div>
      {flags && <AppealFlags a={a as AppealSummary} />}
    </div>
  );
}

type SortOrder = 'ascend' | 'descend' | null;

/** A server-side sort (GET /api/appeals sort, order): whitelisted columns only. */
export type AppealSort = { by: AppealListSort; order: 'asc' | 'desc' };

/** Memo: a page re-rendering for something else (its tab counts, its unit list arriving) does not redraw the rows. */
export const AppealTable = memo(function AppealTable({
  items,
  total,
  totalCapped = false,
  page,
  pageSize,
  loading,
  onPage,
  sort,
  onSort,
  selection,
}: {
  items: AppealSummary[];
  total: number;
  /** The server stopped counting at `total` (COUNT_CAP / SEARCH_COUNT_CAP): more match. */
  totalCapped?: boolean;
  page: number;
  pageSize: number;
  loading: boolean;
  onPage: (page: number, pageSize: number) => void;
  /** With onSort: the number, deadline and received-time columns sort on the server; null = the list's default order. */
  sort?: AppealSort | null;
  onSort?: (sort: AppealSort | null) => void;
  /** Row checkboxes (批量派单): the selected ids and what to do when they change. */
  selection?: { ids: string[]; onChange: (ids: string[], rows: AppealSummary[]) => void };
}) {
  const sortable = (by: AppealListSort) =>
    onSort
      ? {
          sorter: true,
          sortDirections: ['ascend', 'descend'] as SortOrder[],
          sortOrder: sort?.by === by ? ((sort.order === 'asc' ? 'ascend' : 'descend') as SortOrder) : null,
        }
      : {};
  const pagination: TablePaginationConfig = {
    current: page,
    pageSize,
    total,
    showSizeChanger: true,
    showTotal: (t) => (totalCapped ? `超过 ${t} 件，请增加条件缩小范围` : `共 ${t} 件`),
    onChange: onPage,
  };
  return (
    <Table<AppealSummary>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={items}
      pagination={pagination}
      tableLayout="fixed"
      rowSelection={
        selection
          ? {
              selectedRowKeys: selection.ids,
              columnWidth: 40,
              onChange: (keys, rows) => selection.onChange(keys as string[], rows),
              getCheckboxProps: (a) => ({ 'aria-label': `选择 ${a.number}` }) as never,
            }
          : undefined
      }
      onChange={(_p, _f, sorter, extra) => {
        if (extra.action !== 'sort' || !onSort) return;
        const one = Array.isArray(sorter) ? sorter[0] : sorter;
        const by = one?.columnKey as AppealListSort | undefined;
        onSort(one?.order && by ? { by, order: one.order === 'ascend' ? 'asc' : 'desc' } : null);
      }}
      columns={[
        {
          title: '编号 / 标题',
          key: 'number',
          ...sortable('number'),
          render: (_, a) => <AppealNumberTitle a={a} flags />,
        },
        {
          title: '下一时限',
          key: 'due',
          width: 190,
          ...sortable('due'),
          render: (_, a) => {
            if (a.deadlineError) return <Tooltip title={a.deadlineError.message}>期限待定</Tooltip>;
            if (!a.nextDueAt || !a.nextMilestone) return <Typography.Text type="secondary">—</Typography.Text>;
            return (
              <div>
                {/* Two lines that never break inside a label or a date (issue 17: no mid-word wraps). */}
                <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', whiteSpace: 'nowrap' }}>
                  {MILESTONE_LABELS[a.nextMilestone]}
                </Typography.Text>
                <Typography.Text style={{ fontSize: 12, display: 'block', whiteSpace: 'nowrap' }}>{formatDeadline(a.nextDueAt)}</Typography.Text>
                <div>
                  <Countdown
                    dueAt={a.nextDueAt}
                    dueSoon={a.milestones[a.nextMilestone].state === 'due_soon'}
                    workdaysLeft={a.milestones[a.nextMilestone].workdaysLeft}
                  />
                </div>
              </div>
            );
          },
        },
        { title: '企业', dataIndex: 'enterpriseName', width: 150, ellipsis: true },
        {
          title: '渠道 / 类别',
          key: 'channel',
          width: 120,
          render: (_, a) => (
            <>
              <div>{APPEAL_CHANNEL_LABELS[a.channel]}</div>
              <Typography.Text type="secondary">{APPEAL_CATEGORY_LABELS[a.category]}</Typography.Text>
            </>
          ),
        },
        {
          title: '状态',
          dataIndex: 'state',
          width: 116,
          render: (_, a) => (
            <Tag color={STATE_COLORS[a.state]}>
              {APPEAL_STATE_LABELS[a.state]}
              {a.state === 'closed' && a.closeReason ? `·${CLOSE_REASON_LABELS[a.closeReason as keyof typeof CLOSE_REASON_LABELS] ?? ''}` : ''}
            </Tag>
          ),
        },
        // A page of appeals none of which has a lead unit yet (intake's 待派单) leaves the column out.
        ...(items.some((a) => a.leadUnitName)
          ? [{ title: '主办处室', dataIndex: 'leadUnitName', width: 130, ellipsis: true, render: (v: string | null) => v ?? '—' }]
          : []),
        { title: '受理时间', dataIndex: 'receivedAt', key: 'received', width: 150, ...sortable('received'), render: (v: string) => formatDateTime(v) },
      ]}
    />
  );
});
