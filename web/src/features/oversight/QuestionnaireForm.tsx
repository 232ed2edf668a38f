// The questionnaire as a form (R7.3): rating 1–5, single choice, multiple choice, text. Used by the
// public survey page (/s/:token) and by 机关党委 recording a face-to-face answer.
import { Button, Checkbox, Form, Input, Radio, Space } from 'antd';
import { RATING_LABELS, type SurveyAnswers, type SurveyQuestion } from '../../../../shared/surveys.ts';

export function QuestionnaireForm({
  questions,
  onSubmit,
  submitting,
  submitLabel,
  vertical,
}: {
  questions: SurveyQuestion[];
  onSubmit: (answers: SurveyAnswers) => void;
  submitting: boolean;
  submitLabel: string;
  /** Phone layout: one rating per line. */
  vertical?: boolean;
}) {
  const [form] = Form.useForm<Record<string, unknown>>();
  const finish = (values: Record<string, unknown>) => {
    const answers: SurveyAnswers = {};
    for (const q of questions) {
      const v = values[q.key];
      if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
      answers[q.key] = v as SurveyAnswers[string];
    }
    onSubmit(answers);
  };
  return (
    <Form form={form} layout="vertical" onFinish={finish} data-testid="questionnaire">
      {questions.map((q, i) => (
        <Form.Item
          key={q.key}
          name={q.key}
          label={`${i + 1}. ${q.text}${q.kind === 'multiple' ? '（可多选）' : ''}`}
          rules={q.required ? [{ required: true, message: '请回答这道题' }] : []}
        >
          {q.kind === 'rating' ? (
            <Radio.Group data-testid={`q-${q.key}`}>
              <Space direction={vertical ? 'vertical' : 'horizontal'} wrap>
                {RATING_LABELS.map((l, k) => (
                  <Radio key={l} value={k + 1}>
                    {l}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          ) : q.kind === 'single' ? (
            <Radio.Group data-testid={`q-${q.key}`}>
              <Space direction={vertical ? 'vertical' : 'horizontal'} wrap>
                {(q.options ?? []).map((o, k) => (
                  <Radio key={o} value={k}>
                    {o}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          ) : q.kind === 'multiple' ? (
            <Checkbox.Group data-testid={`q-${q.key}`} options={(q.options ?? []).map((o, k) => ({ label: o, value: k }))} />
          ) : (
            <Input.TextArea rows={3} maxLength={2000} showCount data-testid={`q-${q.key}`} />
          )}
        </Form.Item>
      ))}
      <Button type="primary" htmlType="submit" loading={submitting} block={vertical} data-testid="questionnaire-submit">
        {submitLabel}
      </Button>
    </Form>
  );
}
