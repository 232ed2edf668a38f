// 诉求详情: everything about one appeal — the three 2115 milestones (due / done / on time or late),
// the timeline of every event, and only the actions the server says the caller may take now.
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { STAFF_ROUTES, toPath } from '../../routes.ts';
import { App, Button, Card, Col, Descriptions, Empty, Result, Row, Space, Table, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { useFetch } from '../../ui/useFetch.ts';
import { useMe } from '../../auth/session.ts';
import { useUnits } from '../organisation/useUnits.ts';
import { EscalationCard } from '../escalation/EscalationCard.tsx';
import { InstructionCard } from '../escalation/InstructionCard.tsx';
import { ProposalDeadlineCard } from '../proposals/ProposalDeadlineCard.tsx';
import { ActionDialog } from './ActionDialog.tsx';
import { AttachmentList, AttachmentUploader } from './Attachments.tsx';
import { CoUnitsCard } from './CoUnitsCard.tsx';
import { WithdrawAttachment } from './WithdrawAttachment.tsx';
import { MessageThread } from './MessageThread.tsx';
import { AppealFlags } from './AppealTable.tsx';
import { AppealSteps } from './AppealSteps.tsx';
import { PrimaryAction, type PrimaryStep } from '../../ui/PrimaryAction.tsx';
import { useApiError } from '../../ui/useApiError.ts';
import {
  APPEAL_ACTION_LABELS,
  APPEAL_CATEGORY_LABELS,
  APPEAL_CHANNEL_LABELS,
  APPEAL_STATE_LABELS,
  CLOSE_REASON_LABELS,
  EVALUATION_RATING_LABELS,
  EVENT_LABELS,
  REQUEST_KIND_LABELS,
  REQUEST_STATUS_LABELS,
  RESULT_KIND_LABELS,
  STATE_COLORS,
} from './labels.ts';
import { ACTION_PATHS, act, getAppeal, type AppealAction, type AppealDetail } from './api.ts';
import { formatDateTime, formatDeadline } from '../../ui/format.ts';
import { SECTOR_LABELS } from '../../ui/labels.ts';
import { SaveAsArticle } from '../knowledge/SaveAsArticle.tsx';
import { eventDetail } from './eventDetail.ts';

/** Actions that take no input: done on the click, no dialog (签收 — the unit takes the appeal). */
const DIRECT: AppealAction[] = ['accept'];

const EVENT_COLORS: Record<string, string> = {
  overdue: 'red',
  escalate: 'red',
  repeat_flagged: 'orange',
  urge: 'volcano',
  return: 'orange',
  close: 'green',
  reopen: 'orange',
  evaluate: 'green',
};

export default function AppealPage() {
  const { id } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [action, setAction] = useState<AppealAction | null>(null);
  const [busy, setBusy] = useState<AppealAction | null>(null);
  const onError = useApiError();
  const [current, setCurrent] = useState<AppealDetail | null>(null);
  const { options: unitOptions } = useUnits(false, true);
  const { data, loading, reload } = useFetch(
    (signal) =>
      getAppeal(id!, signal).then((a) => {
        setCurrent(null);
        return a;
      }),
    [id],
  );
  const a = current ?? data;

  if (!a) {
    return loading ? (
      <Card loading />
    ) : (
      <Result status="404" title="诉求不存在或无权查看" extra={<Button onClick={() => navigate('/appeals')}>返回工作台</Button>} />
    );
  }
  const fileNames = new Map(a.attachments.map((f) => [f.id, f.name]));
  // Issue 22: intake adds the material of an appeal answered on the spot.
  const office = me.roles.some((r) => r === 'intake' || r === 'coordinator');
  const canAttach = a.allowedActions.includes('attach') || (office && a.closeReason === 'answered_on_spot');
  // Issue 17: the server lists each action the table allows now, with the reason when a
  // precondition is missing (the same guards it enforces), and names the next step.
  const actions = a.actions.filter((x) => ACTION_PATHS[x.action]);
  const start = async (x: AppealAction) => {
    if (!DIRECT.includes(x)) {
      setAction(x);
      return;
    }
    setBusy(x);
    try {
      const updated = await act(a.id, x, { version: a.version });
      message.success(`${APPEAL_ACTION_LABELS[x]}：已完成`);
      setCurrent(updated);
    } catch (err) {
      onError(err, { onConflict: reload });
    } finally {
      setBusy(null);
    }
  };
  const step = (x: { action: AppealAction; allowed: boolean; reason: string | null }): PrimaryStep => ({
    label: APPEAL_ACTION_LABELS[x.action],
    action: x.action,
    disabled: !x.allowed,
    why: x.reason ?? undefined,
    onClick: () => void start(x.action),
  });
  const next = actions.find((x) => x.action === a.nextAction) ?? null;
  const others = [...actions.filter((x) => x !== next && x.allowed), ...actions.filter((x) => x !== next && !x.allowed)];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="appeal-page">
      <Card variant="borderless">
        <Space style={{ marginBottom: 8 }}>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/appeals')}>
            工作台
          </Button>
          <Button type="text" icon={<ReloadOutlined />} onClick={reload}>
            刷新
          </Button>
          <Button type="text" icon={<PrinterOutlined />} onClick={() => navigate(toPath(STAFF_ROUTES.appealPrint, { id: a.id }))} data-testid="print-appeal">
            打印办理单
          </Button>
        </Space>
        <Typography.Text type="secondary">{a.number}</Typography.Text>
        <Typography.Title level={4} style={{ margin: '4px 0 8px' }}>
          {a.title}
        </Typography.Title>
        <Space wrap>
          <Tag color={STATE_COLORS[a.state]} data-testid="appeal-state">
            {APPEAL_STATE_LABELS[a.state]}
            {a.closeReason ? `·${CLOSE_REASON_LABELS[a.closeReason as keyof typeof CLOSE_REASON_LABELS] ?? ''}` : ''}
          </Tag>
          <AppealFlags a={a} />
        </Space>
        <div style={{ margin: '16px 0 4px', overflowX: 'auto' }} data-testid="appeal-steps">
          <AppealSteps appeal={a} />
        </div>
        <Space wrap style={{ marginTop: 12 }} data-testid="appeal-actions">
          <PrimaryAction step={next ? step(next) : null} busy={busy === next?.action} />
          {others.map((x) =>
            x.action === 'return' && x.allowed ? (
              <Button key={x.action} danger onClick={() => void start(x.action)} data-action={x.action}>
                {APPEAL_ACTION_LABELS[x.action]}
              </Button>
            ) : (
              <PrimaryAction key={x.action} step={step(x)} busy={busy === x.action} primary={false} />
            ),
          )}
          {!actions.length ? (
            <Typography.Text type="secondary">
              {a.state === 'closed'
                ? '诉求已办结'
                : !a.parties.length
                  ? '当前无可执行的操作（只读）'
                  : a.state === 'replied'
                    ? '已答复企业，等待企业评价（回访）'
                    : '当前无需您操作'}
            </Typography.Text>
          ) : null}
        </Space>
      </Card>

      {a.deadlineError ? <Typography.Text type="warning">期限待定：{a.deadlineError.message}</Typography.Text> : null}
      {a.channel === 'npc_proposal' || a.channel === 'cppcc_proposal' ? <ProposalDeadlineCard appealId={a.id} /> : null}

      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <InstructionCard appealId={a.id} onChanged={reload} />
          <Card title="诉求信息" size="small">
            <Descriptions size="small" column={2} bordered styles={{ label: { whiteSpace: 'nowrap' } }}>
              <Descriptions.Item label="企业" span={2}>
                {a.enterpriseName}
                {a.enterpriseUscc ? <Typography.Text type="secondary">（{a.enterpriseUscc}）</Typography.Text> : null}
              </Descriptions.Item>
              <Descriptions.Item label="联系人">{a.contactName}</Descriptions.Item>
              <Descriptions.Item label="联系电话">{a.contactPhone}</Descriptions.Item>
              <Descriptions.Item label="渠道">{APPEAL_CHANNEL_LABELS[a.channel]}</Descriptions.Item>
              <Descriptions.Item label="类别">{APPEAL_CATEGORY_LABELS[a.category]}</Descriptions.Item>
              <Descriptions.Item label="行业">{a.sector ? (SECTOR_LABELS[a.sector as keyof typeof SECTOR_LABELS] ?? a.sector) : '—'}</Descriptions.Item>
              <Descriptions.Item label="受理时间">{formatDateTime(a.receivedAt)}</Descriptions.Item>
              <Descriptions.Item label="主办处室">{a.leadUnitName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="协办处室">
                {a.coUnits.length ? a.coUnits.map((c) => `${c.unitName}（${c.status === 'submitted' ? '已提交' : '办理中'}）`).join('、') : '—'}
              </Descriptions.Item>
              {a.externalRef ? <Descriptions.Item label="外部编号">{a.externalRef}</Descriptions.Item> : null}
              {a.lulibanRef ? <Descriptions.Item label="鲁力办编号">{a.lulibanRef}</Descriptions.Item> : null}
              {a.backdateReason ? (
                <Descriptions.Item label="补录原因" span={2}>
                  {a.backdateReason}
                </Descriptions.Item>
              ) : null}
              {a.originTenantName ? <Descriptions.Item label="转来单位">{a.originTenantName}</Descriptions.Item> : null}
              {a.leaders.length ? (
                <Descriptions.Item label="分管领导" span={2}>
                  {a.leaders.map((l) => `${l.name}（${l.title}）`).join('、')}
                </Descriptions.Item>
              ) : null}
              <Descriptions.Item label="诉求内容" span={2}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{a.content}</Typography.Paragraph>
              </Descriptions.Item>
              {a.opinionText ? (
                <Descriptions.Item label="初步意见" span={2}>
                  {a.opinionText}
                </Descriptions.Item>
              ) : null}
              {a.resultKind ? (
                <Descriptions.Item label="办理结果" span={2}>
                  <Tag>{RESULT_KIND_LABELS[a.resultKind]}</Tag>
                  {a.resultText}
                </Descriptions.Item>
              ) : null}
              {a.replyText ? (
                <Descriptions.Item label="答复" span={2}>
                  {a.replyText}
                  <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                    {formatDateTime(a.repliedAt)}
                  </Typography.Text>
                  <SaveAsArticle appealId={a.id} />
                </Descriptions.Item>
              ) : null}
              {a.evaluationDueAt ? (
                <Descriptions.Item label="评价期限" span={2}>
                  {formatDeadline(a.evaluationDueAt)}
                </Descriptions.Item>
              ) : null}
              {a.evaluation ? (
                <Descriptions.Item label="企业评价" span={2}>
                  <Tag color={a.evaluation === 'dissatisfied' ? 'red' : 'green'}>{EVALUATION_RATING_LABELS[a.evaluation]}</Tag>
                  {a.evaluationComment}
                </Descriptions.Item>
              ) : null}
            </Descriptions>
          </Card>
          {a.coUnits.length ? <CoUnitsCard appeal={a} /> : null}
          {a.requests.length ? (
            <Card title="延期与挂起申请" size="small" style={{ marginTop: 16 }}>
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={a.requests}
                columns={[
                  {
                    title: '类型',
                    dataIndex: 'kind',
                    render: (k: string, r) => `${REQUEST_KIND_LABELS[k as 'extension' | 'pause'] ?? k}${r.workdays ? ` ${r.workdays}个工作日` : ''}`,
                  },
                  { title: '原因', dataIndex: 'reason' },
                  { title: '申请人', dataIndex: 'requestedByName' },
                  { title: '状态', dataIndex: 'status', render: (s: string) => REQUEST_STATUS_LABELS[s as keyof typeof REQUEST_STATUS_LABELS] ?? s },
                ]}
              />
            </Card>
          ) : null}
          {/* Issue 7: the thread the enterprise sees in the portal (never the internal texts above). */}
          <Card title="与企业沟通" size="small" style={{ marginTop: 16 }} data-testid="appeal-messages">
            <MessageThread key={a.state} path={`/appeals/${a.id}/messages`} viewer="staff" />
          </Card>
          <EscalationCard appealId={a.id} attachments={a.attachments} unitOptions={unitOptions} onChanged={reload} />
        </Col>
        <Col xs={24} lg={10}>
          <Card title={`附件（${a.attachments.length}）`} size="small" style={{ marginBottom: 16 }} data-testid="appeal-attachments">
            <AttachmentList
              appealId={a.id}
              items={a.attachments}
              action={(f) => (office || (me.unit && f.unitId === me.unit.id) ? <WithdrawAttachment appealId={a.id} attachment={f} onDone={reload} /> : null)}
            />
            {canAttach ? (
              <div style={{ marginTop: 12 }}>
                <AttachmentUploader appealId={a.id} count={a.attachments.length} onUploaded={reload} />
              </div>
            ) : null}
          </Card>
          <Card title="办理时间线" size="small" data-testid="appeal-timeline">
            {a.events.length ? (
              <Timeline
                items={a.events.map((e) => ({
                  color: EVENT_COLORS[e.type] ?? 'blue',
                  content: (
                    <div>
                      <Typography.Text strong>{EVENT_LABELS[e.type] ?? e.type}</Typography.Text>
                      <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                        {formatDateTime(e.at)} · {e.actorName}
                        {e.unitName ? `（${e.unitName}）` : ''}
                      </Typography.Text>
                      {eventDetail(e, fileNames) ? <div style={{ whiteSpace: 'pre-wrap' }}>{eventDetail(e, fileNames)}</div> : null}
                      {e.type === 'field_origin' && typeof e.payload?.fieldRecordId === 'string' ? (
                        <Link to={toPath(STAFF_ROUTES.fieldRecord, { id: e.payload.fieldRecordId })}>查看现场记录</Link>
                      ) : null}
                    </div>
                  ),
                }))}
              />
            ) : (
              <Empty />
            )}
          </Card>
        </Col>
      </Row>

      <ActionDialog
        appeal={a}
        action={action}
        units={unitOptions}
        onClose={() => {
          setAction(null);
          reload();
        }}
        onDone={(updated) => {
          message.success(`${APPEAL_ACTION_LABELS[action!]}：已完成`);
          setAction(null);
          setCurrent(updated);
        }}
        onMoved={(cityName) => {
          // The case file now belongs to the city: this page would answer 404, so go to the status list.
          message.success(`已转${cityName}办理`);
          setAction(null);
          navigate('/appeals?view=transferred', { replace: true });
        }}
      />
    </Space>
  );
}
