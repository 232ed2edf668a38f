// 受理登记 (R3.1, R6.1): a new appeal from any channel. A UUID made when the form opens goes in
// the Idempotency-Key header, so a double click or a retry after a network error records one appeal.
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App, Button, Checkbox, Col, DatePicker, Form, Input, Radio, Row, Select, Space, Switch, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { PageCard } from '../../ui/PageCard.tsx';
import { useApiError } from '../../ui/useApiError.ts';
import { useUnits } from '../organisation/useUnits.ts';
import { RegistryContacts } from './RegistryContacts.tsx';
import { EnterprisePicker } from '../enterprises/EnterprisePicker.tsx';
import { ATTACHMENT_ACCEPT, ATTACHMENT_LIMITS_TEXT, fileProblem } from './Attachments.tsx';
import { ApiError } from '../../api/client.ts';
import { APPEAL_CATEGORIES, APPEAL_CATEGORY_LABELS, APPEAL_CHANNELS, APPEAL_CHANNEL_LABELS } from './labels.ts';
import { createAppeal, uploadAttachment } from './api.ts';
import { useChannelLeads } from './channelLeads.ts';
import { pickedToIso } from '../../ui/format.ts';
import { SECTOR_LABELS } from '../../ui/labels.ts';
import { SuggestionPanel } from '../knowledge/SuggestionPanel.tsx';

type IntakeForm = {
  registered: boolean;
  enterpriseId?: string;
  enterpriseName?: string;
  enterpriseUscc?: string;
  sector?: string;
  contactName: string;
  contactPhone: string;
  channel: string;
  category: string;
  title: string;
  content: string;
  receivedAt?: Dayjs;
  backdateReason?: string;
  externalRef?: string;
  lulibanRef?: string;
  lulibanDueAt?: Dayjs;
  flags?: string[];
  onSpot: boolean;
  answerOnSpot?: string;
  dispatchNow: boolean;
  leadUnitId?: string;
  leadOverrideReason?: string;
};

