// R5.1 圆桌会、座谈会、企业家会客厅: the tenant's meetings, nearest first; 政策法规处, 办公室 or a lead
// unit records a new one (R5.2: the lead unit follows from the units it touches, shown on the record).
import { useState } from 'react';
import { Button, DatePicker, Form, Input, Modal, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { Link, useNavigate } from 'react-router';
import {
  ROUNDTABLE_KIND_LABELS,
  ROUNDTABLE_KINDS,
  ROUNDTABLE_ORGANISER_LABELS,
  ROUNDTABLE_ORGANISERS,
  ROUNDTABLE_STATE_LABELS,
} from '../../../../shared/roundtables.ts';
import { STAFF_ROUTES, toPath } from '../../routes.ts';
import { PageCard } from '../../ui/PageCard.tsx';
import { useApiError } from '../../ui/useApiError.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { useUnits } from '../organisation/useUnits.ts';
import { createRoundtable, listRoundtables, type RoundtableBrief } from './api.ts';
import { STATE_COLORS } from './labels.ts';

const day = (d: Dayjs) => d.format('YYYY-MM-DD');

export default function RoundtablesPage() {
  const { data, loading } = useFetch((signal) => listRoundtables(signal), []);
  const { options: unitOptions } = useUnits();
  const onError = useApiError();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm();

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const m = await createRoundtable({
        kind: v.kind,
        organiser: v.organiser,
        title: v.title,
        topics: v.topics,
        meetingDate: day(v.meetingDate),
        place: v.place,
        collectFrom: day(v.collect[0]),
        collectUntil: day(v.collect[1]),
        unitIds: v.unitIds,
      });
      navigate(toPath(STAFF_ROUTES.roundtable, { id: m.id }));
    } catch (e) {
      onError(e, { form });
    } finally {
      setSaving(false);
    }
  };

  return (
    <PageCard
      title="圆桌会与座谈会"
      description="政企沟通圆桌会、座谈会、走进企业家会客厅：会前征集诉求、邀请企业，会上逐项答复或转办，会后跟踪至全部办结（R5.1）"
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          disabled={!data?.canCreate}
          title={data?.canCreate ? undefined : '只有政策法规处、办公室或处室人员可以登记会议'}
          onClick={() => setOpen(true)}
        >
          登记会议
        </Button>
      }
    >
      <Table<RoundtableBrief>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={false}
        columns={[
          { title: '会议', dataIndex: 'title', render: (t: string, r) => <Link to={toPath(STAFF_ROUTES.roundtable, { id: r.id })}>{t}</Link> },
          { title: '类型', dataIndex: 'kind', width: 150, render: (k: RoundtableBrief['kind']) => ROUNDTABLE_KIND_LABELS[k] },
          { title: '会议日期', dataIndex: 'meetingDate', width: 110 },
          { title: '牵头处室', dataIndex: 'leadUnitName', width: 200 },
          {
            title: '状态',
            dataIndex: 'state',
            width: 110,
            render: (s: RoundtableBrief['state']) => <Tag color={STATE_COLORS[s]}>{ROUNDTABLE_STATE_LABELS[s]}</Tag>,
          },
          { title: '诉求事项', dataIndex: 'items', width: 90, align: 'right' },
          { title: '待处理', dataIndex: 'pendingItems', width: 80, align: 'right' },
          { title: '形成诉求', dataIndex: 'appeals', width: 90, align: 'right' },
          { title: '邀请企业', dataIndex: 'invited', width: 90, align: 'right' },
        ]}
      />
      <Modal title="登记会议" open={open} onOk={submit} confirmLoading={saving} onCancel={() => setOpen(false)} okText="登记" width={640} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ kind: 'roundtable', organiser: 'province' }}>
          <Form.Item name="kind" label="会议类型" rules={[{ required: true }]}>
            <Select options={ROUNDTABLE_KINDS.map((k) => ({ value: k, label: ROUNDTABLE_KIND_LABELS[k] }))} />
          </Form.Item>
          <Form.Item name="organiser" label="组织单位" rules={[{ required: true }]}>
            <Select options={ROUNDTABLE_ORGANISERS.map((k) => ({ value: k, label: ROUNDTABLE_ORGANISER_LABELS[k] }))} />
          </Form.Item>
          <Form.Item name="title" label="会议名称" rules={[{ required: true, message: '请填写会议名称' }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="topics" label="会议议题" rules={[{ required: true, message: '请填写会议议题' }]}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item name="meetingDate" label="会议日期" rules={[{ required: true, message: '请选择会议日期' }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="place" label="会议地点" rules={[{ required: true, message: '请填写会议地点' }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="collect" label="诉求征集期" rules={[{ required: true, message: '请选择诉求征集期' }]}>
            <DatePicker.RangePicker />
          </Form.Item>
          <Form.Item
            name="unitIds"
            label="涉及处室"
            extra="只涉及一个处室的，由该处室直接对接省政府办公厅；涉及多个处室的，由政策法规处牵头（R5.2）"
            rules={[{ required: true, message: '请选择会议事项涉及的处室' }]}
          >
            <Select mode="multiple" options={unitOptions} optionFilterProp="label" />
          </Form.Item>
        </Form>
      </Modal>
    </PageCard>
  );
}
