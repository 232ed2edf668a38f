// The fields of a field record (现场记录), shared by 记录走访 / 新增现场记录 (VisitFormPage) and a research
// task's 登记走访 (R2.4): date and form, who went, what was heard (R1.8; research too), the kind's own
// fields (R4.1 rating, R4.3 statement, R4.* reference), R7.1 findings and at least one follow-up with an
// owner and a due date, and the appeals raised on site. Lives inside the caller's <Form>.
import { useMemo } from 'react';
import { Button, Card, Checkbox, DatePicker, Form, Input, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { APPEAL_CATEGORIES, APPEAL_CATEGORY_LABELS } from '../../../../shared/appeals.ts';
import { SERVICE_RATING_LABELS, SERVICE_RATINGS, VISIT_FORM_LABELS, VISIT_FORMS, type FieldKind } from '../../../../shared/contacts.ts';
import { useMe } from '../../auth/session.ts';
import { listLeaders } from '../organisation/api.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { people, type RecordInput } from './api.ts';

const day = (d: Dayjs | undefined) => (d ? d.format('YYYY-MM-DD') : '');

/** The form's initial values of the shared fields (today, on site, one follow-up of the user's own in 30 days). */
export function recordDefaults(meId: string) {
  return { form: 'on_site', visitedOn: dayjs(), followUps: [{ ownerUserId: meId, dueOn: dayjs().add(30, 'day') }] };
}

/** The request body's shared fields from the form's values. */
export function recordPayload(v: Record<string, unknown>): Omit<RecordInput, 'kind' | 'pointId' | 'enterpriseId' | 'unitId'> {
  return {
    visitedOn: day(v.visitedOn as Dayjs | undefined),
    form: v.form as RecordInput['form'],
    leaderIds: (v.leaderIds as string[] | undefined) ?? [],
    staffNames: (v.staffNames as string | undefined) ?? '',
    policies: (v.policies as string | undefined) ?? '',
    difficulties: (v.difficulties as string | undefined) ?? '',
    suggestions: (v.suggestions as string | undefined) ?? '',
    findings: (v.findings as string | undefined) ?? '',
    followUps: ((v.followUps as { description: string; ownerUserId: string; dueOn: Dayjs }[] | undefined) ?? []).map((f) => ({
      description: f.description,
      ownerUserId: f.ownerUserId,
      dueOn: day(f.dueOn),
    })),
    appeals: ((v.appeals as Record<string, unknown>[] | undefined) ?? []).map((a) => ({ ...a, ownBusiness: Boolean(a.ownBusiness) })) as RecordInput['appeals'],
  };
}

/** The kind-specific fields (R4.*) go into the body only where the kind has them. */
export function kindPayload(v: Record<string, unknown>) {
  return {
    reference: (v.reference as string | undefined) || null,
    serviceRating: (v.serviceRating as RecordInput['serviceRating']) ?? null,
    serviceComment: (v.serviceComment as string | undefined) || null,
    statement: (v.statement as string | undefined) || null,
  };
}

export function FieldRecordFields({ kind }: { kind: FieldKind }) {
  const me = useMe();
  const staff = useFetch((s) => people(s), []);
  const leaders = useFetch((s) => listLeaders(s), []);
  const ownerOptions = useMemo(() => (staff.data?.items ?? []).map((p) => ({ value: p.id, label: p.name })), [staff.data]);
  const leaderOptions = useMemo(() => (leaders.data?.items ?? []).filter((l) => !l.archived).map((l) => ({ value: l.id, label: l.name })), [leaders.data]);
  const heard = kind === 'visit' || kind === 'research';
  return (
    <>
      <Space wrap style={{ width: '100%' }} size={12}>
        <Form.Item name="visitedOn" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} inputReadOnly />
        </Form.Item>
        <Form.Item name="form" label="形式">
          <Select style={{ width: 160 }} options={VISIT_FORMS.map((f) => ({ value: f, label: VISIT_FORM_LABELS[f] }))} />
        </Form.Item>
      </Space>
      <Form.Item name="leaderIds" label="参加的厅领导">
        <Select mode="multiple" allowClear options={leaderOptions} placeholder="无则不选" />
      </Form.Item>
      <Form.Item name="staffNames" label="参加人员">
        <Input maxLength={200} placeholder="如：张三、李四" />
      </Form.Item>
      {!heard ? (
        <Form.Item
          name="reference"
          label={kind === 'licensing_check' ? '许可事项或受理编号' : '案件或检查编号'}
          rules={[{ required: true, message: '请填写编号' }]}
        >
          <Input maxLength={100} />
        </Form.Item>
      ) : null}
      {heard ? (
        <>
          <Form.Item name="policies" label="宣讲的法规政策">
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
          </Form.Item>
          <Form.Item name="difficulties" label="了解到的困难">
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
          </Form.Item>
          <Form.Item name="suggestions" label="听取的意见建议">
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
          </Form.Item>
        </>
      ) : null}
      {kind === 'licensing_check' ? (
        <>
          <Form.Item name="serviceRating" label="企业对许可服务的评价" rules={[{ required: true, message: '请记录企业的评价' }]}>
            <Select options={SERVICE_RATINGS.map((r) => ({ value: r, label: SERVICE_RATING_LABELS[r] }))} />
          </Form.Item>
          <Form.Item name="serviceComment" label="企业意见">
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
          </Form.Item>
        </>
      ) : null}
      {kind === 'enforcement' || kind === 'complaint_verification' ? (
        <Form.Item name="statement" label="企业的陈述、申辩" rules={[{ required: true, message: '请记录企业的陈述、申辩' }]}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={4000} />
        </Form.Item>
      ) : null}
      <Form.Item
        name="findings"
        label="发现的问题和情况"
        extra="不搞形式主义：写明发现了什么（R7.1）"
        rules={[{ required: true, whitespace: true, message: '请写明发现的问题或了解到的情况，不能只记过程' }]}
      >
        <Input.TextArea autoSize={{ minRows: 3 }} maxLength={4000} data-testid="findings" />
      </Form.Item>

      <Typography.Title level={5}>后续措施</Typography.Title>
      <Form.List
        name="followUps"
        rules={[{ validator: async (_, v) => (v?.length ? undefined : Promise.reject(new Error('请至少填写一项后续措施（责任人、完成时限）'))) }]}
      >
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((f) => (
              <Card
                key={f.key}
                size="small"
                style={{ marginBottom: 8 }}
                extra={<Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="删除" />}
              >
                <Form.Item name={[f.name, 'description']} label="措施" rules={[{ required: true, message: '请填写措施' }]}>
                  <Input.TextArea autoSize={{ minRows: 1 }} maxLength={500} data-testid="follow-up-description" />
                </Form.Item>
                <Space wrap size={12}>
                  <Form.Item name={[f.name, 'ownerUserId']} label="责任人" rules={[{ required: true, message: '请选择责任人' }]}>
                    <Select style={{ width: 160 }} showSearch={{ optionFilterProp: 'label' }} options={ownerOptions} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'dueOn']} label="完成时限" rules={[{ required: true, message: '请选择完成时限' }]}>
                    <DatePicker inputReadOnly />
                  </Form.Item>
                </Space>
              </Card>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ ownerUserId: me.id, dueOn: dayjs().add(30, 'day') })} block>
              添加后续措施
            </Button>
            <Form.ErrorList errors={errors} />
          </>
        )}
      </Form.List>

      <Typography.Title level={5} style={{ marginTop: 16 }}>
        企业现场提出的诉求
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        保存后自动转入诉求办理（渠道：{kind === 'licensing_check' ? '许可核查' : heard ? '调研走访' : '执法检查'}
        ），属本处室业务的可直接由本处室办理。
      </Typography.Paragraph>
      <Form.List name="appeals">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Card
                key={f.key}
                size="small"
                style={{ marginBottom: 8 }}
                extra={<Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="删除" />}
              >
                <Form.Item name={[f.name, 'category']} label="类别" rules={[{ required: true, message: '请选择类别' }]}>
                  <Select options={APPEAL_CATEGORIES.map((c) => ({ value: c, label: APPEAL_CATEGORY_LABELS[c] }))} />
                </Form.Item>
                <Form.Item name={[f.name, 'title']} label="诉求标题" rules={[{ required: true, message: '请填写标题' }]}>
                  <Input maxLength={200} data-testid="appeal-title" />
                </Form.Item>
                <Form.Item name={[f.name, 'content']} label="诉求内容" rules={[{ required: true, message: '请填写内容' }]}>
                  <Input.TextArea autoSize={{ minRows: 2 }} maxLength={5000} data-testid="appeal-content" />
                </Form.Item>
                <Space wrap size={12}>
                  <Form.Item name={[f.name, 'contactName']} label="企业联系人" rules={[{ required: true, message: '请填写联系人' }]}>
                    <Input maxLength={50} style={{ width: 140 }} data-testid="appeal-contact" />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'contactPhone']}
                    label="联系电话"
                    rules={[
                      { required: true, message: '请填写电话' },
                      { pattern: /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/, message: '电话号码格式不正确（手机11位或固定电话）' },
                    ]}
                  >
                    <Input maxLength={20} inputMode="tel" style={{ width: 160 }} data-testid="appeal-phone" />
                  </Form.Item>
                </Space>
                <Form.Item name={[f.name, 'ownBusiness']} valuePropName="checked" style={{ marginBottom: 0 }}>
                  <Checkbox>属本处室业务，由本处室直接办理</Checkbox>
                </Form.Item>
              </Card>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ category: 'policy' })} block data-testid="add-appeal">
              添加诉求
            </Button>
          </>
        )}
      </Form.List>
    </>
  );
}