export default function IntakePage() {
  const navigate = useNavigate();
  const onError = useApiError();
  const [form] = Form.useForm<IntakeForm>();
  // One key per opened form: a repeated submission is answered with the appeal already recorded.
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  // Files picked here are uploaded right after the appeal is recorded (the endpoint needs its id).
  const [files, setFiles] = useState<UploadFile[]>([]);
  const { options: unitOptions } = useUnits(false, true);
  const registered = Form.useWatch('registered', form);
  const onSpot = Form.useWatch('onSpot', form);
  const dispatchNow = Form.useWatch('dispatchNow', form);
  const channel = Form.useWatch('channel', form);
  const lulibanRef = Form.useWatch('lulibanRef', form);
  const leadUnitId = Form.useWatch('leadUnitId', form);
  // R3.4: the channel's lead unit is preselected (即时派单 on); another unit needs a reason.
  const { leads } = useChannelLeads();
  const channelLead = leads.find((l) => l.channel === channel && l.unitName);
  const overriding = !!channelLead && !onSpot && dispatchNow && !!leadUnitId && leadUnitId !== channelLead.unitId;
  useEffect(() => {
    if (channelLead) form.setFieldsValue({ dispatchNow: true, leadUnitId: channelLead.unitId });
  }, [channelLead, form]);
  const receivedAt = Form.useWatch('receivedAt', form);
  const backdated = !!receivedAt && dayjs().diff(receivedAt, 'minute') > 10;

  // Capability 8 (R6.1): the suggestion panel follows what is typed.
  const typedTitle = Form.useWatch('title', form) ?? '';
  const typedContent = Form.useWatch('content', form) ?? '';
  const typedEnterpriseId = Form.useWatch('enterpriseId', form);
  const typedUscc = Form.useWatch('enterpriseUscc', form);
  const applyAnswer = (answer: string) => {
    form.setFieldsValue({ onSpot: true, answerOnSpot: answer });
    message.info('已填入当场答复，请核对修改后保存');
  };

  const submit = async (v: IntakeForm) => {
    const flags = new Set(v.flags ?? []);
    const body = {
      ...(v.registered
        ? { enterpriseId: v.enterpriseId }
        : { enterpriseName: v.enterpriseName, enterpriseUscc: v.enterpriseUscc || null, sector: v.sector ?? null }),
      contactName: v.contactName,
      contactPhone: v.contactPhone,
      channel: v.channel,
      category: v.category,
      title: v.title,
      content: v.content,
      receivedAt: pickedToIso(v.receivedAt),
      backdateReason: backdated ? v.backdateReason : null,
      externalRef: v.externalRef || null,
      lulibanRef: v.lulibanRef || null,
      lulibanDueAt: v.lulibanRef ? (pickedToIso(v.lulibanDueAt) ?? null) : null,
      isMajor: flags.has('major'),
      isSafetyHazard: flags.has('hazard'),
      isConfidential: flags.has('confidential'),
      answerOnSpot: v.onSpot ? v.answerOnSpot : null,
      dispatch: !v.onSpot && v.dispatchNow && v.leadUnitId ? { leadUnitId: v.leadUnitId } : null,
      leadOverrideReason: overriding ? v.leadOverrideReason : null,
    };
    setBusy(true);
    try {
      const created = await createAppeal(body, idempotencyKey);
      // Issue 22: an appeal answered on the spot keeps the material received with it too.
      if (files.length) {
        const failed: string[] = [];
        for (const f of files) {
          try {
            await uploadAttachment(created.id, f.originFileObj as File);
          } catch (err) {
            failed.push(`「${f.name}」${err instanceof ApiError ? err.message : '上传失败'}`);
          }
        }
        if (failed.length) message.error(`诉求已登记，但以下附件未上传：${failed.join('；')}。可在诉求页面重新上传。`, 8);
      }
      navigate(`/appeals/${created.id}`, { replace: true });
    } catch (err) {
      onError(err, { form, mapField: (p) => (p === 'dispatch.leadUnitId' ? ['leadUnitId'] : p.startsWith('header.') ? null : p.split('.')) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageCard title="受理登记" description="记录来自各渠道的企业诉求；能当场答复的当场答复办结，否则即转、快办。">
      <Row gutter={24} wrap>
        <Col flex="1 1 600px" style={{ minWidth: 0 }}>
          <Form<IntakeForm>
            form={form}
            layout="vertical"
            onFinish={(v) => void submit(v)}
            initialValues={{ registered: true, channel: 'hotline', category: 'policy', onSpot: false, dispatchNow: false, flags: [] }}
            data-testid="intake-form"
          >
            <Row gutter={16}>
              <Col span={8}>
                <Form.Item name="channel" label="渠道" rules={[{ required: true }]}>
                  <Select
                    showSearch={{ optionFilterProp: 'label' }}
                    options={APPEAL_CHANNELS.map((c) => ({ value: c, label: APPEAL_CHANNEL_LABELS[c] }))}
                    data-testid="channel"
                  />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="category" label="诉求类别" rules={[{ required: true }]}>
                  <Select options={APPEAL_CATEGORIES.map((c) => ({ value: c, label: APPEAL_CATEGORY_LABELS[c] }))} data-testid="category" />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="externalRef" label="外部编号" extra="如 12345 工单号">
                  <Input maxLength={100} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="registered" label="企业">
              <Radio.Group
                options={[
                  { value: true, label: '名录中的企业' },
                  { value: false, label: '未在名录中（手工录入）' },
                ]}
              />
            </Form.Item>
            {registered ? (
              <Form.Item name="enterpriseId" label="选择企业" rules={[{ required: true, message: '请选择企业' }]}>
                <EnterprisePicker />
              </Form.Item>
            ) : (
              <Row gutter={16}>
                <Col span={10}>
                  <Form.Item name="enterpriseName" label="企业名称" rules={[{ required: true, whitespace: true, message: '请填写企业名称' }]}>
                    <Input maxLength={200} data-testid="enterprise-name" />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name="enterpriseUscc" label="统一社会信用代码">
                    <Input maxLength={18} />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item name="sector" label="行业">
                    <Select allowClear options={Object.entries(SECTOR_LABELS).map(([value, label]) => ({ value, label }))} data-testid="sector" />
                  </Form.Item>
                </Col>
              </Row>
            )}
            {registered && typedEnterpriseId ? (
              <RegistryContacts enterpriseId={typedEnterpriseId} onPick={(contactName, contactPhone) => form.setFieldsValue({ contactName, contactPhone })} />
            ) : null}
            <Row gutter={16}>
              <Col span={8}>
                <Form.Item name="contactName" label="联系人" rules={[{ required: true, whitespace: true, message: '请填写联系人' }]}>
                  <Input maxLength={50} data-testid="contact-name" />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="contactPhone" label="联系电话" rules={[{ required: true, message: '请填写联系电话' }]}>
                  <Input maxLength={20} data-testid="contact-phone" />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="receivedAt" label="受理时间" extra="不填为当前时间；补录较早时间须说明原因">
                  <DatePicker
                    showTime={{ format: 'HH:mm' }}
                    format="YYYY-MM-DD HH:mm"
                    disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                    style={{ width: '100%' }}
                  />
                </Form.Item>
              </Col>
            </Row>
            {backdated ? (
              <Form.Item name="backdateReason" label="补录原因" rules={[{ required: true, whitespace: true, message: '补录较早的受理时间须说明原因' }]}>
                <Input maxLength={500} placeholder="如：热线夜间来电，次日补录" />
              </Form.Item>
            ) : null}
            <Form.Item name="title" label="诉求标题" rules={[{ required: true, whitespace: true, message: '请填写诉求标题' }]}>
              <Input maxLength={200} showCount data-testid="title" />
            </Form.Item>
            <Form.Item name="content" label="诉求内容" rules={[{ required: true, whitespace: true, message: '请填写诉求内容' }]}>
              <Input.TextArea rows={5} maxLength={5000} showCount data-testid="content" />
            </Form.Item>
            <Row gutter={16}>
              <Col span={12}>
                <Form.Item name="flags" label="标记">
                  <Checkbox.Group
                    options={[
                      { value: 'major', label: '重大涉企事项（报分管领导）' },
                      { value: 'hazard', label: '安全隐患（紧急派单）' },
                      { value: 'confidential', label: '为反映人保密' },
                    ]}
                  />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name="lulibanRef" label="鲁力办督办编号">
                  <Input maxLength={100} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name="lulibanDueAt" label="鲁力办办理时限" extra="平台要求的时限（可选）">
                  <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} disabled={!lulibanRef} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="onSpot" label="当场答复" valuePropName="checked" extra="能够当场答复的，录入答复内容后直接办结，“2115”各节点均视为按时完成。">
              <Switch data-testid="on-spot" />
            </Form.Item>
            {onSpot ? (
              <Form.Item name="answerOnSpot" label="答复内容" rules={[{ required: true, whitespace: true, message: '请填写当场答复的内容' }]}>
                <Input.TextArea rows={3} maxLength={5000} />
              </Form.Item>
            ) : (
              <Space align="start" size={24}>
                <Form.Item name="dispatchNow" label="即时派单" valuePropName="checked">
                  <Switch />
                </Form.Item>
                {dispatchNow ? (
                  <Form.Item name="leadUnitId" label="主办处室" rules={[{ required: true, message: '请选择主办处室' }]}>
                    <Select showSearch={{ optionFilterProp: 'label' }} options={unitOptions} style={{ width: 300 }} />
                  </Form.Item>
                ) : null}
              </Space>
            )}
            {channelLead && !onSpot ? (
              <Alert
                type="info"
                showIcon
                data-testid="channel-lead-hint"
                title={`「${channelLead.channelLabel}」渠道的诉求由${channelLead.unitName}主办，已预选（渠道主办处室表）${overriding ? '；改派其他处室须说明原因' : ''}。`}
                style={{ marginBottom: 16 }}
              />
            ) : null}
            {overriding ? (
              <Form.Item name="leadOverrideReason" label="改派原因" rules={[{ required: true, whitespace: true, message: '请说明改派其他处室的原因' }]}>
                <Input.TextArea rows={2} maxLength={500} data-testid="lead-override-reason" />
              </Form.Item>
            ) : null}
            {
              <Form.Item label="附件" extra={`${ATTACHMENT_LIMITS_TEXT}；保存登记后上传`}>
                <Upload
                  accept={ATTACHMENT_ACCEPT}
                  multiple
                  fileList={files}
                  beforeUpload={(file) => {
                    const problem = fileProblem(file, files.length);
                    if (problem) {
                      message.error(`「${file.name}」：${problem}`);
                      return Upload.LIST_IGNORE;
                    }
                    return false;
                  }}
                  onChange={({ fileList }) => setFiles(fileList)}
                >
                  <Button icon={<UploadOutlined />} data-testid="intake-files">
                    选择文件
                  </Button>
                </Upload>
              </Form.Item>
            }
            {onSpot ? <Alert type="success" showIcon title="保存后诉求即办结（当场答复）。" style={{ marginBottom: 16 }} /> : null}
            <Space>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="submit-appeal">
                保存登记
              </Button>
              <Button onClick={() => navigate(-1)}>取消</Button>
            </Space>
          </Form>
        </Col>
        <Col flex="0 1 380px" style={{ minWidth: 0 }}>
          <div style={{ position: 'sticky', top: 16 }}>
            <SuggestionPanel
              title={typedTitle}
              content={typedContent}
              enterpriseId={registered ? (typedEnterpriseId ?? null) : null}
              enterpriseUscc={registered ? null : (typedUscc ?? null)}
              onUse={applyAnswer}
            />
          </div>
        </Col>
      </Row>
    </PageCard>
  );
}
