// 督导事项 (R7.2, R7.4): one item's panel — its record, the explanation asked for and given, the outcome
// (通报, 约谈 with rectification items tracked to done, 通报表扬). The list and a new item: SupervisionPage.tsx.
import { useState } from 'react';
import { App, Button, DatePicker, Descriptions, Flex, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { FileWordOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { STAFF_ROUTES, toPath } from '../../routes.ts';
import { formatDate, formatDateTime } from '../../../../shared/format.ts';
import { SUPERVISION_OUTCOMES, SUPERVISION_OUTCOME_LABELS, type SupervisionOutcome } from '../../../../shared/supervision.ts';
import { useApiError } from '../../ui/useApiError.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { listUnits } from '../organisation/api.ts';
import {
  completeInterview,
  conclude,
  explain,
  noticeDocxUrl,
  rectificationDone,
  requestExplanation,
  type ConcludeBody,
  type SupervisionItemView,
} from './api.ts';

export const STATE_COLORS = { open: 'default', awaiting_explanation: 'orange', explained: 'blue', concluded: 'green' } as const;
export const day = (d: string | null) => (d ? formatDate(`${d}T12:00:00+08:00`) : '—');

type RectRow = NonNullable<SupervisionItemView['interview']>['rectifications'][number];
type Dialog = 'request' | 'explain' | 'conclude' | { done: RectRow } | null;

/** The unit list for pickers (only fetched when the caller may use it). */
export function useUnits(enabled: boolean) {
  const { data } = useFetch((signal) => (enabled ? listUnits(false, signal) : Promise.resolve({ items: [], total: 0 })), [enabled], { quietForbidden: true });
  return (data?.items ?? []).map((u) => ({ value: u.id, label: u.name }));
}

export function Detail({ item, onChanged }: { item: SupervisionItemView; onChanged: (v: SupervisionItemView) => void }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const onError = useApiError();
  const { message } = App.useApp();
  const units = useUnits(item.allowedActions.includes('conclude'));
  const outcome = Form.useWatch('outcome', form) as SupervisionOutcome | undefined;
  const run = async (fn: () => Promise<SupervisionItemView>, ok: string) => {
    setBusy(true);
    try {
      const v = await fn();
      message.success(ok);
      setDialog(null);
      form.resetFields();
      onChanged(v);
    } catch (e) {
      onError(e, { form });
    } finally {
      setBusy(false);
    }
  };
  const can = (a: string) => item.allowedActions.includes(a as never);
  const iv = item.interview;
  const primary = can('conclude') && item.state === 'explained' ? 'conclude' : can('request_explanation') ? 'request' : can('explain') ? 'explain' : null;
  return (
    <Flex vertical gap={16}>
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label="督导对象" span={2}>
          {item.targetTypeLabel}：
          {item.targetType === 'contact_point' && item.targetId ? (
            <Link to={toPath(STAFF_ROUTES.contactPoint, { id: item.targetId })}>{item.targetLabel}</Link>
          ) : item.targetType === 'appeal' && item.appealId ? (
            <Link to={toPath(STAFF_ROUTES.appeal, { id: item.appealId })}>{item.targetLabel}</Link>
          ) : (
            item.targetLabel
          )}
        </Descriptions.Item>
        <Descriptions.Item label="责任处室">{item.unitName}</Descriptions.Item>
        <Descriptions.Item label="类别">{item.categoryLabel}</Descriptions.Item>
        <Descriptions.Item label="问题描述" span={2}>
          {item.description}
        </Descriptions.Item>
        <Descriptions.Item label="立项">
          {item.openedByName} {formatDateTime(item.createdAt)}
        </Descriptions.Item>
        <Descriptions.Item label="状态">
          <Tag color={STATE_COLORS[item.state]}>{item.stateLabel}</Tag>
        </Descriptions.Item>
        {item.explanationRequest ? (
          <Descriptions.Item label="要求说明" span={2}>
            {item.explanationRequest}（{day(item.explanationDue)}前）
          </Descriptions.Item>
        ) : null}
        {item.explanation ? (
          <Descriptions.Item label="处室说明" span={2}>
            {item.explanation}（{item.explainedByName}，{formatDateTime(item.explainedAt)}）
          </Descriptions.Item>
        ) : null}
        {item.outcome ? (
          <Descriptions.Item label="处理结论" span={2}>
            <Tag color={item.outcome === 'commendation' ? 'green' : item.outcome === 'no_action' ? 'default' : 'red'}>{item.outcomeLabel}</Tag>
            {item.conclusion}（{item.concludedByName}，{formatDateTime(item.concludedAt)}）
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <Space wrap>
        {can('request_explanation') ? (
          <Button type={primary === 'request' ? 'primary' : 'default'} onClick={() => setDialog('request')} data-testid="sup-request">
            要求处室说明
          </Button>
        ) : null}
        {can('explain') ? (
          <Button type="primary" onClick={() => setDialog('explain')} data-testid="sup-explain">
            提交情况说明
          </Button>
        ) : null}
        {can('conclude') ? (
          <Button type={primary === 'conclude' ? 'primary' : 'default'} onClick={() => setDialog('conclude')} data-testid="sup-conclude">
            作出处理结论
          </Button>
        ) : null}
        {item.notice ? (
          <Button icon={<FileWordOutlined />} href={noticeDocxUrl(item.id)} data-testid="sup-notice-docx">
            下载通报（Word）
          </Button>
        ) : null}
      </Space>
      {item.notice ? (
        <div data-testid="sup-notice">
          <Typography.Title level={5}>
            {item.notice.number}　{item.notice.title}
          </Typography.Title>
          <Typography.Paragraph type="secondary">送达：{item.notice.recipients.join('、')}</Typography.Paragraph>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{item.notice.body}</Typography.Paragraph>
        </div>
      ) : null}
      {iv ? (
        <div data-testid="sup-interview">
          <Flex justify="space-between" align="center">
            <Typography.Title level={5} style={{ margin: 0 }}>
              约谈记录 <Tag color={iv.state === 'completed' ? 'green' : 'orange'}>{iv.stateLabel}</Tag>
            </Typography.Title>
            {iv.allowedActions.includes('complete') ? (
              <Button
                type="primary"
                loading={busy}
                onClick={() => run(() => completeInterview(item.id, iv.version), '已确认整改完成')}
                data-testid="sup-interview-complete"
              >
                确认整改完成
              </Button>
            ) : iv.state === 'rectifying' && item.allowedActions.length === 0 && iv.rectifications.some((r) => !r.done) ? (
              <Typography.Text type="secondary">整改事项全部销号后可确认整改完成</Typography.Text>
            ) : null}
          </Flex>
          <Descriptions size="small" column={2} style={{ marginTop: 8 }}>
            <Descriptions.Item label="约谈日期">{day(iv.heldOn)}</Descriptions.Item>
            <Descriptions.Item label="被约谈人">{iv.unitHeadName}</Descriptions.Item>
            <Descriptions.Item label="约谈人">{iv.interviewerNames}</Descriptions.Item>
            <Descriptions.Item label="记录人">{iv.recordedByName}</Descriptions.Item>
            <Descriptions.Item label="发现问题" span={2}>
              {iv.findings}
            </Descriptions.Item>
          </Descriptions>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={iv.rectifications}
            data-testid="rectifications"
            columns={[
              { title: '整改事项', dataIndex: 'description', width: 220 },
              { title: '责任人', dataIndex: 'ownerName', width: 90 },
              { title: '完成时限', dataIndex: 'dueDate', width: 120, render: (d: string) => day(d) },
              {
                title: '完成情况',
                render: (_: unknown, r) =>
                  r.done ? (
                    <span>
                      <Tag color="green">已销号</Tag>
                      {r.doneNote}（{r.doneByName}，{formatDateTime(r.doneAt)}）
                    </span>
                  ) : r.canComplete ? (
                    <Button size="small" onClick={() => setDialog({ done: r })} data-testid="rect-done">
                      销号
                    </Button>
                  ) : (
                    <Typography.Text type="secondary">整改中</Typography.Text>
                  ),
              },
            ]}
          />
        </div>
      ) : null}

      <Modal
        open={dialog !== null}
        title={
          dialog === 'request'
            ? '要求处室作出情况说明'
            : dialog === 'explain'
              ? '提交情况说明'
              : dialog === 'conclude'
                ? '作出处理结论'
                : dialog && typeof dialog === 'object'
                  ? '整改事项销号'
                  : ''
        }
        okText="提交"
        cancelText="取消"
        confirmLoading={busy}
        width={dialog === 'conclude' ? 760 : 520}
        onCancel={() => setDialog(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={dialog === 'conclude' ? { outcome: 'interview', heldOn: dayjs(), recipientUnitIds: [] } : { due: dayjs().add(5, 'day') }}
          onFinish={(v) => {
            if (dialog === 'request')
              return run(() => requestExplanation(item.id, { version: item.version, request: v.request, due: v.due.format('YYYY-MM-DD') }), '已要求处室说明');
            if (dialog === 'explain') return run(() => explain(item.id, { version: item.version, explanation: v.explanation }), '情况说明已提交');
            if (dialog && typeof dialog === 'object')
              return run(() => rectificationDone(dialog.done.id, { version: dialog.done.version, note: v.note }), '整改事项已销号');
            const body: ConcludeBody = { version: item.version, outcome: v.outcome, conclusion: v.conclusion };
            if (v.outcome === 'notice' || v.outcome === 'commendation')
              body.notice = { title: v.noticeTitle, body: v.noticeBody, recipientUnitIds: v.recipientUnitIds ?? [] };
            if (v.outcome === 'interview')
              body.interview = {
                heldOn: v.heldOn.format('YYYY-MM-DD'),
                unitHeadName: v.unitHeadName,
                interviewerNames: v.interviewerNames,
                findings: v.findings,
                items: (v.items ?? []).map((x: { description: string; ownerName: string; dueDate: dayjs.Dayjs }) => ({
                  ...x,
                  dueDate: x.dueDate.format('YYYY-MM-DD'),
                })),
              };
            return run(() => conclude(item.id, body), '处理结论已记录');
          }}
        >
          {dialog === 'request' ? (
            <>
              <Form.Item name="request" label="需说明的问题" rules={[{ required: true, message: '请填写需说明的问题' }]}>
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
              <Form.Item name="due" label="说明期限" rules={[{ required: true, message: '请选择期限' }]}>
                <DatePicker />
              </Form.Item>
            </>
          ) : dialog === 'explain' ? (
            <Form.Item name="explanation" label="情况说明" rules={[{ required: true, message: '请填写情况说明' }]}>
              <Input.TextArea rows={5} maxLength={5000} data-testid="sup-explanation" />
            </Form.Item>
          ) : dialog && typeof dialog === 'object' ? (
            <Form.Item name="note" label={`整改完成情况：${dialog.done.description}`} rules={[{ required: true, message: '请填写完成情况' }]}>
              <Input.TextArea rows={3} maxLength={2000} data-testid="rect-note" />
            </Form.Item>
          ) : dialog === 'conclude' ? (
            <>
              <Form.Item name="outcome" label="处理结论" rules={[{ required: true, message: '请选择处理结论' }]}>
                <Radio.Group
                  optionType="button"
                  options={SUPERVISION_OUTCOMES.map((o) => ({ value: o, label: SUPERVISION_OUTCOME_LABELS[o] }))}
                  data-testid="sup-outcome"
                />
              </Form.Item>
              <Form.Item name="conclusion" label="结论意见" rules={[{ required: true, message: '请填写结论意见' }]}>
                <Input.TextArea rows={2} maxLength={5000} data-testid="sup-conclusion" />
              </Form.Item>
              {outcome === 'notice' || outcome === 'commendation' ? (
                <>
                  <Form.Item name="noticeTitle" label="通报标题" rules={[{ required: true, message: '请填写通报标题' }]}>
                    <Input maxLength={200} />
                  </Form.Item>
                  <Form.Item name="noticeBody" label="通报正文" rules={[{ required: true, message: '请填写通报正文' }]}>
                    <Input.TextArea rows={6} maxLength={20000} />
                  </Form.Item>
                  <Form.Item name="recipientUnitIds" label="另送处室（责任处室自动送达）">
                    <Select mode="multiple" options={units} placeholder="选择处室" />
                  </Form.Item>
                </>
              ) : null}
              {outcome === 'interview' ? (
                <>
                  <Space size={16} wrap>
                    <Form.Item name="heldOn" label="约谈日期" rules={[{ required: true, message: '请选择日期' }]}>
                      <DatePicker />
                    </Form.Item>
                    <Form.Item name="unitHeadName" label="被约谈人（处室负责人）" rules={[{ required: true, message: '请填写被约谈人' }]}>
                      <Input maxLength={50} data-testid="iv-head" />
                    </Form.Item>
                    <Form.Item name="interviewerNames" label="约谈人" rules={[{ required: true, message: '请填写约谈人' }]}>
                      <Input maxLength={200} data-testid="iv-interviewers" />
                    </Form.Item>
                  </Space>
                  <Form.Item name="findings" label="发现的问题" rules={[{ required: true, message: '请填写发现的问题' }]}>
                    <Input.TextArea rows={3} maxLength={5000} data-testid="iv-findings" />
                  </Form.Item>
                  <Form.List name="items" initialValue={[{}]}>
                    {(fields, { add, remove }) => (
                      <>
                        <Typography.Text strong>整改事项</Typography.Text>
                        {fields.map((f) => (
                          <Flex key={f.key} gap={8} align="baseline" style={{ marginTop: 8 }}>
                            <Form.Item name={[f.name, 'description']} rules={[{ required: true, message: '请填写整改事项' }]} style={{ flex: 1 }}>
                              <Input placeholder="整改事项" maxLength={1000} data-testid="iv-item-desc" />
                            </Form.Item>
                            <Form.Item name={[f.name, 'ownerName']} rules={[{ required: true, message: '请填写责任人' }]}>
                              <Input placeholder="责任人" maxLength={50} style={{ width: 110 }} data-testid="iv-item-owner" />
                            </Form.Item>
                            <Form.Item name={[f.name, 'dueDate']} rules={[{ required: true, message: '请选择时限' }]}>
                              <DatePicker placeholder="完成时限" data-testid="iv-item-due" />
                            </Form.Item>
                            {fields.length > 1 ? <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="删除整改事项" /> : null}
                          </Flex>
                        ))}
                        <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} data-testid="iv-item-add">
                          增加整改事项
                        </Button>
                      </>
                    )}
                  </Form.List>
                </>
              ) : null}
            </>
          ) : null}
        </Form>
      </Modal>
    </Flex>
  );
}
