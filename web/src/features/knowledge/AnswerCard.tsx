// One knowledge answer as the suggestion panels show it (intake and the portal's submit form).
import { Typography } from 'antd';
import type { KnowledgeAnswer } from './api.ts';

export function AnswerText({ a, rows = 4 }: { a: KnowledgeAnswer; rows?: number }) {
  return (
    <>
      <Typography.Text strong>{a.question}</Typography.Text>
      <Typography.Paragraph ellipsis={{ rows, expandable: true, symbol: '展开' }} style={{ marginBottom: 4 }}>
        {a.answer}
      </Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {a.unitName}
        {a.citations.length ? `　依据：${a.citations.map((c) => `${c.title ? `《${c.title}》` : ''}${c.docNo}`).join('；')}` : ''}
      </Typography.Text>
    </>
  );
}
