// “本地调整” (R8.1): the tenant's own changes on top of the notices. Sysadmins of the tenant edit
// the whole list and save it with the version they read.
import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useApiError } from '../../ui/useApiError.ts';
import { putOverrides, type OverrideItem, type OverrideKind, type Overrides } from './api.ts';
import { OVERRIDE_KIND_LABELS } from './labels.ts';

type AddValues = { date: Dayjs; kind: OverrideKind; note?: string };

export function OverridesCard({ data, canEdit, onSaved }: { data: Overrides | undefined; canEdit: boolean; onSaved: () => void }) {
  const { message } = App.useApp();
  const onError = useApiError();
  const [form] = Form.useForm<AddValues>();
  const [adding, setAdding] = useState(false);
  const [saving, setSaving] = useState(false);

  const save = async (items: OverrideItem[], index?: number) => {
    if (!data) return false;
    setSaving(true);
    try {
      const saved = await putOverrides({ version: data.version, items });
      // Issue 22: open appeals' future deadlines follow the change (same transaction); the clerk sees how many.
      message.success(
        saved.recomputedAppeals
          ? `本地调整已保存，${saved.recomputedAppeals} 件办理中诉求的时限已重新计算（见各诉求时间线）`
          : '本地调整已保存，没有诉求的时限因此改变',
      );
      onSaved();
      return true;
    } catch (err) {
      // Server paths are "items.N.field"; the new row is the last one.
      onError(err, {
        form,
        onConflict: onSaved,
        mapField: (p) => {
          const m = /^items\.(\d+)\.(date|kind|note)$/.exec(p);
          return m && Number(m[1]) === index ? [m[2]] : null;
        },
      });
      return false;
    } finally {
      setSaving(false);
    }
  };

  const add = async () => {
    let v: AddValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const items = [...(data?.items ?? []), { date: v.date.format('YYYY-MM-DD'), kind: v.kind, note: v.note?.trim() ?? '' }];
    if (await save(items, items.length - 1)) {
      form.resetFields();
      setAdding(false);
    }
  };

  return (
    <Card
      size="small"
      title="本地调整"
      extra={
        canEdit ? (
          <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} disabled={!data}>
            新增调整
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        本单位在国务院节假日安排之上的本地安排（R8.1），只影响本单位的工作日和期限计算。
      </Typography.Paragraph>
      <Table<OverrideItem>
        size="small"
        rowKey="date"
        loading={!data}
        dataSource={data?.items ?? []}
        pagination={false}
        locale={{ emptyText: '暂无本地调整' }}
        columns={[
          { title: '日期', dataIndex: 'date', width: 120 },
          {
            title: '调整',
            dataIndex: 'kind',
            render: (k: OverrideKind) => <Tag color={k === 'holiday' || k === 'restday' ? 'red' : 'blue'}>{OVERRIDE_KIND_LABELS[k]}</Tag>,
          },
          { title: '说明', dataIndex: 'note' },
          ...(canEdit
            ? [
                {
                  title: '操作',
                  width: 80,
                  render: (_: unknown, row: OverrideItem) => (
                    <Popconfirm title={`删除 ${row.date} 的调整？`} onConfirm={() => save((data?.items ?? []).filter((i) => i.date !== row.date))}>
                      <Button type="link" size="small" danger disabled={saving}>
                        删除
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal open={adding} title="新增本地调整" okText="保存" confirmLoading={saving} onOk={add} onCancel={() => setAdding(false)} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ kind: 'holiday' }}>
          <Form.Item name="date" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="kind" label="调整为" rules={[{ required: true, message: '请选择' }]}>
            <Select options={(Object.keys(OVERRIDE_KIND_LABELS) as OverrideKind[]).map((k) => ({ value: k, label: OVERRIDE_KIND_LABELS[k] }))} />
          </Form.Item>
          <Form.Item name="note" label="说明" rules={[{ max: 200, message: '不能超过 200 字' }]}>
            <Input placeholder="如：本市防汛调休" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
