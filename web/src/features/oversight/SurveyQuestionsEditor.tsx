// 满意度调查 (R7.3): the questionnaire of a survey in draft, edited by 机关党委.
import { useState } from 'react';
import { App, Button, Flex, Form, Input, Select, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { QUESTION_KIND_LABELS, type SurveyQuestion } from '../../../../shared/surveys.ts';
import { useApiError } from '../../ui/useApiError.ts';
import { editSurvey, type SurveyView } from './api.ts';

export function QuestionsEditor({ s, onSaved }: { s: SurveyView; onSaved: () => void }) {
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const onError = useApiError();
  const { message } = App.useApp();
  const editable = s.allowedActions.includes('edit');
  if (!editable)
    return (
      <ol data-testid="survey-questions">
        {s.questions.map((q) => (
          <li key={q.key}>
            {q.text}（{QUESTION_KIND_LABELS[q.kind]}
            {q.options ? `：${q.options.join(' / ')}` : ''}）
          </li>
        ))}
      </ol>
    );
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ questions: s.questions.map((q) => ({ ...q, options: (q.options ?? []).join('\n') })) }}
      onFinish={async (v: { questions: { key?: string; kind: SurveyQuestion['kind']; text: string; options?: string; required?: boolean }[] }) => {
        setBusy(true);
        try {
          const questions: SurveyQuestion[] = v.questions.map((q, i) => ({
            key: q.key || `q${i + 1}_${Date.now() % 100000}`,
            kind: q.kind,
            text: q.text,
            required: q.required ?? true,
            ...(q.kind === 'single' || q.kind === 'multiple'
              ? {
                  options: (q.options ?? '')
                    .split('\n')
                    .map((o) => o.trim())
                    .filter(Boolean),
                }
              : {}),
          }));
          await editSurvey(s.id, { version: s.version, questions });
          message.success('问卷已保存');
          onSaved();
        } catch (e) {
          onError(e, { form });
        } finally {
          setBusy(false);
        }
      }}
    >
      <Form.List name="questions">
        {(fields, { add, remove }) => (
          <Flex vertical gap={8}>
            {fields.map((f, i) => (
              <Flex key={f.key} gap={8} align="flex-start">
                <Typography.Text style={{ width: 24, paddingTop: 6 }}>{i + 1}.</Typography.Text>
                <Form.Item name={[f.name, 'key']} hidden>
                  <Input />
                </Form.Item>
                <Form.Item name={[f.name, 'kind']} rules={[{ required: true, message: '请选择题型' }]} style={{ width: 100 }}>
                  <Select options={(['rating', 'single', 'multiple', 'text'] as const).map((k) => ({ value: k, label: QUESTION_KIND_LABELS[k] }))} />
                </Form.Item>
                <Form.Item name={[f.name, 'text']} rules={[{ required: true, message: '请填写题目' }]} style={{ flex: 1 }}>
                  <Input maxLength={300} placeholder="题目" />
                </Form.Item>
                <Form.Item noStyle dependencies={[['questions', f.name, 'kind']]}>
                  {({ getFieldValue }) =>
                    ['single', 'multiple'].includes(getFieldValue(['questions', f.name, 'kind'])) ? (
                      <Form.Item name={[f.name, 'options']} rules={[{ required: true, message: '请填写选项' }]} style={{ width: 220 }}>
                        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} placeholder="选项，每行一个" />
                      </Form.Item>
                    ) : null
                  }
                </Form.Item>
                <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label="删除题目" disabled={fields.length <= 1} />
              </Flex>
            ))}
            <Space>
              <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'rating', text: '', required: true })}>
                增加题目
              </Button>
              <Button type="primary" htmlType="submit" loading={busy}>
                保存问卷
              </Button>
            </Space>
          </Flex>
        )}
      </Form.List>
    </Form>
  );
}
