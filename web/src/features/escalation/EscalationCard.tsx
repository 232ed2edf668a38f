// "议题与报送" on the appeal page: R6.3 厅长办公会 agenda items (with follow-up actions) and R6.4
// 省政府常务会议 items; only the actions the server allows this user are shown.
import { useState } from 'react';
import { Button, Card, DatePicker, Descriptions, Empty, Form, Input, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { AGENDA_STATE_LABELS } from '../../../../shared/escalation.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { useApiError } from '../../ui/useApiError.ts';
import { useDialogSave } from '../../ui/useDialogSave.ts';
import { listLeaders } from '../organisation/api.ts';
import { formatDateTime } from '../../ui/format.ts';
import {
  completeAgendaAction,
  decideAgendaItem,
  escalationOf,
  proposeAgendaItem,
  recordExecutiveItem,
  scheduleAgendaItem,
  updateExecutiveItem,
  withdrawAgendaItem,
  type AgendaActionView,
  type AgendaItemView,
  type ExecutiveItemView,
} from './api.ts';

const STATE_COLORS: Record<AgendaItemView['state'], string> = { proposed: 'gold', scheduled: 'blue', decided: 'green', withdrawn: 'default' };
/** A required date field of the dialog (the form checks it is filled). */
const day = (d: Dayjs) => d.format('YYYY-MM-DD');

/** The fields of every dialog of the card (each dialog fills its own). */
type Values = {
  title: string;
  background: string;
  request: string;
  meetingDate: Dayjs;
  note: string;
  decision: string;
  actions?: { description: string; unitId: string; dueDate: Dayjs }[];
  reason: string;
  materials: string;
  attachmentId?: string;
  leaderIds?: string[];
  outcome?: string;
};
type Dialog =
  | { kind: 'propose' }
  | { kind: 'schedule' | 'decide' | 'withdraw'; item: AgendaItemView }
  | { kind: 'complete'; action: AgendaActionView }
  | { kind: 'executive'; item?: ExecutiveItemView };

const DIALOG_TITLES: Record<Dialog['kind'], string> = {
  propose: '提报厅长办公会议题',
  schedule: '安排上会',
  decide: '录入会议决定',
  withdraw: '撤回议题',
  complete: '落实事项办结',
  executive: '省政府常务会议事项',
};

/** `unitOptions`: the tenant's units for the 责任处室 select (the appeal page has them already: one request fewer). */
export function EscalationCard({
  appealId,
  attachments,
  unitOptions,
  onChanged,
}: {
  appealId: string;
  attachments: { id: string; name: string }[];
  unitOptions: { value: string; label: string }[];
  onChanged: () => void;
}) {
  const onError = useApiError();
  const [form] = Form.useForm();
  const { data, loading, reload } = useFetch((signal) => escalationOf(appealId, signal), [appealId]);
  const { dialog, setDialog, close, saving, submit } = useDialogSave<Dialog, Values>({ form, reload, onSaved: onChanged, save });
  const [leaders, setLeaders] = useState<{ value: string; label: string }[] | null>(null);

  const open = (d: Dialog) => {
    form.resetFields();
    if (d.kind === 'executive' && d.item)
      form.setFieldsValue({
        meetingDate: dayjs(d.item.meetingDate),
        materials: d.item.materials,
        leaderIds: d.item.leaderIds,
        outcome: d.item.outcome ?? '',
        attachmentId: d.item.attachmentId ?? undefined,
      });
    if (d.kind === 'executive' && !leaders) {
      listLeaders()
        .then((r) => setLeaders(r.items.filter((l) => !l.archived).map((l) => ({ value: l.id, label: `${l.name}（${l.title}）` }))))
        .catch((e) => onError(e));
    }
    setDialog(d);
  };

  async function save(d: Dialog, v: Values) {
    switch (d.kind) {
      case 'propose':
        await proposeAgendaItem(appealId, { title: v.title, background: v.background, request: v.request });
        break;
      case 'schedule':
        await scheduleAgendaItem(d.item.id, { version: d.item.version, meetingDate: day(v.meetingDate), note: v.note || null });
        break;
      case 'decide':
        await decideAgendaItem(d.item.id, {
          version: d.item.version,
          decision: v.decision,
          actions: (v.actions ?? []).map((x) => ({
            description: x.description,
            unitId: x.unitId,
            dueDate: day(x.dueDate),
          })),
        });
        break;
      case 'withdraw':
        await withdrawAgendaItem(d.item.id, { version: d.item.version, reason: v.reason });
        break;
      case 'complete':
        await completeAgendaAction(d.action.id, { version: d.action.version, note: v.note });
        break;
      case 'executive': {
        const body = {
          meetingDate: day(v.meetingDate),
          materials: v.materials,
          attachmentId: v.attachmentId ?? null,
          leaderIds: v.leaderIds ?? [],
          outcome: v.outcome || null,
        };
        if (d.item) await updateExecutiveItem(d.item.id, { version: d.item.version, ...body });
        else await recordExecutiveItem(appealId, body);
        break;
      }
    }
  }

  // One primary action: 安排上会 until the item is scheduled, then 录入会议决定 (改期 beside it, plain).
  const itemActions = (i: AgendaItemView) => (
    <Space size={6}>
      {i.allowedActions.includes('schedule') ? (
        <Button size="small" type={i.state === 'scheduled' ? 'default' : 'primary'} onClick={() => open({ kind: 'schedule', item: i })}>
          {i.state === 'scheduled' ? '改期' : '安排上会'}
        </Button>
      ) : null}
      {i.allowedActions.includes('decide') ? (
        <Button size="small" type="primary" onClick={() => open({ kind: 'decide', item: i })}>
          录入会议决定
        </Button>
      ) : null}
      {i.allowedActions.includes('withdraw') ? (
        <Button size="small" danger onClick={() => open({ kind: 'withdraw', item: i })}>
          撤回
        </Button>
      ) : null}
    </Space>
  );

  const empty = data && !data.agendaItems.length && !data.executiveItems.length && !data.transferredFrom;
  return (
    <Card
      title="议题与报送"
      size="small"
      style={{ marginTop: 16 }}
      loading={loading && !data}
      data-testid="escalation-card"
      extra={
        <Space>
          {data?.canPropose ? (
            <Button size="small" onClick={() => open({ kind: 'propose' })}>
              提报厅长办公会议题
            </Button>
          ) : null}
          {data?.canRecordExecutive ? (
            <Button size="small" onClick={() => open({ kind: 'executive' })}>
              登记省政府常务会议
            </Button>
          ) : null}
        </Space>
      }
    >
      {empty ? <Empty description="暂无厅长办公会议题或省政府常务会议事项" /> : null}
      {data?.agendaItems.length ? (
        <List
          header={<Typography.Text strong>厅长办公会议题</Typography.Text>}
          dataSource={data.agendaItems}
          renderItem={(i) => (
            <List.Item key={i.id} extra={itemActions(i)}>
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <Space wrap>
                  <Tag color={STATE_COLORS[i.state]}>{AGENDA_STATE_LABELS[i.state]}</Tag>
                  <Typography.Text strong>{i.title}</Typography.Text>
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {i.unitName} · {i.proposedByName} 提报于 {formatDateTime(i.proposedAt)}
                  {i.meetingDate ? ` · 会议日期 ${i.meetingDate}` : ''}
                </Typography.Text>
                <div>背景：{i.background}</div>
                <div>提请研究：{i.request}</div>
                {i.decision ? <div>会议决定：{i.decision}</div> : null}
                {i.withdrawnReason ? (
                  <div>
                    撤回原因：{i.withdrawnReason}（{i.withdrawnByName}）
                  </div>
                ) : null}
                {i.actions.length ? (
                  <List
                    size="small"
                    bordered
                    dataSource={i.actions}
                    renderItem={(x) => (
                      <List.Item
                        key={x.id}
                        extra={
                          x.canComplete ? (
                            <Button size="small" onClick={() => open({ kind: 'complete', action: x })}>
                              办结
                            </Button>
                          ) : null
                        }
                      >
                        <Space direction="vertical" size={0}>
                          <span>
                            {x.done ? <Tag color="green">已办结</Tag> : <Tag color="orange">落实中</Tag>}
                            {x.description}
                          </span>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            责任处室：{x.unitName} · 完成时限：{x.dueDate}
                            {x.done ? ` · ${x.doneByName} 于 ${formatDateTime(x.doneAt)} 办结：${x.doneNote ?? ''}` : ''}
                          </Typography.Text>
                        </Space>
                      </List.Item>
                    )}
                  />
                ) : null}
              </Space>
            </List.Item>
          )}
        />
      ) : null}
      {data?.executiveItems.length ? (
        <List
          header={<Typography.Text strong>省政府常务会议</Typography.Text>}
          dataSource={data.executiveItems}
          renderItem={(m) => (
            <List.Item
              key={m.id}
              extra={
                m.canEdit ? (
                  <Button size="small" onClick={() => open({ kind: 'executive', item: m })}>
                    修改 / 录入结果
                  </Button>
                ) : null
              }
            >
              <Descriptions size="small" column={1}>
                <Descriptions.Item label="会议日期">{m.meetingDate}</Descriptions.Item>
                <Descriptions.Item label="上会材料">
                  {m.materials}
                  {m.attachmentName ? `（附件：${m.attachmentName}）` : ''}
                </Descriptions.Item>
                <Descriptions.Item label="参会厅领导">{m.leaders.map((l) => `${l.name}（${l.title}）`).join('、') || '（未定）'}</Descriptions.Item>
                <Descriptions.Item label="会议结果">{m.outcome ?? '（待录入）'}</Descriptions.Item>
                <Descriptions.Item label="登记人">{m.recordedByName}</Descriptions.Item>
              </Descriptions>
            </List.Item>
          )}
        />
      ) : null}
      {data?.transferredFrom ? (
        <List
          size="small"
          data-testid="escalation-transferred"
          header={<Typography.Text strong>{`转来前${data.transferredFrom.tenantName}的议题与常务会议事项（只读）`}</Typography.Text>}
          dataSource={[
            ...data.transferredFrom.agendaItems.map((i) => ({
              key: i.id,
              text: `厅长办公会议题「${i.title}」：${AGENDA_STATE_LABELS[i.state]}${i.meetingDate ? `，会议日期 ${i.meetingDate}` : ''}${i.decision ? `，会议决定：${i.decision}` : ''}${
                i.actions.length ? `；落实事项 ${i.actions.filter((x) => x.done).length}/${i.actions.length} 已办结` : ''
              }`,
            })),
            ...data.transferredFrom.executiveItems.map((m) => ({
              key: m.id,
              text: `省政府常务会议（${m.meetingDate}）：${m.materials}；会议结果：${m.outcome ?? '（待录入）'}`,
            })),
          ]}
          renderItem={(x) => <List.Item key={x.key}>{x.text}</List.Item>}
        />
      ) : null}

      <Modal
        open={dialog !== null}
        title={dialog ? DIALOG_TITLES[dialog.kind] : ''}
        onCancel={close}
        onOk={submit}
        confirmLoading={saving}
        okText="提交"
        cancelText="取消"
        destroyOnHidden
        width={dialog?.kind === 'decide' ? 720 : 520}
      >
        <Form form={form} layout="vertical">
          {dialog?.kind === 'propose' ? (
            <>
              <Form.Item name="title" label="议题名称" rules={[{ required: true, message: '请填写议题名称' }]}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="background" label="背景情况" rules={[{ required: true, message: '请填写背景情况' }]}>
                <Input.TextArea rows={4} maxLength={5000} />
              </Form.Item>
              <Form.Item name="request" label="提请研究事项" rules={[{ required: true, message: '请填写提请研究事项' }]}>
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
            </>
          ) : null}
          {dialog?.kind === 'schedule' ? (
            <>
              <Form.Item name="meetingDate" label="会议日期" rules={[{ required: true, message: '请选择会议日期' }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="note" label="备注">
                <Input maxLength={500} />
              </Form.Item>
            </>
          ) : null}
          {dialog?.kind === 'decide' ? (
            <>
              <Form.Item name="decision" label="会议决定" rules={[{ required: true, message: '请填写会议决定' }]}>
                <Input.TextArea rows={4} maxLength={5000} />
              </Form.Item>
              <Form.List name="actions">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f) => (
                      <Space key={f.key} align="baseline" wrap>
                        <Form.Item name={[f.name, 'description']} rules={[{ required: true, message: '请填写落实事项' }]}>
                          <Input placeholder="落实事项" style={{ width: 240 }} maxLength={1000} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'unitId']} rules={[{ required: true, message: '请选择责任处室' }]}>
                          <Select placeholder="责任处室" options={unitOptions} style={{ width: 230 }} showSearch optionFilterProp="label" />
                        </Form.Item>
                        <Form.Item name={[f.name, 'dueDate']} rules={[{ required: true, message: '请选择完成时限' }]}>
                          <DatePicker placeholder="完成时限" />
                        </Form.Item>
                        <MinusCircleOutlined onClick={() => remove(f.name)} />
                      </Space>
                    ))}
                    <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />}>
                      添加落实事项
                    </Button>
                  </>
                )}
              </Form.List>
            </>
          ) : null}
          {dialog?.kind === 'withdraw' ? (
            <Form.Item name="reason" label="撤回原因" rules={[{ required: true, message: '请填写撤回原因' }]}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          ) : null}
          {dialog?.kind === 'complete' ? (
            <Form.Item name="note" label="落实情况" rules={[{ required: true, message: '请填写落实情况' }]}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          ) : null}
          {dialog?.kind === 'executive' ? (
            <>
              <Form.Item name="meetingDate" label="会议日期" rules={[{ required: true, message: '请选择会议日期' }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="materials" label="上会材料" rules={[{ required: true, message: '请填写上会材料情况' }]}>
                <Input.TextArea rows={4} maxLength={5000} />
              </Form.Item>
              <Form.Item name="attachmentId" label="材料附件（诉求附件中选择）">
                <Select allowClear options={attachments.map((t) => ({ value: t.id, label: t.name }))} placeholder="可选" />
              </Form.Item>
              <Form.Item name="leaderIds" label="参会厅领导">
                <Select mode="multiple" options={leaders ?? []} loading={!leaders} placeholder="选择参会厅领导" optionFilterProp="label" />
              </Form.Item>
              <Form.Item name="outcome" label="会议结果">
                <Input.TextArea rows={3} maxLength={5000} placeholder="会后录入" />
              </Form.Item>
            </>
          ) : null}
        </Form>
      </Modal>
    </Card>
  );
}
