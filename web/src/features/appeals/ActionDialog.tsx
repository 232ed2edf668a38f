// One dialog for every appeal action: the form fields of the chosen action, sent with the version
// the page read (a stale version → the standard conflict message and a reload).
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, Switch, Tag, Typography } from 'antd';
import { useMe } from '../../auth/session.ts';
import { useApiError } from '../../ui/useApiError.ts';
import { EvidenceUpload } from './Attachments.tsx';
import dayjs from 'dayjs';
import { BUSINESS_TZ, formatDateTime, formatDeadline, pickedToIso } from '../../ui/format.ts';
import {
  APPEAL_ACTION_LABELS,
  CONTACT_METHODS,
  CONTACT_METHOD_LABELS,
  EVALUATION_RATINGS,
  EVALUATION_RATING_LABELS,
  REQUEST_KIND_LABELS,
  RESULT_KINDS,
  RESULT_KIND_LABELS,
} from './labels.ts';
import { act, suggestedUnits, transferTargets, transferToCity, type AppealAction, type AppealDetail, type TransferTarget } from './api.ts';

type UnitOption = { value: string; label: string };

/** R3.2 the city bureaus of the caller's tenant (GET /api/tenants/transfer-targets). */
function CityField({ onLoaded }: { onLoaded: (targets: TransferTarget[]) => void }) {
  const [targets, setTargets] = useState<TransferTarget[] | null>(null);
  const onError = useApiError();
  useEffect(() => {
    const ctrl = new AbortController();
    transferTargets(ctrl.signal)
      .then((r) => {
        setTargets(r.items);
        onLoaded(r.items);
      })
      .catch((err: unknown) => {
        if (!ctrl.signal.aborted) onError(err);
      });
    return () => ctrl.abort();
  }, [onError, onLoaded]);
  return (
    <Form.Item
      name="tenantId"
      label="承办市应急局"
      rules={[{ required: true, message: '请选择市应急局' }]}
      extra={targets && !targets.length ? '本单位没有下属市局' : undefined}
    >
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        loading={!targets}
        options={(targets ?? []).map((t) => ({ value: t.id, label: t.name }))}
        placeholder="选择市应急局"
        data-testid="city-select"
      />
    </Form.Item>
  );
}

function UnitFields({
  appealId,
  units,
  withSuggestion,
  channelLeadApplies = false,
}: {
  appealId: string;
  units: UnitOption[];
  withSuggestion: boolean;
  /** R3.4: the first dispatch from the queue follows the channel's lead unit (another unit needs a reason). */
  channelLeadApplies?: boolean;
}) {
  const [suggested, setSuggested] = useState<{ unitId: string; unitName: string; source: string }[]>([]);
  const form = Form.useFormInstance();
  const coUnitIds: string[] = Form.useWatch('coUnitIds', form) ?? [];
  const leadUnitId: string | undefined = Form.useWatch('leadUnitId', form);
  useEffect(() => {
    if (!withSuggestion) return;
    suggestedUnits(appealId)
      .then((r) => {
        setSuggested(r.items);
        if (r.items[0] && !form.getFieldValue('leadUnitId')) form.setFieldValue('leadUnitId', r.items[0].unitId);
      })
      .catch(() => setSuggested([]));
  }, [appealId, withSuggestion, form]);
  const channelLead = suggested.find((s) => s.source === 'channel');
  return (
    <>
      {suggested.length > 0 ? (
        <Form.Item label="推荐处室（业务对口）">
          <Space wrap>
            {suggested.map((s) => (
              <Tag.CheckableTag
                key={s.unitId}
                checked={form.getFieldValue('leadUnitId') === s.unitId}
                onChange={() => form.setFieldValue('leadUnitId', s.unitId)}
              >
                {s.unitName}
                {s.source === 'channel' ? '（渠道主办处室）' : s.source === 'rule' ? '（派单规则）' : '（分管行业）'}
              </Tag.CheckableTag>
            ))}
          </Space>
        </Form.Item>
      ) : null}
      <Form.Item name="leadUnitId" label="主办处室" rules={[{ required: true, message: '请选择主办处室' }]}>
        <Select showSearch={{ optionFilterProp: 'label' }} options={units} placeholder="选择主办处室" data-testid="lead-unit-select" />
      </Form.Item>
      {channelLead && channelLeadApplies && leadUnitId && leadUnitId !== channelLead.unitId ? (
        <Form.Item
          name="leadOverrideReason"
          label="改派原因"
          extra={`该渠道的诉求由${channelLead.unitName}主办（渠道主办处室表），改派其他处室须说明原因，记入时间线和审计日志。`}
          rules={[{ required: true, whitespace: true, message: '请说明改派其他处室的原因' }]}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="lead-override-reason" />
        </Form.Item>
      ) : null}
      <Form.Item name="coUnitIds" label="协办处室">
        <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={units} placeholder="可选" allowClear data-testid="co-unit-select" />
      </Form.Item>
      {coUnitIds
        .filter((u) => u !== leadUnitId)
        .map((u) => (
          <Form.Item key={u} name={['coParts', u]} label={`${units.find((x) => x.value === u)?.label ?? ''} 分工`}>
            <Input maxLength={500} placeholder="该协办处室承担的部分（可选）" />
          </Form.Item>
        ))}
    </>
  );
}

