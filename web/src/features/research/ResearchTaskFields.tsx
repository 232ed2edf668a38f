// The fields of a research task (R2.1 topic, R2.3 organising unit, form and the inspection it joins,
// the leaders taking part, the period), shared by 登记调研任务 and 修改调研任务.
import { DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { RESEARCH_FORM_LABELS, RESEARCH_FORMS, RESEARCH_TOPIC_LABELS, RESEARCH_TOPICS } from '../../../../shared/research.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { listLeaders } from '../organisation/api.ts';
import { useUnits } from '../organisation/useUnits.ts';
import type { ResearchView, TaskInput } from './api.ts';

export type TaskFields = Omit<TaskInput, 'enterpriseIds'>;

export function ResearchTaskFields() {
  const { options: unitOptions } = useUnits();
  const leaders = useFetch((signal) => listLeaders(signal), []);
  return (
    <>
      <Form.Item name="topic" label="调研专题（R2.1）" rules={[{ required: true, message: '请选择调研专题' }]}>
        <Select options={RESEARCH_TOPICS.map((t) => ({ value: t, label: RESEARCH_TOPIC_LABELS[t] }))} />
      </Form.Item>
      <Form.Item name="title" label="调研题目" rules={[{ required: true, whitespace: true, message: '请填写调研题目' }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="unitId" label="组织处室（R2.3）" rules={[{ required: true, message: '请选择组织处室' }]}>
        <Select options={unitOptions} optionFilterProp="label" showSearch />
      </Form.Item>
      <Form.Item name="leaderIds" label="参加调研的领导">
        <Select
          mode="multiple"
          loading={leaders.loading}
          options={(leaders.data?.items ?? []).map((l) => ({ value: l.id, label: `${l.name}（${l.title}）` }))}
        />
      </Form.Item>
      <Form.Item name="form" label="调研形式（R2.3）" rules={[{ required: true, message: '请选择调研形式' }]}>
        <Select options={RESEARCH_FORMS.map((f) => ({ value: f, label: RESEARCH_FORM_LABELS[f] }))} />
      </Form.Item>
      <Form.Item name="inspectionRef" label="结合的督导检查（结合检查时必填）">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="period" label="调研期间" rules={[{ required: true, message: '请选择调研期间' }]}>
        <DatePicker.RangePicker />
      </Form.Item>
    </>
  );
}

/** The form's values → the request body's task fields. */
export function taskFieldsPayload(v: Record<string, unknown>): TaskFields {
  const [from, to] = v.period as [Dayjs, Dayjs];
  return {
    topic: v.topic as string,
    title: v.title as string,
    unitId: v.unitId as string,
    leaderIds: (v.leaderIds as string[] | undefined) ?? [],
    form: v.form as string,
    inspectionRef: (v.inspectionRef as string | undefined) || null,
    periodFrom: from.format('YYYY-MM-DD'),
    periodTo: to.format('YYYY-MM-DD'),
  };
}

/** A task → the form's values (修改调研任务 starts from what is recorded). */
export function taskFieldsValues(t: ResearchView) {
  return {
    topic: t.topic,
    title: t.title,
    unitId: t.unitId,
    leaderIds: t.leaders.map((l) => l.id),
    form: t.form,
    inspectionRef: t.inspectionRef,
    period: [dayjs(t.periodFrom), dayjs(t.periodTo)],
  };
}
