// The fields of a policy draft (R2.5: drafting unit, text, the research it rests on), shared by
// 登记政策草案 and 修改政策草案.
import { Form, Input, Select } from 'antd';
import { useFetch } from '../../ui/useFetch.ts';
import { useUnits } from '../organisation/useUnits.ts';
import { listResearch } from '../research/api.ts';

export function PolicyDraftFields() {
  const { options: unitOptions } = useUnits();
  const research = useFetch((signal) => listResearch(signal), []);
  return (
    <>
      <Form.Item name="title" label="政策名称" rules={[{ required: true, whitespace: true, message: '请填写政策名称' }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="draftingUnitId" label="起草处室" rules={[{ required: true, message: '请选择起草处室' }]}>
        <Select options={unitOptions} optionFilterProp="label" showSearch />
      </Form.Item>
      <Form.Item name="body" label="草案文本" rules={[{ required: true, whitespace: true, message: '请填写草案文本' }]}>
        <Input.TextArea rows={6} maxLength={50000} />
      </Form.Item>
      <Form.Item name="researchTaskIds" label="所依据的调研（出台前至少一项，R2.5）">
        <Select
          mode="multiple"
          loading={research.loading}
          options={(research.data?.items ?? []).map((t) => ({ value: t.id, label: t.title }))}
          optionFilterProp="label"
        />
      </Form.Item>
    </>
  );
}

/** The form's values → the request body's draft fields. */
export function draftPayload(v: Record<string, unknown>) {
  return {
    title: v.title as string,
    draftingUnitId: v.draftingUnitId as string,
    body: v.body as string,
    researchTaskIds: (v.researchTaskIds as string[] | undefined) ?? [],
  };
}
