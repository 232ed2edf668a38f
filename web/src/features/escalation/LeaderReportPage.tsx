// R6.5 月度报送（省政府领导转办）: for 办公室 — pick a month, download the .xlsx, record the 报送 to
// the provincial general office, see the due date (before the 25th) and whether it was submitted.
import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { CheckOutlined, DownloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useMe } from '../../auth/session.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { useApiError } from '../../ui/useApiError.ts';
import { downloadLeaderReport, leaderReport, submitLeaderReport } from './api.ts';
import { formatDeadline } from '../../ui/format.ts';
import { LeaderReportRowsCard } from './LeaderReportRowsCard.tsx';

/** R6.5 (issue 22): the handling units write their rows; 办公室 compiles and registers. */
export default function LeaderReportPage() {
  const office = useMe().roles.some((r) => r === 'intake' || r === 'coordinator');
  return office ? <OfficeLeaderReportPage /> : <LeaderReportRowsCard office={false} />;
}

function OfficeLeaderReportPage() {
  const onError = useApiError();
  const canSubmit = useMe().roles.includes('intake');
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const [downloading, setDownloading] = useState(false);
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm();
  const m = month.format('YYYY-MM');
  const { data, loading, reload } = useFetch((signal) => leaderReport(m, signal), [m]);

  const doDownload = async (format: 'xlsx' | 'docx') => {
    setDownloading(true);
    try {
      await downloadLeaderReport(m, format);
    } catch (e) {
      onError(e);
    } finally {
      setDownloading(false);
    }
  };

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await submitLeaderReport({ month: m, submittedOn: (v.submittedOn as Dayjs).format('YYYY-MM-DD'), note: v.note || null });
      setOpen(false);
      reload();
    } catch (e) {
      onError(e, { form });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title="月度报送（省政府领导转办）"
        extra={
          <Space>
            <DatePicker picker="month" value={month} onChange={(d) => d && setMonth(d)} allowClear={false} />
            <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => doDownload('xlsx')}>
              下载 .xlsx
            </Button>
            <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => doDownload('docx')} data-testid="leader-report-docx">
              下载 .docx
            </Button>
            {canSubmit && data && !data.submitted ? (
              <Button
                type="primary"
                icon={<CheckOutlined />}
                onClick={() => {
                  form.resetFields();
                  form.setFieldsValue({ submittedOn: dayjs() });
                  setOpen(true);
                }}
              >
                登记已报送
              </Button>
            ) : null}
          </Space>
        }
        loading={loading && !data}
      >
        <Typography.Paragraph type="secondary">
          对省政府领导同志转办的企业诉求事项，每月25日前将办理情况报送省政府办公厅；每月20日系统提醒办公室。月报包含受理于该月底前、且在该月初尚未办结的全部“省政府领导转办”诉求。
        </Typography.Paragraph>
        {data ? (
          <>
            {data.overdue ? <Alert type="error" showIcon message="已超过报送截止时间，尚未登记报送" style={{ marginBottom: 16 }} /> : null}
            <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label="报告月份">{m}</Descriptions.Item>
              <Descriptions.Item label="涉及诉求">{data.appealCount} 件</Descriptions.Item>
              <Descriptions.Item label="报送截止">{formatDeadline(data.dueAt, { year: true })}（25日之前）</Descriptions.Item>
              <Descriptions.Item label="提醒日期">{data.remindOn}</Descriptions.Item>
              <Descriptions.Item label="报送状态">
                {data.submitted ? (
                  <Tag color={data.submittedLate ? 'orange' : 'green'}>{data.submittedLate ? '已报送（逾期）' : '已报送'}</Tag>
                ) : (
                  <Tag color={data.overdue ? 'red' : 'gold'}>未报送</Tag>
                )}
              </Descriptions.Item>
              <Descriptions.Item label="报送情况">
                {data.submission
                  ? `${data.submission.submittedOn} 由 ${data.submission.submittedByName} 报送（${data.submission.appealCount} 件）${data.submission.note ? `：${data.submission.note}` : ''}`
                  : '—'}
              </Descriptions.Item>
            </Descriptions>
          </>
        ) : null}
      </Card>
      <LeaderReportRowsCard month={m} office />
      <Modal
        open={open}
        title={`登记 ${m} 月报已报送省政府办公厅`}
        onCancel={() => setOpen(false)}
        onOk={submit}
        confirmLoading={saving}
        okText="登记"
        cancelText="取消"
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="submittedOn" label="报送日期" rules={[{ required: true, message: '请选择报送日期' }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="note" label="备注（报送方式、文号等）">
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
