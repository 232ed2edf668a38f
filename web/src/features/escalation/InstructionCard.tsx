// "领导批示" on the appeal page (R6.3/leader 批示): a leader writes a 批示; the lead unit 签收批示
// (primary action while it waits) and later 反馈落实情况, which the leader reads here. Only the
// actions the server allows this user are shown; nothing is shown to a user with no 批示 to see or write.
import { Button, Card, DatePicker, Form, Input, List, Modal, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { INSTRUCTION_STATE_LABELS, INSTRUCTION_TEXT_MAX } from '../../../../shared/escalation.ts';
import { formatDateTime, formatDeadline } from '../../ui/format.ts';
import { useDialogSave } from '../../ui/useDialogSave.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { acknowledgeInstruction, instructionsOf, issueInstruction, reportInstruction, type InstructionView } from './api.ts';

export const INSTRUCTION_STATE_COLORS: Record<InstructionView['state'], string> = { issued: 'red', acknowledged: 'blue', reported: 'green' };

type Values = { text: string; dueDate?: Dayjs | null; note?: string; report: string };
type Dialog = { kind: 'issue' } | { kind: 'acknowledge' | 'report'; item: InstructionView };
const TITLES: Record<Dialog['kind'], string> = { issue: '领导批示', acknowledge: '签收批示', report: '反馈落实情况' };

/** One 批示 with its 签收 and 落实情况, as the card and the list page show it. */
export function InstructionBody({ i }: { i: InstructionView }) {
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }}>
      <Space wrap>
        <Tag color={INSTRUCTION_STATE_COLORS[i.state]}>{INSTRUCTION_STATE_LABELS[i.state]}</Tag>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {i.leaderName} 批示于 {formatDateTime(i.issuedAt)} · 主办：{i.unitName}
          {i.dueAt ? ` · 要求完成：${formatDeadline(i.dueAt)}` : ''}
        </Typography.Text>
      </Space>
      <Typography.Paragraph style={{ marginBottom: 0 }}>{i.text}</Typography.Paragraph>
      {i.acknowledgedAt ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {i.acknowledgedByName} 签收于 {formatDateTime(i.acknowledgedAt)}
          {i.acknowledgeNote ? `：${i.acknowledgeNote}` : ''}
        </Typography.Text>
      ) : null}
      {i.reportedAt ? (
        <div>
          落实情况：{i.report}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            （{i.reportedByName}，{formatDateTime(i.reportedAt)}）
          </Typography.Text>
        </div>
      ) : null}
    </Space>
  );
}

export function InstructionCard({ appealId, onChanged }: { appealId: string; onChanged: () => void }) {
  const [form] = Form.useForm();
  const { data, reload } = useFetch((signal) => instructionsOf(appealId, signal), [appealId]);
  const { dialog, setDialog, close, saving, submit } = useDialogSave<Dialog, Values>({
    form,
    reload,
    onSaved: onChanged,
    save: (d, v) =>
      d.kind === 'issue'
        ? issueInstruction(appealId, { text: v.text, dueDate: v.dueDate ? v.dueDate.format('YYYY-MM-DD') : null })
        : d.kind === 'acknowledge'
          ? acknowledgeInstruction(d.item.id, { version: d.item.version, note: v.note || null })
          : reportInstruction(d.item.id, { version: d.item.version, report: v.report }),
  });

  const open = (d: Dialog) => {
    form.resetFields();
    setDialog(d);
  };

  if (!data || (!data.items.length && !data.canIssue)) return null;
  const waiting = data.items.some((i) => i.allowedActions.includes('acknowledge'));
  return (
    <Card
      title="领导批示"
      size="small"
      style={{ marginBottom: 16, ...(waiting ? { borderColor: '#ff4d4f' } : {}) }}
      data-testid="instruction-card"
      extra={
        data.canIssue ? (
          <Button size="small" type="primary" onClick={() => open({ kind: 'issue' })}>
            作出批示
          </Button>
        ) : null
      }
    >
      {data.items.length ? (
        <List
          dataSource={data.items}
          renderItem={(i) => (
            <List.Item
              key={i.id}
              extra={
                <Space>
                  {i.allowedActions.includes('acknowledge') ? (
                    <Button size="small" type="primary" onClick={() => open({ kind: 'acknowledge', item: i })}>
                      签收批示
                    </Button>
                  ) : null}
                  {i.allowedActions.includes('report') ? (
                    <Button size="small" onClick={() => open({ kind: 'report', item: i })}>
                      反馈落实情况
                    </Button>
                  ) : null}
                </Space>
              }
            >
              <InstructionBody i={i} />
            </List.Item>
          )}
        />
      ) : (
        <Typography.Text type="secondary">尚无批示。可对本诉求作出批示，主办处室签收后抓好落实并反馈。</Typography.Text>
      )}
      <Modal
        open={dialog !== null}
        title={dialog ? TITLES[dialog.kind] : ''}
        onCancel={close}
        onOk={submit}
        confirmLoading={saving}
        okText="提交"
        cancelText="取消"
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          {dialog?.kind === 'issue' ? (
            <>
              <Form.Item name="text" label="批示内容" rules={[{ required: true, whitespace: true, message: '请填写批示内容' }]}>
                <Input.TextArea rows={4} maxLength={INSTRUCTION_TEXT_MAX} showCount />
              </Form.Item>
              <Form.Item name="dueDate" label="要求完成日期（可选，须为工作日）">
                <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
              </Form.Item>
            </>
          ) : null}
          {dialog?.kind === 'acknowledge' ? (
            <>
              <Typography.Paragraph>{dialog.item.text}</Typography.Paragraph>
              <Form.Item name="note" label="落实安排（可选）">
                <Input.TextArea rows={3} maxLength={INSTRUCTION_TEXT_MAX} />
              </Form.Item>
            </>
          ) : null}
          {dialog?.kind === 'report' ? (
            <Form.Item name="report" label="落实情况" rules={[{ required: true, whitespace: true, message: '请填写落实情况' }]}>
              <Input.TextArea rows={4} maxLength={INSTRUCTION_TEXT_MAX} showCount />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </Card>
  );
}
