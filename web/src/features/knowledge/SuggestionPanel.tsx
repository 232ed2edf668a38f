// Capability 8 (R6.1) beside the intake form: while the clerk types, the 5 most similar past appeals
// of the tenant (closed ones with their reply and evaluation first), the best knowledge answers, and
// the repeat warning (重复诉求) when the enterprise raised a similar matter within the tenant's window.
// "使用此答复" puts the answer into the on-the-spot answer for the clerk to edit.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { CLOSE_REASON_LABELS, EVALUATION_RATING_LABELS } from '../../../../shared/appeals.ts';
import { formatDate } from '../../ui/format.ts';
import { STAFF_ROUTES, toPath } from '../../routes.ts';
import { APPEAL_STATE_LABELS } from '../appeals/labels.ts';
import { AnswerText } from './AnswerCard.tsx';
import { suggestions, type Suggestions } from './api.ts';

const MIN_CHARS = 6;

export function SuggestionPanel(props: {
  title: string;
  content: string;
  enterpriseId?: string | null;
  enterpriseUscc?: string | null;
  onUse: (answer: string) => void;
}) {
  const { title, content, enterpriseId, enterpriseUscc, onUse } = props;
  const [data, setData] = useState<Suggestions | null>(null);
  const [loading, setLoading] = useState(false);
  const enough = `${title}${content}`.trim().length >= MIN_CHARS;

  useEffect(() => {
    if (!enough) {
      setData(null);
      return;
    }
    let live = true;
    // Asked 0.5 s after the clerk stops typing.
    const t = setTimeout(() => {
      setLoading(true);
      suggestions({ title, content, enterpriseId: enterpriseId ?? null, enterpriseUscc: enterpriseUscc || null })
        .then((d) => live && setData(d))
        .catch(() => live && setData(null))
        .finally(() => live && setLoading(false));
    }, 500);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [title, content, enterpriseId, enterpriseUscc, enough]);

  return (
    <Card size="small" title="答复参考" loading={loading && !data} data-testid="suggestion-panel">
      {!enough ? (
        <Typography.Text type="secondary">填写诉求标题和内容后，这里显示相似的历史诉求和政策知识库答复。</Typography.Text>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }} size={12}>
          {data?.repeat ? (
            <Alert
              type="warning"
              showIcon
              data-testid="repeat-warning"
              title={`重复诉求：该企业 ${formatDate(data.repeat.receivedAt)} 反映过相似诉求`}
              description={
                <>
                  <Link to={toPath(STAFF_ROUTES.appeal, { id: data.repeat.id })} target="_blank">
                    {data.repeat.number}「{data.repeat.title}」
                  </Link>
                  ，保存后记为第{data.repeat.repeatCount}次重复反映。
                </>
              }
            />
          ) : null}
          <div>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              政策知识库
            </Typography.Title>
            {data?.answers.length ? (
              <List
                size="small"
                dataSource={data.answers}
                renderItem={(a) => (
                  <List.Item style={{ display: 'block', paddingInline: 0 }}>
                    <AnswerText a={a} rows={3} />
                    <div>
                      <Button size="small" type="link" style={{ paddingInline: 0 }} onClick={() => onUse(a.answer)}>
                        使用此答复
                      </Button>
                    </div>
                  </List.Item>
                )}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无匹配的已发布答复" />
            )}
          </div>
          <div>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              相似历史诉求
            </Typography.Title>
            {data?.similar.length ? (
              <List
                size="small"
                dataSource={data.similar}
                data-testid="similar-list"
                renderItem={(s) => (
                  <List.Item style={{ display: 'block', paddingInline: 0 }}>
                    <div style={{ minWidth: 0 }}>
                      <Space size={4} wrap>
                        <Link to={toPath(STAFF_ROUTES.appeal, { id: s.id })} target="_blank">
                          {s.title}
                        </Link>
                        <Tag>{APPEAL_STATE_LABELS[s.state as keyof typeof APPEAL_STATE_LABELS] ?? ''}</Tag>
                        {s.evaluation ? <Tag color="green">{EVALUATION_RATING_LABELS[s.evaluation as keyof typeof EVALUATION_RATING_LABELS]}</Tag> : null}
                        {s.closeReason === 'answered_on_spot' ? <Tag color="blue">{CLOSE_REASON_LABELS.answered_on_spot}</Tag> : null}
                      </Space>
                      <div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {s.number}　{s.enterpriseName}　{formatDate(s.receivedAt)}
                        </Typography.Text>
                      </div>
                      {s.replyText ? (
                        <Typography.Paragraph ellipsis={{ rows: 3, expandable: true, symbol: '展开' }} style={{ marginBottom: 0 }}>
                          答复：{s.replyText}
                        </Typography.Paragraph>
                      ) : null}
                      {s.replyText ? (
                        <Button size="small" type="link" style={{ paddingInline: 0 }} onClick={() => onUse(s.replyText ?? '')}>
                          使用此答复
                        </Button>
                      ) : null}
                    </div>
                  </List.Item>
                )}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无相似诉求" />
            )}
          </div>
        </Space>
      )}
    </Card>
  );
}
