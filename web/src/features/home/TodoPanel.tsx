// The home page's to-do panel (issue 17): what waits for the user, per role and within the user's data
// scope (the server counts with the workbench list's own filters), each count opening that filtered
// list at its own address; the most urgent non-empty item is the page's one primary action.
import { Link, useNavigate } from 'react-router';
import { Button, Card, Flex, Typography } from 'antd';
import { ArrowRightOutlined, CheckCircleOutlined } from '@ant-design/icons';
import type { TodoItem, TodoKey } from './api.ts';
import { APPEAL_ACTING_ROLES } from '../../../../shared/roles.ts';

type Meta = { label: string; hint: string; next: string; tone: 'danger' | 'warning' | 'normal' };

/** Labels and what to do, in order of urgency (the first non-empty one is the next step). */
export const TODO_META: Record<TodoKey, Meta> = {
  overdue: { label: '已逾期', hint: '“2115”时限已过，请尽快办理或催办', next: '处理已逾期的诉求', tone: 'danger' },
  due_today: { label: '今日到期', hint: '下一个时限今天截止', next: '办理今日到期的诉求', tone: 'warning' },
  accept: { label: '待签收', hint: '已派给本处室，签收后开始办理', next: '签收派给本处室的诉求', tone: 'normal' },
  instruction: { label: '待签收批示', hint: '厅领导批示，签收后抓好落实并反馈', next: '签收领导批示', tone: 'warning' },
  dispatch: { label: '待派单', hint: '按业务对口派给主办处室', next: '派单', tone: 'normal' },
  approval: { label: '待审批', hint: '延期、挂起申请等待您审批', next: '审批延期、挂起申请', tone: 'normal' },
  leader_report: { label: '待报送', hint: '省政府领导转办事项月报：填报并确认办理情况（每月25日前）', next: '填报月报办理情况', tone: 'normal' },
  evaluate: { label: '待评价', hint: '已答复企业，等待评价或回访录入', next: '回访并录入评价', tone: 'normal' },
};
/**
 * R7.2: leaders and 机关党委 watch deadlines but are no party to an appeal (read-only): their next step is
 * to look and press the lead unit, never to handle it themselves.
 */
const WATCHING: Partial<Record<TodoKey, Pick<Meta, 'hint' | 'next'>>> = {
  overdue: { hint: '“2115”时限已过，请督促主办处室办理', next: '查看已逾期的诉求' },
  due_today: { hint: '下一个时限今天截止，请关注办理进度', next: '查看今日到期的诉求' },
};
/** Anyone without a role that acts on appeals (shared APPEAL_ACTING_ROLES) only watches. */
export const watchesOnly = (roles: readonly string[]) => !roles.some((r) => (APPEAL_ACTING_ROLES as readonly string[]).includes(r));
const metaOf = (key: TodoKey, watching: boolean): Meta => ({ ...TODO_META[key], ...(watching ? WATCHING[key] : undefined) });

const URGENCY: TodoKey[] = ['overdue', 'due_today', 'instruction', 'accept', 'dispatch', 'approval', 'leader_report', 'evaluate'];
const TONE_COLOR = { danger: '#cf1322', warning: '#ad4e00', normal: '#1f4e9c' } as const;

/** The address a count opens: the workbench filtered by the server's list query, or the R6.5 month's rows. */
export function todoHref(item: TodoItem): string {
  if (item.key === 'leader_report') return '/appeals/leader-reports';
  if (item.key === 'instruction') return '/appeals/escalation?tab=instructions&state=issued';
  return `/appeals?${new URLSearchParams(item.query ?? {}).toString()}`;
}

function NextStep({ items, watching }: { items: TodoItem[]; watching: boolean }) {
  const navigate = useNavigate();
  const next = URGENCY.map((k) => items.find((i) => i.key === k && i.count > 0)).find(Boolean);
  if (!next) {
    return (
      <Card size="small" variant="borderless" data-testid="todo-next">
        <Flex align="center" gap={12}>
          <CheckCircleOutlined style={{ fontSize: 22, color: '#389e0d' }} />
          <Typography.Text>暂无待办事项。新的诉求派到本处室或时限临近时会在这里提示。</Typography.Text>
        </Flex>
      </Card>
    );
  }
  const meta = metaOf(next.key, watching);
  return (
    <Card size="small" variant="borderless" data-testid="todo-next" style={{ borderLeft: `4px solid ${TONE_COLOR[meta.tone]}` }}>
      <Flex align="center" justify="space-between" gap={12} wrap>
        <div>
          <Typography.Text strong style={{ fontSize: 16 }}>
            下一步：{meta.next}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ display: 'block' }}>
            {meta.label} {next.count} {next.key === 'leader_report' || next.key === 'instruction' ? '条' : '件'} · {meta.hint}
          </Typography.Text>
        </div>
        <Button
          type="primary"
          size="large"
          icon={<ArrowRightOutlined />}
          iconPlacement="end"
          onClick={() => navigate(todoHref(next))}
          data-testid="todo-primary"
        >
          {meta.next}（{next.count}）
        </Button>
      </Flex>
    </Card>
  );
}

/** `watching`: the user only watches deadlines (watchesOnly: a leader, 机关党委). */
export function TodoPanel({ items, watching = false }: { items: TodoItem[]; watching?: boolean }) {
  return (
    <Flex vertical gap={12} data-testid="todo-panel">
      <NextStep items={items} watching={watching} />
      <Flex gap={12} wrap>
        {items.map((i) => {
          const meta = metaOf(i.key, watching);
          const color = i.count > 0 ? TONE_COLOR[meta.tone] : '#595959';
          return (
            <Link key={i.key} to={todoHref(i)} style={{ flex: '1 1 170px', minWidth: 0 }} data-testid={`todo-${i.key}`}>
              <Card hoverable size="small" variant="borderless" style={{ height: '100%' }}>
                <Typography.Text type="secondary">{meta.label}</Typography.Text>
                <div style={{ fontSize: 30, fontWeight: 600, lineHeight: 1.3, color }} data-testid={`todo-${i.key}-count`}>
                  {i.count}
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {meta.hint}
                </Typography.Text>
              </Card>
            </Link>
          );
        })}
      </Flex>
    </Flex>
  );
}
