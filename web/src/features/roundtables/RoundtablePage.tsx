// One meeting (R5.*, R7.1): the record with its R5.2 lead unit, then by phase — before: items
// collected, invited enterprises and replies, leaders' attendance (R5.3, 办公室); on the day: each item
// answered on site or turned into an appeal for a unit; minutes with findings and what follows (R7.1);
// after: the follow-up list with every appeal's live state and the .docx for 省政府办公厅.
// One primary action per phase; the others disabled with their reason.
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { APPEAL_CATEGORIES, APPEAL_CATEGORY_LABELS, APPEAL_STATE_LABELS } from '../../../../shared/appeals.ts';
import {
  INVITATION_REPLY_LABELS,
  ITEM_DISPOSITION_LABELS,
  ITEM_SOURCE_LABELS,
  LEADER_ATTENDANCE,
  LEADER_ATTENDANCE_LABELS,
  ROUNDTABLE_KIND_LABELS,
  ROUNDTABLE_ORGANISER_LABELS,
  ROUNDTABLE_STATE_LABELS,
  type RoundtableAction,
} from '../../../../shared/roundtables.ts';
import { STAFF_ROUTES, toPath } from '../../routes.ts';
import { formatDateTime } from '../../ui/format.ts';
import { useApiError } from '../../ui/useApiError.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { STATE_COLORS as APPEAL_STATE_COLORS } from '../appeals/labels.ts';
import { listEnterprises } from '../enterprises/api.ts';
import { listLeaders } from '../organisation/api.ts';
import { useUnits } from '../organisation/useUnits.ts';
import * as rt from './api.ts';
import { DISPOSITION_COLORS, STATE_COLORS } from './labels.ts';

type Dialog = null | 'item' | 'invite' | 'reply' | 'leader' | 'minutes' | 'answer' | 'appeal' | 'cancel';

/** The phase's primary action and its button text. */
const PRIMARY: Partial<Record<rt.RoundtableView['state'], { action: RoundtableAction; label: string }>> = {
  collecting: { action: 'close_collection', label: '结束诉求征集' },
  prepared: { action: 'open', label: '开始会议' },
  in_session: { action: 'record_minutes', label: '录入会议纪要' },
  following_up: { action: 'close', label: '办结' },
};

