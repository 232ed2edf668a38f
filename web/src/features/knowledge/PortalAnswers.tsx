// Capability 8 (R6.1) on the portal's submit form: the published policy answers matching what the
// enterprise typed, shown before it submits (it still may).
import { useEffect, useState } from 'react';
import { Alert, List } from 'antd';
import { AnswerText } from './AnswerCard.tsx';
import { portalAnswers, type KnowledgeAnswer } from './api.ts';

export function PortalAnswers({ title, content }: { title: string; content: string }) {
  const [answers, setAnswers] = useState<KnowledgeAnswer[]>([]);
  const enough = `${title}${content}`.trim().length >= 6;
  useEffect(() => {
    if (!enough) {
      setAnswers([]);
      return;
    }
    let live = true;
    const t = setTimeout(() => {
      portalAnswers({ title, content })
        .then((d) => live && setAnswers(d.answers))
        .catch(() => live && setAnswers([]));
    }, 600);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [title, content, enough]);
  if (!answers.length) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="portal-answers"
      title="以下政策解答可能与您的问题有关（仍可继续提交诉求）"
      description={
        <List
          size="small"
          dataSource={answers}
          renderItem={(a) => (
            <List.Item style={{ display: 'block', paddingInline: 0 }}>
              <AnswerText a={a} rows={3} />
            </List.Item>
          )}
        />
      }
    />
  );
}
