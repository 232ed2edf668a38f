// “载入年度通知” (province sysadmin): upload a notice JSON file (format: docs/CALENDAR.md §6) or
// enter holiday blocks and make-up days in a form. Server validation messages are shown per field.
import { useState } from 'react';
import { Alert, App, Button, Checkbox, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Space, Tabs, Typography, Upload } from 'antd';
import { DeleteOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { ApiError } from '../../api/client.ts';
import { useApiError } from '../../ui/useApiError.ts';
import { loadNotice, type NoticeInForce, type NoticeJson } from './api.ts';

type FormValues = {
  year: number;
  documents: { title: string; number: string; publishedOn: Dayjs }[];
  holidays: { name: string; start: Dayjs; end: Dayjs }[];
  makeupDays: { date: Dayjs; forHoliday: string }[];
};

const ymd = (d: Dayjs | undefined) => (d ? d.format('YYYY-MM-DD') : '');

function fromForm(v: FormValues): NoticeJson {
  return {
    year: v.year,
    documents: (v.documents ?? []).map((d) => ({ title: d.title?.trim() ?? '', number: d.number?.trim() ?? '', publishedOn: ymd(d.publishedOn) })),
    holidays: (v.holidays ?? []).map((h) => ({ name: h.name?.trim() ?? '', start: ymd(h.start), end: ymd(h.end) })),
    makeupDays: (v.makeupDays ?? []).map((m) => ({ date: ymd(m.date), forHoliday: m.forHoliday?.trim() ?? '' })),
  };
}

export function NoticeDialog({
  open,
  loaded,
  defaultYear,
  onClose,
  onLoaded,
}: {
  open: boolean;
  loaded: NoticeInForce[];
  defaultYear: number;
  onClose: () => void;
  onLoaded: (year: number) => void;
}) {
  const { message } = App.useApp();
  const onError = useApiError();
  const [form] = Form.useForm<FormValues>();
  const [tab, setTab] = useState<'file' | 'form'>('file');
  const [fileNotice, setFileNotice] = useState<NoticeJson | null>(null);
  const [fileName, setFileName] = useState<string>('');
  const [fileErrors, setFileErrors] = useState<Record<string, string> | null>(null);
  const [replace, setReplace] = useState(false);
  const [saving, setSaving] = useState(false);
  const formYear = Form.useWatch('year', form);

  const year = tab === 'file' ? fileNotice?.year : formYear;
  const existing = loaded.find((n) => n.year === year);

  const reset = () => {
    form.resetFields();
    setFileNotice(null);
    setFileName('');
    setFileErrors(null);
    setReplace(false);
  };

  const readFile = async (file: File) => {
    setFileErrors(null);
    setFileName(file.name);
    try {
      const json = JSON.parse(await file.text()) as NoticeJson;
      if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('not an object');
      setFileNotice(json);
    } catch {
      setFileNotice(null);
      setFileErrors({ _: '文件不是合法的 JSON' });
    }
    return false;
  };

  const submit = async () => {
    let body: NoticeJson;
    if (tab === 'file') {
      if (!fileNotice) {
        setFileErrors({ _: '请先选择通知 JSON 文件' });
        return;
      }
      body = fileNotice;
    } else {
      try {
        body = fromForm(await form.validateFields());
      } catch {
        return;
      }
    }
    if (existing && !replace) {
      message.warning(`${existing.year} 年节假日安排已载入，如需替换请勾选“替换”`);
      return;
    }
    setSaving(true);
    try {
      const saved = await loadNotice(existing ? { ...body, replace: true, version: existing.version } : body);
      message.success(`已${existing ? '替换' : '载入'} ${saved.year} 年节假日安排`);
      reset();
      onLoaded(saved.year);
    } catch (err) {
      if (tab === 'file' && err instanceof ApiError && err.fields) setFileErrors(err.fields);
      else onError(err, { form: tab === 'form' ? form : undefined, onConflict: onClose });
    } finally {
      setSaving(false);
    }
  };

  const dateRule = { required: true, message: '请选择日期' };
  const textRule = (what: string) => ({ required: true, whitespace: true, message: `请填写${what}` });

  return (
    <Modal
      open={open}
      title="载入年度节假日通知"
      width={820}
      okText={existing ? '替换' : '载入'}
      confirmLoading={saving}
      onOk={submit}
      onCancel={() => {
        reset();
        onClose();
      }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        节假日安排以国务院办公厅通知为准，全国统一，仅省厅系统管理员可以载入；载入后立即用于各单位的期限计算。各市的本地安排请在“本地调整”中设置。
      </Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as 'file' | 'form')}
        items={[
          {
            key: 'file',
            label: '上传 JSON 文件',
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Upload accept=".json,application/json" maxCount={1} showUploadList={false} beforeUpload={readFile}>
                  <Button icon={<UploadOutlined />}>选择文件</Button>
                </Upload>
                {fileName ? <Typography.Text>{fileName}</Typography.Text> : null}
                {fileNotice ? (
                  <Descriptions size="small" column={1} bordered>
                    <Descriptions.Item label="年度">{String(fileNotice.year)}</Descriptions.Item>
                    <Descriptions.Item label="文号">{(fileNotice.documents ?? []).map((d) => d.number).join('、') || '—'}</Descriptions.Item>
                    <Descriptions.Item label="假期">
                      {(fileNotice.holidays ?? []).map((h) => `${h.name} ${h.start}～${h.end}`).join('；') || '—'}
                    </Descriptions.Item>
                    <Descriptions.Item label="调休上班">{(fileNotice.makeupDays ?? []).map((m) => m.date).join('、') || '无'}</Descriptions.Item>
                  </Descriptions>
                ) : null}
                <Typography.Text type="secondary">文件格式见 docs/CALENDAR.md 第 6 节。</Typography.Text>
              </Space>
            ),
          },
          {
            key: 'form',
            label: '表单录入',
            children: (
              <Form form={form} layout="vertical" initialValues={{ year: defaultYear, documents: [{}], holidays: [{}], makeupDays: [] }}>
                <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
                  <InputNumber min={2000} max={2100} precision={0} />
                </Form.Item>
                <Typography.Title level={5}>依据文件</Typography.Title>
                <Form.List name="documents">
                  {(fields, { add, remove }) => (
                    <>
                      {fields.map((f) => (
                        <Space key={f.key} align="start" wrap>
                          <Form.Item name={[f.name, 'title']} rules={[textRule('文件标题')]}>
                            <Input placeholder="国务院办公厅关于××年部分节假日安排的通知" style={{ width: 320 }} />
                          </Form.Item>
                          <Form.Item name={[f.name, 'number']} rules={[textRule('文号')]}>
                            <Input placeholder="国办发明电〔××××〕××号" style={{ width: 200 }} />
                          </Form.Item>
                          <Form.Item name={[f.name, 'publishedOn']} rules={[dateRule]}>
                            <DatePicker placeholder="发布日期" />
                          </Form.Item>
                          <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} disabled={fields.length <= 1} aria-label="删除文件" />
                        </Space>
                      ))}
                      <div>
                        <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                          添加文件
                        </Button>
                      </div>
                      <Form.ErrorList errors={form.getFieldError('documents')} />
                    </>
                  )}
                </Form.List>
                <Typography.Title level={5} style={{ marginTop: 16 }}>
                  放假时段
                </Typography.Title>
                <Form.List name="holidays">
                  {(fields, { add, remove }) => (
                    <>
                      {fields.map((f) => (
                        <Space key={f.key} align="start" wrap>
                          <Form.Item name={[f.name, 'name']} rules={[textRule('假日名称')]}>
                            <Input placeholder="假日名称，如 春节" style={{ width: 180 }} />
                          </Form.Item>
                          <Form.Item name={[f.name, 'start']} rules={[dateRule]}>
                            <DatePicker placeholder="开始日期" />
                          </Form.Item>
                          <Form.Item name={[f.name, 'end']} rules={[dateRule]}>
                            <DatePicker placeholder="结束日期" />
                          </Form.Item>
                          <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} disabled={fields.length <= 1} aria-label="删除假期" />
                        </Space>
                      ))}
                      <div>
                        <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                          添加假期
                        </Button>
                      </div>
                    </>
                  )}
                </Form.List>
                <Typography.Title level={5} style={{ marginTop: 16 }}>
                  调休上班日（周六、周日）
                </Typography.Title>
                <Form.List name="makeupDays">
                  {(fields, { add, remove }) => (
                    <>
                      {fields.map((f) => (
                        <Space key={f.key} align="start" wrap>
                          <Form.Item name={[f.name, 'date']} rules={[dateRule]}>
                            <DatePicker placeholder="上班日期" />
                          </Form.Item>
                          <Form.Item name={[f.name, 'forHoliday']} rules={[textRule('对应假日')]}>
                            <Input placeholder="对应假日名称" style={{ width: 180 }} />
                          </Form.Item>
                          <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="删除调休上班日" />
                        </Space>
                      ))}
                      <div>
                        <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                          添加调休上班日
                        </Button>
                      </div>
                    </>
                  )}
                </Form.List>
              </Form>
            ),
          },
        ]}
      />
      {existing ? (
        <Alert
          style={{ marginTop: 16 }}
          type="warning"
          showIcon
          message={`${existing.year} 年节假日安排已载入（${existing.source === 'bundled' ? '随版本发布' : '已上传'}，版本 ${existing.version}）`}
          description={
            <Checkbox checked={replace} onChange={(e) => setReplace(e.target.checked)}>
              替换已载入的安排{existing.source === 'bundled' ? '（取代随版本发布的文件）' : ''}
            </Checkbox>
          }
        />
      ) : null}
      {tab === 'file' && fileErrors ? (
        <Alert
          style={{ marginTop: 16 }}
          type="error"
          showIcon
          message="文件校验未通过"
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {Object.entries(fileErrors).map(([k, v]) => (
                <li key={k}>
                  {k === '_' || k === '(root)' ? '' : <Typography.Text code>{k}</Typography.Text>} {v}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
    </Modal>
  );
}
