// 会议邀请 (enterprise portal, R5.1): the roundtables the enterprise is invited to — reply attending
// (with the attendee's name) or not, and submit appeals for the meeting within the collection period.
import { useState } from 'react';
import { Button, Empty, Flex, Form, Input, Modal, Select, Spin, Tag, Typography } from 'antd';
import { APPEAL_CATEGORIES, APPEAL_CATEGORY_LABELS } from '../../../../shared/appeals.ts';
import {
  INVITATION_REPLY_LABELS,
  ITEM_DISPOSITION_LABELS,
  ROUNDTABLE_KIND_LABELS,
  ROUNDTABLE_ORGANISER_LABELS,
  ROUNDTABLE_STATE_LABELS,
} from '../../../../shared/roundtables.ts';
import { useApiError } from '../../ui/useApiError.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { PortalPage } from '../portal/PortalPage.tsx';
import { ParticipationTabs } from './ParticipationTabs.tsx';
import { portalMeetings, portalReply, portalSubmitItem, type PortalMeeting } from './api.ts';

type Dialog = { kind: 'attend' | 'item'; meeting: PortalMeeting } | null;

export default function PortalMeetingsPage() {
  const { data, loading, reload } = useFetch((signal) => portalMeetings(signal), []);
  const onError = useApiError();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();

  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await fn();
      setDialog(null);
      reload();
    } catch (e) {
      onError(e, { form });
    } finally {
      setBusy(false);
    }
  };
  const submit = async () => {
    if (!dialog) return;
    const v = await form.validateFields();
    await act(() =>
      dialog.kind === 'attend' ? portalReply(dialog.meeting.id, { reply: 'attending', attendeeName: v.attendeeName }) : portalSubmitItem(dialog.meeting.id, v),
    );
  };
  const open = (kind: 'attend' | 'item', meeting: PortalMeeting) => {
    form.resetFields();
    setDialog({ kind, meeting });
  };

  return (
    <PortalPage title="会议邀请" description="政企沟通圆桌会、座谈会、企业家会客厅">
      <ParticipationTabs />
      {loading && !data ? <Spin style={{ display: 'block', margin: 32 }} /> : null}
      {data && data.items.length === 0 ? <Empty description="暂无会议邀请" style={{ padding: 32, background: '#fff' }} /> : null}
      {(data?.items ?? []).map((m) => (
        <div key={m.id} data-testid="portal-meeting" style={{ background: '#fff', padding: '14px 16px', borderBottom: '1px solid #e6ebef' }}>
          <Typography.Text strong style={{ display: 'block', fontSize: 15 }}>
            {m.title}
          </Typography.Text>
          <Flex wrap gap={6} style={{ marginTop: 6 }}>
            <Tag>{ROUNDTABLE_KIND_LABELS[m.kind]}</Tag>
            <Tag color="blue">{ROUNDTABLE_STATE_LABELS[m.state]}</Tag>
            <Tag color={m.reply === 'attending' ? 'green' : m.reply === 'declined' ? 'default' : 'orange'}>
              {m.reply === 'pending' ? '待您回复' : `已回复：${INVITATION_REPLY_LABELS[m.reply]}${m.attendeeName ? `（${m.attendeeName}）` : ''}`}
            </Tag>
          </Flex>
          <Typography.Paragraph type="secondary" style={{ margin: '6px 0', fontSize: 13 }}>
            {ROUNDTABLE_ORGANISER_LABELS[m.organiser]}组织 · {m.meetingDate} · {m.place}
            <br />
            议题：{m.topics}
            <br />
            诉求征集期：{m.collectFrom} 至 {m.collectUntil}
          </Typography.Paragraph>
          {m.myItems.map((i) => (
            <Typography.Text key={i.id} style={{ display: 'block', fontSize: 13 }}>
              · {i.title}（{ITEM_DISPOSITION_LABELS[i.disposition]}）
            </Typography.Text>
          ))}
          <Flex gap={8} style={{ marginTop: 8 }}>
            <Button type={m.reply === 'pending' ? 'primary' : 'default'} disabled={!m.canReply} onClick={() => open('attend', m)}>
              参加
            </Button>
            <Button disabled={!m.canReply} onClick={() => act(() => portalReply(m.id, { reply: 'declined' }))}>
              不参加
            </Button>
            <Button
              type={m.reply === 'pending' ? 'default' : 'primary'}
              disabled={!m.canSubmitItem}
              title={m.canSubmitItem ? undefined : '不在诉求征集期内'}
              onClick={() => open('item', m)}
            >
              提交会议诉求
            </Button>
          </Flex>
        </div>
      ))}
      <Modal
        open={dialog !== null}
        title={dialog?.kind === 'attend' ? '确认参加' : '提交会议诉求'}
        onOk={submit}
        onCancel={() => setDialog(null)}
        confirmLoading={busy}
        okText="提交"
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          {dialog?.kind === 'attend' ? (
            <Form.Item name="attendeeName" label="参会人姓名" rules={[{ required: true, message: '请填写参会人姓名' }]}>
              <Input maxLength={50} />
            </Form.Item>
          ) : (
            <>
              <Form.Item name="category" label="诉求类别" rules={[{ required: true, message: '请选择诉求类别' }]}>
                <Select options={APPEAL_CATEGORIES.map((c) => ({ value: c, label: APPEAL_CATEGORY_LABELS[c] }))} />
              </Form.Item>
              <Form.Item name="title" label="诉求事项" rules={[{ required: true, message: '请填写诉求事项' }]}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="content" label="具体内容" rules={[{ required: true, message: '请填写具体内容' }]}>
                <Input.TextArea rows={4} maxLength={5000} />
              </Form.Item>
              <Form.Item name="contactName" label="联系人" rules={[{ required: true, message: '请填写联系人' }]}>
                <Input maxLength={50} />
              </Form.Item>
              <Form.Item name="contactPhone" label="联系电话" rules={[{ required: true, message: '请填写联系电话' }]}>
                <Input maxLength={20} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </PortalPage>
  );
}
