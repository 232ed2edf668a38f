// 记录走访 / 现场记录: the form staff fill in on site (works at 390×844). A visit to a point or to any
// enterprise (R1.8: 宣讲, difficulties, suggestions), a licensing check (R4.1: the service rating), an
// inspection (R4.2), enforcement or complaint verification (R4.3: 陈述、申辩). R7.1: findings and at
// least one follow-up with an owner and a due date. Appeals raised on site become tracked appeals
// when the record is saved; photos and sign-in sheets are uploaded right after. The record's fields are
// FieldRecordFields, shared with a research task's 登记走访 (R2.4).
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Form, Grid, Select, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { ATTACHMENT_EXTENSIONS, ATTACHMENT_MAX_BYTES } from '../../../../shared/appeals.ts';
import { FIELD_KIND_LABELS, FIELD_KINDS, type FieldKind } from '../../../../shared/contacts.ts';
import { useMe } from '../../auth/session.ts';
import { STAFF_ROUTES, toPath } from '../../routes.ts';
import { useUnits } from '../organisation/useUnits.ts';
import { useApiError } from '../../ui/useApiError.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { createRecord, getPoint, uploadRecordFile } from './api.ts';
import { EnterprisePicker } from '../enterprises/EnterprisePicker.tsx';
import { FieldRecordFields, kindPayload, recordDefaults, recordPayload } from './FieldRecordFields.tsx';

const ACCEPT = ATTACHMENT_EXTENSIONS.map((e) => `.${e}`).join(',');
// Research visits are recorded from their research task (R2.4), which links them.
const KINDS = FIELD_KINDS.filter((k) => k !== 'research');

export default function VisitFormPage() {
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const onError = useApiError();
  const [params] = useSearchParams();
  const pointId = params.get('pointId');
  const [form] = Form.useForm();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [saving, setSaving] = useState(false);
  const wide = Grid.useBreakpoint().md;
  const kind = (Form.useWatch('kind', form) ?? 'visit') as FieldKind;
  const point = useFetch((s) => (pointId ? getPoint(pointId, s) : Promise.resolve(null)), [pointId]);
  const { options: unitOptions } = useUnits(false, true);
  const p = point.data;

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    try {
      const rec = await createRecord({
        kind: v.kind,
        pointId: pointId ?? null,
        enterpriseId: pointId ? null : v.enterpriseId,
        unitId: pointId ? null : (v.unitId ?? null),
        ...recordPayload(v),
        ...kindPayload(v),
      });
      let failed = 0;
      for (const f of files) {
        try {
          await uploadRecordFile(rec.id, f.originFileObj as File);
        } catch (e) {
          failed++;
          onError(e);
        }
      }
      message.success(
        `已保存${rec.appeals.length ? `，${rec.appeals.length} 件诉求已转入办理（${rec.appeals.map((a) => a.number).join('、')}）` : ''}${failed ? `；${failed} 个附件未上传` : ''}`,
      );
      navigate(toPath(STAFF_ROUTES.fieldRecord, { id: rec.id }), { replace: true });
    } catch (e) {
      onError(e, { form });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      variant="borderless"
      title={pointId ? '记录走访' : '新增现场记录'}
      styles={{ body: { maxWidth: 760, padding: wide ? undefined : 12 } }}
      loading={Boolean(pointId) && point.loading && !p}
    >
      {p ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={`${p.enterpriseName}`}
          description={`${p.kind === 'leader' ? `厅领导联系点 · ${p.leaderName ?? ''} · 联系处室 ${p.unitName}` : `处室联系点 · ${p.unitName}`}`}
        />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          kind: 'visit',
          unitId: me.unit?.id,
          ...recordDefaults(me.id),
        }}
        scrollToFirstError
      >
        <Form.Item name="kind" label="记录类型">
          <Select options={(pointId ? (['visit'] as const) : KINDS).map((k) => ({ value: k, label: FIELD_KIND_LABELS[k] }))} data-testid="record-kind" />
        </Form.Item>
        {pointId ? null : (
          <>
            <Form.Item name="enterpriseId" label="企业" rules={[{ required: true, message: '请选择企业' }]}>
              <EnterprisePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="unitId" label="记录处室" rules={[{ required: true, message: '请选择记录处室' }]}>
              <Select options={unitOptions} showSearch={{ optionFilterProp: 'label' }} />
            </Form.Item>
          </>
        )}
        <FieldRecordFields kind={kind} />

        <Form.Item
          label="现场照片、签到表"
          style={{ marginTop: 16 }}
          extra={`支持 ${ATTACHMENT_EXTENSIONS.join('、')}；单个不超过 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB；保存记录后上传`}
        >
          <Upload accept={ACCEPT} multiple fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList)}>
            <Button icon={<UploadOutlined />}>选择文件</Button>
          </Upload>
        </Form.Item>
        <Button type="primary" size="large" block loading={saving} onClick={submit} data-testid="save-record">
          保存记录
        </Button>
      </Form>
    </Card>
  );
}