export function ActionDialog({
  appeal,
  action,
  units,
  onClose,
  onDone,
  onMoved,
}: {
  appeal: AppealDetail;
  action: AppealAction | null;
  units: UnitOption[];
  onClose: () => void;
  onDone: (a: AppealDetail) => void;
  /** transfer_city answers { moved, tenantId }: the appeal has left this tenant (its page would be 404 now). */
  onMoved?: (cityName: string) => void;
}) {
  const me = useMe();
  const [form] = Form.useForm();
  const cityNames = useRef(new Map<string, string>());
  const rememberCities = useCallback((targets: TransferTarget[]) => {
    for (const t of targets) cityNames.current.set(t.id, t.name);
  }, []);
  const [busy, setBusy] = useState(false);
  const onError = useApiError();
  const alsoReply: boolean = Form.useWatch('alsoReply', form) ?? false;
  useEffect(() => {
    if (action) form.resetFields();
  }, [action, form]);
  if (!action) return null;
  const pending = appeal.requests.filter((r) => r.status === 'pending' || r.status === 'pending_coordinator');
  // Issue 17: the step that may be recorded in the same call, as the server judges it (null: not the caller's).
  const together = appeal.actions.find((x) => x.action === action)?.together ?? null;
  const replyReason: string | null | undefined = together?.action === 'reply' ? (together.allowed ? null : together.reason) : undefined;
  const opinionTogether = together?.action === 'opinion' && together.allowed;

  const submit = async () => {
    const v = await form.validateFields();
    const body: Record<string, unknown> = { version: appeal.version };
    switch (action) {
      case 'dispatch':
      case 'transfer':
        body.leadUnitId = v.leadUnitId;
        body.coUnits = ((v.coUnitIds as string[] | undefined) ?? [])
          .filter((u) => u !== v.leadUnitId)
          .map((unitId) => ({ unitId, part: ((v.coParts as Record<string, string> | undefined)?.[unitId] ?? '').trim() }));
        if (action === 'dispatch') Object.assign(body, { note: v.note || null, leadOverrideReason: v.leadOverrideReason || null });
        else body.reason = v.reason;
        break;
      case 'contact':
        Object.assign(body, { method: v.method, withWhom: v.withWhom, note: v.note, at: pickedToIso(v.at) });
        if (v.attachmentIds?.length) body.attachmentIds = v.attachmentIds;
        // Issue 17: an opinion given in the same call is recorded too (its own step, same transaction).
        if (v.opinion?.trim()) body.opinion = v.opinion;
        break;
      case 'submit_part':
        body.text = v.text;
        if (v.attachmentIds?.length) body.attachmentIds = v.attachmentIds;
        break;
      case 'transfer_city':
        Object.assign(body, { tenantId: v.tenantId, reason: v.reason });
        break;
      case 'result':
        Object.assign(body, { kind: v.kind, text: v.text });
        // Issue 17: 同时答复企业 — the reply is recorded in the same transaction (two records).
        if (v.alsoReply) body.replyText = v.replyText;
        break;
      case 'request_extension':
        Object.assign(body, { workdays: v.workdays, reason: v.reason });
        break;
      case 'decide_request':
        Object.assign(body, { requestId: v.requestId, approve: v.approve, comment: v.comment || null });
        break;
      case 'evaluate':
        Object.assign(body, { rating: v.rating, comment: v.comment || null });
        break;
      case 'flag':
        Object.assign(body, {
          isMajor: v.isMajor,
          isSafetyHazard: v.isSafetyHazard,
          lulibanRef: v.lulibanRef || null,
          lulibanDueAt: v.lulibanRef ? (pickedToIso(v.lulibanDueAt) ?? null) : null,
        });
        break;
      case 'resume':
        body.note = v.note || null;
        break;
      case 'accept':
      case 'close_unevaluated':
        break;
      default:
        // text / reason / note forms
        for (const k of ['text', 'reason', 'note']) if (v[k] !== undefined) body[k] = v[k];
    }
    setBusy(true);
    try {
      if (action === 'transfer_city') {
        await transferToCity(appeal.id, body as { version: number; tenantId: string; reason: string });
        onMoved?.(cityNames.current.get(v.tenantId as string) ?? '市应急局');
        return;
      }
      const updated = await act(appeal.id, action, body);
      onDone(updated);
    } catch (err) {
      onError(err, { form, onConflict: onClose });
    } finally {
      setBusy(false);
    }
  };

  const text = (name: string, label: string, placeholder?: string, rows = 4, required = true) => (
    <Form.Item name={name} label={label} rules={required ? [{ required: true, whitespace: true, message: `请填写${label}` }] : []}>
      <Input.TextArea rows={rows} placeholder={placeholder} maxLength={5000} showCount />
    </Form.Item>
  );

  let fields: React.ReactNode = null;
  let hint: React.ReactNode = null;
  switch (action) {
    case 'dispatch':
      fields = (
        <>
          <UnitFields appealId={appeal.id} units={units} withSuggestion channelLeadApplies={appeal.state === 'received'} />
          {text('note', '派单说明', '可选', 2, false)}
        </>
      );
      break;
    case 'transfer':
      fields = (
        <>
          <UnitFields appealId={appeal.id} units={units.filter((u) => u.value !== appeal.leadUnitId)} withSuggestion={false} />
          {text('reason', '转办原因', undefined, 2)}
        </>
      );
      hint = '转办后时限继续计算。';
      break;
    case 'accept':
      hint = '签收后即进入办理，请在时限内联系企业。';
      break;
    case 'return':
      fields = text('reason', '退单原因', '说明不属于本处室职责的理由', 3);
      hint = appeal.returnDueAt ? `须在派单后规定时限内退单（截止 ${formatDeadline(appeal.returnDueAt)}）。` : null;
      break;
    case 'contact':
      fields = (
        <>
          <Form.Item name="method" label="联系方式" initialValue="phone" rules={[{ required: true }]}>
            <Radio.Group options={CONTACT_METHODS.map((m) => ({ value: m, label: CONTACT_METHOD_LABELS[m] }))} />
          </Form.Item>
          <Form.Item
            name="withWhom"
            label="联系对象"
            initialValue={appeal.identityHidden ? undefined : appeal.contactName}
            rules={[{ required: true, whitespace: true, message: '请填写联系对象' }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="at" label="联系时间" extra="不填为当前时间">
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          {text('note', '联系记录', '通话要点、现场情况等', 3)}
          {opinionTogether ? (
            <Form.Item name="opinion" label="初步意见（选填）" extra="联系时已向企业说明初步意见的，在此填写，同时记为「反馈初步意见」。">
              <Input.TextArea rows={3} placeholder="向企业反馈的初步处理意见" maxLength={5000} showCount />
            </Form.Item>
          ) : null}
          <Form.Item name="attachmentIds" label="证据材料" initialValue={[]}>
            <EvidenceUpload appealId={appeal.id} existing={appeal.attachments.length} noteLabel="联系企业证据" />
          </Form.Item>
        </>
      );
      break;
    case 'opinion':
      fields = text('text', '初步意见', '向企业反馈的初步处理意见');
      break;
    case 'submit_part': {
      const mine = appeal.coUnits.find((c) => c.unitId === me.unit?.id);
      fields = (
        <>
          {text('text', '协办意见', '本处室承担部分的办理情况和意见，供主办处室汇总')}
          <Form.Item name="attachmentIds" label="附件" initialValue={[]}>
            <EvidenceUpload appealId={appeal.id} existing={appeal.attachments.length} noteLabel={`协办意见附件（${mine?.unitName ?? me.unit?.name ?? ''}）`} />
          </Form.Item>
        </>
      );
      hint = (
        <>
          协办分工：{mine?.part || '（派单时未写明分工）'}
          {mine?.status === 'submitted' ? <div>本处室已于 {formatDateTime(mine.submittedAt)} 提交，再次提交将替换原意见。</div> : null}
        </>
      );
      break;
    }
    case 'transfer_city':
      fields = (
        <>
          <CityField onLoaded={rememberCities} />
          {text('reason', '转办原因', '如：属地管理，由市应急局办理', 2)}
        </>
      );
      hint = '整件诉求（含时间线、附件）移交该市应急局，由市局重新受理并按其时限办理；省厅在「转市局办理」中查看办理状态（只读）。';
      break;
    case 'result':
      fields = (
        <>
          <Form.Item name="kind" label="办理结果" initialValue="solved" rules={[{ required: true }]}>
            <Radio.Group
              options={RESULT_KINDS.map((k) => ({ value: k, label: RESULT_KIND_LABELS[k] }))}
              style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
            />
          </Form.Item>
          {text('text', '办理情况')}
          {replyReason === undefined ? null : (
            <Form.Item name="alsoReply" valuePropName="checked" initialValue={false} style={{ marginBottom: 8 }} extra={replyReason ?? undefined}>
              <Checkbox disabled={replyReason !== null} data-testid="also-reply">
                同时答复企业
              </Checkbox>
            </Form.Item>
          )}
          {alsoReply ? text('replyText', '答复内容', '企业可见的答复') : null}
        </>
      );
      break;
    case 'reply':
      fields = text('text', '答复内容', '企业可见的答复');
      break;
    case 'request_extension':
      fields = (
        <>
          <Form.Item name="workdays" label="延期工作日数" rules={[{ required: true, message: '请填写延期天数' }]}>
            <InputNumber min={1} max={60} suffix="个工作日" style={{ width: 200 }} />
          </Form.Item>
          {text('reason', '延期原因', undefined, 3)}
        </>
      );
      break;
    case 'request_pause':
      fields = text('reason', '挂起原因', '如等待企业补充材料', 3);
      break;
    case 'decide_request':
      fields = (
        <>
          <Form.Item name="requestId" label="申请" initialValue={pending[0]?.id} rules={[{ required: true, message: '没有待审批的申请' }]}>
            <Select
              options={pending.map((r) => ({
                value: r.id,
                label: `${REQUEST_KIND_LABELS[r.kind as 'extension' | 'pause'] ?? r.kind}${r.workdays ? ` ${r.workdays}个工作日` : ''}（${r.requestedByName}）：${r.reason}`,
              }))}
            />
          </Form.Item>
          <Form.Item name="approve" label="审批意见" initialValue rules={[{ required: true }]}>
            <Radio.Group
              options={[
                { value: true, label: '同意' },
                { value: false, label: '不同意' },
              ]}
            />
          </Form.Item>
          {text('comment', '说明', '可选', 2, false)}
        </>
      );
      break;
    case 'resume':
      fields = text('note', '说明', '可选', 2, false);
      hint = '恢复后，挂起期间的工作日不计入时限。';
      break;
    case 'evaluate':
      fields = (
        <>
          <Form.Item name="rating" label="企业评价" rules={[{ required: true, message: '请选择评价' }]}>
            <Radio.Group options={EVALUATION_RATINGS.map((r) => ({ value: r, label: EVALUATION_RATING_LABELS[r] }))} data-testid="rating" />
          </Form.Item>
          {text('comment', '回访记录', '企业意见', 3, false)}
        </>
      );
      hint = '满意、基本满意即办结；不满意则重办，重新计算“2115”时限。';
      break;
    case 'close_unevaluated':
      hint = '评价期限已满，企业未评价，按“未评价”办结。';
      break;
    case 'urge':
      fields = text('note', '催办内容', '如：请于今日内联系企业', 2);
      break;
    case 'flag':
      fields = (
        <>
          <Form.Item name="isMajor" label="重大涉企事项" valuePropName="checked" initialValue={appeal.isMajor}>
            <Switch />
          </Form.Item>
          <Form.Item name="isSafetyHazard" label="安全隐患（紧急）" valuePropName="checked" initialValue={appeal.isSafetyHazard}>
            <Switch />
          </Form.Item>
          <Form.Item name="lulibanRef" label="鲁力办督办编号" initialValue={appeal.lulibanRef ?? ''}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="lulibanDueAt"
            label="鲁力办办理时限"
            extra="平台要求的时限；清除编号时一并清除"
            initialValue={appeal.lulibanDueAt ? dayjs(appeal.lulibanDueAt).tz(BUSINESS_TZ) : undefined}
          >
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
        </>
      );
      break;
    default:
      break;
  }

  return (
    <Modal
      open
      title={`${APPEAL_ACTION_LABELS[action]} · ${appeal.number}`}
      okText="确定"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      width={600}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {appeal.title}
      </Typography.Paragraph>
      {hint ? <Alert type="info" showIcon title={hint} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" preserve={false}>
        {fields}
      </Form>
    </Modal>
  );
}