export default function RoundtablePage() {
  const { id = '' } = useParams();
  const onError = useApiError();
  const { data: m, loading, reload } = useFetch((signal) => rt.getRoundtable(id, signal), [id]);
  const { options: unitOptions } = useUnits();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [target, setTarget] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const enterprises = useFetch(
    (signal) => (dialog === 'invite' || dialog === 'item' ? listEnterprises({}, { page: 1, pageSize: 200 }, signal) : Promise.resolve(null)),
    [dialog],
  );
  const leaders = useFetch((signal) => (dialog === 'leader' ? listLeaders(signal) : Promise.resolve(null)), [dialog]);

  if (!m) return <Card loading={loading} />;
  const can = (a: RoundtableAction) => m.allowedActions.includes(a);
  const why = (a: RoundtableAction) => m.blocked[a] ?? (can(a) ? undefined : `会议${ROUNDTABLE_STATE_LABELS[m.state]}，或您不是可办理此操作的一方`);

  const open = (d: Dialog, t: string | null = null) => {
    form.resetFields();
    setTarget(t);
    setDialog(d);
  };
  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await fn();
      reload();
      setDialog(null);
    } catch (e) {
      onError(e, { form });
    } finally {
      setBusy(false);
    }
  };
  const submit = async () => {
    const v = await form.validateFields();
    await run(async () => {
      switch (dialog) {
        case 'item':
          return rt.addItem(m.id, { ...v, enterpriseId: v.enterpriseId ?? null, enterpriseName: v.enterpriseId ? null : v.enterpriseName });
        case 'invite':
          return rt.inviteEnterprises(m.id, { enterprises: [{ enterpriseId: v.enterpriseId, contactName: v.contactName, contactPhone: v.contactPhone }] });
        case 'reply':
          return rt.recordReply(m.id, { invitationId: target!, reply: v.reply, attendeeName: v.attendeeName || null });
        case 'leader':
          return rt.arrangeLeader(m.id, { leaderId: v.leaderId, status: v.status, note: v.note || null });
        case 'minutes':
          return rt.recordMinutes(m.id, { version: m.version, minutes: v.minutes, findings: v.findings || null, followUp: v.followUp || null });
        case 'answer':
          return rt.disposeItem(m.id, { itemId: target!, version: m.items.find((i) => i.id === target)!.version, answer: v.answer });
        case 'appeal':
          return rt.disposeItem(m.id, { itemId: target!, version: m.items.find((i) => i.id === target)!.version, unitId: v.unitId });
        case 'cancel':
          return rt.transitionRoundtable(m.id, { action: 'cancel', version: m.version, reason: v.reason });
      }
    });
  };
  const primary = PRIMARY[m.state];
  const doPrimary = () => {
    if (!primary) return;
    if (primary.action === 'record_minutes') open('minutes');
    else void run(() => rt.transitionRoundtable(m.id, { action: primary.action as 'close_collection' | 'open' | 'close', version: m.version }));
  };
  const before = m.state === 'collecting' || m.state === 'prepared';

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            {m.title}
            <Tag color={STATE_COLORS[m.state]}>{ROUNDTABLE_STATE_LABELS[m.state]}</Tag>
          </Space>
        }
        extra={
          <Space>
            {m.minutesAt && (
              <Button icon={<DownloadOutlined />} onClick={() => rt.downloadMinutes(m).catch(onError)} data-testid="minutes-docx">
                下载纪要和跟踪清单
              </Button>
            )}
            {before && (
              <Button disabled={!can('cancel')} title={why('cancel')} onClick={() => open('cancel')}>
                取消会议
              </Button>
            )}
            {primary && (
              <Button
                type="primary"
                loading={busy}
                disabled={!can(primary.action) || Boolean(m.blocked[primary.action])}
                title={why(primary.action)}
                onClick={doPrimary}
              >
                {primary.label}
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions column={3} size="small">
          <Descriptions.Item label="会议类型">{ROUNDTABLE_KIND_LABELS[m.kind]}</Descriptions.Item>
          <Descriptions.Item label="组织单位">{ROUNDTABLE_ORGANISER_LABELS[m.organiser]}</Descriptions.Item>
          <Descriptions.Item label="会议时间地点">
            {m.meetingDate} {m.place}
          </Descriptions.Item>
          <Descriptions.Item label="诉求征集期">
            {m.collectFrom} 至 {m.collectUntil}
          </Descriptions.Item>
          <Descriptions.Item label="涉及处室" span={2}>
            {m.units.map((u) => u.name).join('、')}
          </Descriptions.Item>
          <Descriptions.Item label="会议议题" span={3}>
            {m.topics}
          </Descriptions.Item>
        </Descriptions>
        <Alert type="info" showIcon message={m.leadRule} style={{ marginTop: 8 }} />
        {m.blocked[primary?.action ?? 'edit'] && <Alert type="warning" showIcon message={m.blocked[primary!.action]} style={{ marginTop: 8 }} />}
        {m.cancelReason && <Alert type="warning" showIcon message={`会议已取消：${m.cancelReason}`} style={{ marginTop: 8 }} />}
      </Card>

      <Card
        title={`诉求事项（${m.items.length}项；会上形成诉求${m.appealsTotal}件，未办结${m.appealsOpen}件）`}
        extra={
          <Button disabled={!can('add_item')} title={why('add_item')} onClick={() => open('item')}>
            {m.state === 'in_session' ? '登记会上提出的诉求' : '登记征集的诉求'}
          </Button>
        }
      >
        <Table<rt.RoundtableItem>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={m.items}
          columns={[
            { title: '企业', dataIndex: 'enterpriseName', width: 180 },
            { title: '诉求事项', dataIndex: 'title', render: (t: string, i) => <Typography.Text title={i.content}>{t}</Typography.Text> },
            { title: '类别', dataIndex: 'category', width: 90, render: (c: rt.RoundtableItem['category']) => APPEAL_CATEGORY_LABELS[c] },
            { title: '来源', dataIndex: 'source', width: 110, render: (s: rt.RoundtableItem['source']) => ITEM_SOURCE_LABELS[s] },
            {
              title: '会上处理',
              dataIndex: 'disposition',
              width: 120,
              render: (d: rt.RoundtableItem['disposition']) => <Tag color={DISPOSITION_COLORS[d]}>{ITEM_DISPOSITION_LABELS[d]}</Tag>,
            },
            {
              title: '诉求办理',
              key: 'appeal',
              width: 300,
              render: (_, i) =>
                i.appeal ? (
                  <Space size={4} wrap>
                    <Link to={toPath(STAFF_ROUTES.appeal, { id: i.appeal.id })}>{i.appeal.number}</Link>
                    <Tag color={APPEAL_STATE_COLORS[i.appeal.state]}>{APPEAL_STATE_LABELS[i.appeal.state]}</Tag>
                    {i.appeal.leadUnitName}
                  </Space>
                ) : (
                  '—'
                ),
            },
            ...(m.state === 'in_session'
              ? [
                  {
                    title: '操作',
                    key: 'ops',
                    width: 180,
                    render: (_: unknown, i: rt.RoundtableItem) =>
                      i.disposition === 'pending' && (
                        <Space size={4}>
                          <Button size="small" disabled={!can('answer_item')} onClick={() => open('answer', i.id)}>
                            当场答复
                          </Button>
                          <Button size="small" disabled={!can('item_to_appeal')} onClick={() => open('appeal', i.id)}>
                            转为诉求办理
                          </Button>
                        </Space>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Card>

      <Space align="start" style={{ width: '100%' }} styles={{ item: { flex: 1 } }}>
        <Card
          title="邀请企业"
          extra={
            <Button disabled={!can('invite')} title={why('invite')} onClick={() => open('invite')}>
              邀请企业
            </Button>
          }
        >
          <Table<rt.RoundtableView['invitations'][number]>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={m.invitations}
            columns={[
              { title: '企业', dataIndex: 'enterpriseName' },
              { title: '联系人', dataIndex: 'contactName', width: 80 },
              { title: '回复', dataIndex: 'reply', width: 80, render: (r: 'pending' | 'attending' | 'declined') => INVITATION_REPLY_LABELS[r] },
              { title: '参会人', dataIndex: 'attendeeName', width: 80, render: (n: string | null) => n ?? '—' },
              {
                title: '',
                key: 'ops',
                width: 90,
                render: (_, i) =>
                  can('reply') && (
                    <Button size="small" onClick={() => open('reply', i.id)}>
                      登记回复
                    </Button>
                  ),
              },
            ]}
          />
        </Card>
        <Card
          title="厅领导出席（办公室安排）"
          extra={
            <Button disabled={!can('arrange_leader')} title={why('arrange_leader')} onClick={() => open('leader')}>
              安排领导出席
            </Button>
          }
        >
          <Table<rt.RoundtableView['leaders'][number]>
            rowKey="leaderId"
            size="small"
            pagination={false}
            dataSource={m.leaders}
            columns={[
              { title: '领导', dataIndex: 'leaderName' },
              { title: '安排', dataIndex: 'status', width: 100, render: (s: 'invited' | 'confirmed' | 'declined') => LEADER_ATTENDANCE_LABELS[s] },
              { title: '说明', dataIndex: 'note', render: (n: string | null) => n ?? '' },
            ]}
          />
        </Card>
      </Space>

      {m.minutesAt && (
        <Card title={`会议纪要（${m.minutesByName}，${formatDateTime(m.minutesAt)}）`}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label="纪要">{m.minutes}</Descriptions.Item>
            <Descriptions.Item label="发现的问题">{m.findings}</Descriptions.Item>
            <Descriptions.Item label="后续安排">{m.followUp}</Descriptions.Item>
          </Descriptions>
        </Card>
      )}

      <Modal
        open={dialog !== null}
        title={
          {
            item: '登记诉求事项',
            invite: '邀请企业',
            reply: '登记企业回复',
            leader: '安排厅领导出席',
            minutes: '录入会议纪要',
            answer: '当场答复',
            appeal: '转为诉求办理',
            cancel: '取消会议',
          }[dialog ?? 'item']
        }
        onOk={submit}
        onCancel={() => setDialog(null)}
        confirmLoading={busy}
        destroyOnHidden
        width={600}
      >
        <Form form={form} layout="vertical">
          {(dialog === 'item' || dialog === 'invite') && (
            <Form.Item name="enterpriseId" label="企业（名录）" rules={dialog === 'invite' ? [{ required: true, message: '请选择企业' }] : []}>
              <Select
                showSearch
                allowClear
                optionFilterProp="label"
                loading={enterprises.loading}
                options={(enterprises.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))}
              />
            </Form.Item>
          )}
          {dialog === 'item' && (
            <>
              <Form.Item name="enterpriseName" label="企业名称（名录外企业）">
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="category" label="诉求类别" rules={[{ required: true, message: '请选择诉求类别' }]}>
                <Select options={APPEAL_CATEGORIES.map((c) => ({ value: c, label: APPEAL_CATEGORY_LABELS[c] }))} />
              </Form.Item>
              <Form.Item name="title" label="诉求事项" rules={[{ required: true, message: '请填写诉求事项' }]}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="content" label="具体内容" rules={[{ required: true, message: '请填写具体内容' }]}>
                <Input.TextArea rows={3} maxLength={5000} />
              </Form.Item>
            </>
          )}
          {(dialog === 'item' || dialog === 'invite') && (
            <Space>
              <Form.Item name="contactName" label="联系人" rules={[{ required: true, message: '请填写联系人' }]}>
                <Input maxLength={50} />
              </Form.Item>
              <Form.Item name="contactPhone" label="联系电话" rules={[{ required: true, message: '请填写联系电话' }]}>
                <Input maxLength={20} />
              </Form.Item>
            </Space>
          )}
          {dialog === 'reply' && (
            <>
              <Form.Item name="reply" label="回复" rules={[{ required: true, message: '请选择' }]}>
                <Radio.Group
                  options={[
                    { value: 'attending', label: '参加' },
                    { value: 'declined', label: '不参加' },
                  ]}
                />
              </Form.Item>
              <Form.Item name="attendeeName" label="参会人姓名">
                <Input maxLength={50} />
              </Form.Item>
            </>
          )}
          {dialog === 'leader' && (
            <>
              <Form.Item name="leaderId" label="领导" rules={[{ required: true, message: '请选择领导' }]}>
                <Select loading={leaders.loading} options={(leaders.data?.items ?? []).map((l) => ({ value: l.id, label: `${l.name}（${l.title}）` }))} />
              </Form.Item>
              <Form.Item name="status" label="出席安排" rules={[{ required: true, message: '请选择' }]}>
                <Radio.Group options={LEADER_ATTENDANCE.map((s) => ({ value: s, label: LEADER_ATTENDANCE_LABELS[s] }))} />
              </Form.Item>
              <Form.Item name="note" label="说明">
                <Input maxLength={500} />
              </Form.Item>
            </>
          )}
          {dialog === 'minutes' && (
            <>
              <Form.Item name="minutes" label="会议纪要" rules={[{ required: true, message: '请填写会议纪要' }]}>
                <Input.TextArea rows={4} maxLength={20000} />
              </Form.Item>
              <Form.Item name="findings" label="发现的问题（R7.1 必填）">
                <Input.TextArea rows={3} maxLength={5000} />
              </Form.Item>
              <Form.Item name="followUp" label="后续安排（R7.1 必填）">
                <Input.TextArea rows={3} maxLength={5000} />
              </Form.Item>
            </>
          )}
          {dialog === 'answer' && (
            <Form.Item name="answer" label="答复内容（诉求当场办结）" rules={[{ required: true, message: '请填写答复内容' }]}>
              <Input.TextArea rows={4} maxLength={5000} />
            </Form.Item>
          )}
          {dialog === 'appeal' && (
            <Form.Item name="unitId" label="办理处室（派单后按诉求时限办理）" rules={[{ required: true, message: '请选择办理处室' }]}>
              <Select options={unitOptions} optionFilterProp="label" showSearch />
            </Form.Item>
          )}
          {dialog === 'cancel' && (
            <Form.Item name="reason" label="取消原因" rules={[{ required: true, message: '请填写取消原因' }]}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Space>
  );
}
