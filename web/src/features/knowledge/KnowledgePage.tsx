// One knowledge article (capability 8, R6.1): question, answer, the policy documents cited, validity,
// the workflow actions the caller may take (the server's table decides), and every saved version.
import { useState } from 'react';
import { App, Button, Card, Descriptions, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { APPEAL_CATEGORY_LABELS } from '../../../../shared/appeals.ts';
import { KNOWLEDGE_ACTION_LABELS, KNOWLEDGE_STATE_LABELS, type KnowledgeAction } from '../../../../shared/knowledge.ts';
import { STAFF_ROUTES, toPath } from '../../routes.ts';
import { formatDateTime } from '../../ui/format.ts';
import { SECTOR_LABELS } from '../../ui/labels.ts';
import { useApiError } from '../../ui/useApiError.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { getKnowledge, knowledgeAction, type KnowledgeView } from './api.ts';
import { STATE_COLORS } from './KnowledgeListPage.tsx';
import { KnowledgeFiles } from './KnowledgeFiles.tsx';

type Act = Exclude<KnowledgeAction, 'edit'>;
const ORDER: Act[] = ['submit', 'approve', 'reject', 'revise', 'withdraw'];

export default function KnowledgePage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const onError = useApiError();
  const { message } = App.useApp();
  const { data, loading, reload } = useFetch((signal) => getKnowledge(id, signal), [id]);
  const [comment, setComment] = useState<{ action: Act; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (a: KnowledgeView, action: Act, text?: string) => {
    setBusy(true);
    try {
      await knowledgeAction(a.id, action, { version: a.version, comment: text || null });
      message.success(`已${KNOWLEDGE_ACTION_LABELS[action]}`);
      setComment(null);
      reload();
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };

  const a = data;
  const allowed = new Set(a?.allowedActions ?? []);
  const primary = ORDER.find((x) => allowed.has(x));
  return (
    <Card
      loading={loading && !a}
      title={a ? a.question : '知识条目'}
      extra={
        a ? (
          <Space wrap>
            <Button
              disabled={!allowed.has('edit')}
              title={allowed.has('edit') ? undefined : '只有草稿可以修改（已发布的请先“修订”）'}
              onClick={() => navigate(toPath(STAFF_ROUTES.knowledgeEdit, { id: a.id }))}
            >
              修改
            </Button>
            {ORDER.filter((x) => allowed.has(x)).map((x) => (
              <Button
                key={x}
                type={x === primary ? 'primary' : 'default'}
                danger={x === 'withdraw'}
                loading={busy}
                onClick={() => (x === 'reject' || x === 'approve' || x === 'withdraw' ? setComment({ action: x, text: '' }) : void run(a, x))}
                data-testid={`knowledge-${x}`}
              >
                {KNOWLEDGE_ACTION_LABELS[x]}
              </Button>
            ))}
          </Space>
        ) : null
      }
    >
      {a ? (
        <>
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label="状态">
              <Space size={4}>
                <Tag color={STATE_COLORS[a.state]}>{KNOWLEDGE_STATE_LABELS[a.state]}</Tag>
                {a.expired ? <Tag color="red">已过有效期，不再推荐</Tag> : null}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label="所属处室">{a.unitName}</Descriptions.Item>
            <Descriptions.Item label="有效期">
              {a.validFrom} 至 {a.validTo ?? '长期'}
            </Descriptions.Item>
            <Descriptions.Item label="版本">
              第{a.revision}版{a.publishedRevision ? `（已发布第${a.publishedRevision}版，${formatDateTime(a.publishedAt)}）` : ''}
            </Descriptions.Item>
            <Descriptions.Item label="行业">{a.sectors.map((s) => SECTOR_LABELS[s as keyof typeof SECTOR_LABELS] ?? s).join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label="诉求类别">
              {a.categories.map((c) => APPEAL_CATEGORY_LABELS[c as keyof typeof APPEAL_CATEGORY_LABELS] ?? c).join('、') || '—'}
            </Descriptions.Item>
            {a.reviewComment ? (
              <Descriptions.Item label="审核意见" span={2}>
                {a.reviewComment}
              </Descriptions.Item>
            ) : null}
            {a.sourceAppealId ? (
              <Descriptions.Item label="来源诉求" span={2}>
                <Link to={toPath(STAFF_ROUTES.appeal, { id: a.sourceAppealId })}>查看诉求</Link>
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            答复
          </Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{a.answer}</Typography.Paragraph>
          <Typography.Title level={5}>政策依据</Typography.Title>
          <Table
            size="small"
            rowKey={(c) => `${c.docNo}-${c.title}`}
            pagination={false}
            dataSource={a.citations}
            locale={{ emptyText: '未引用文件' }}
            columns={[
              {
                title: '文件',
                key: 't',
                render: (_, c) =>
                  c.url ? (
                    <a href={c.url} target="_blank" rel="noreferrer">
                      {c.title || c.docNo}
                    </a>
                  ) : (
                    c.title || c.docNo
                  ),
              },
              { title: '文号', dataIndex: 'docNo', width: 260 },
              { title: '发文机关', dataIndex: 'issuer', width: 220 },
              { title: '发布日期', dataIndex: 'date', width: 120, render: (d: string | null) => d ?? '—' },
            ]}
          />
          <KnowledgeFiles article={a} onChanged={reload} />
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            历史版本
          </Typography.Title>
          <Table
            size="small"
            rowKey="revision"
            pagination={false}
            dataSource={a.versions}
            columns={[
              { title: '版本', dataIndex: 'revision', width: 80, render: (r: number) => `第${r}版` },
              { title: '问题', dataIndex: 'question', ellipsis: true },
              { title: '保存人', dataIndex: 'savedBy', width: 160 },
              { title: '保存时间', dataIndex: 'savedAt', width: 170, render: (t: string) => formatDateTime(t) },
            ]}
            expandable={{ expandedRowRender: (v) => <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{v.answer}</Typography.Paragraph> }}
          />
          <Modal
            open={!!comment}
            title={comment ? KNOWLEDGE_ACTION_LABELS[comment.action] : ''}
            okText="确定"
            confirmLoading={busy}
            onCancel={() => setComment(null)}
            onOk={() => comment && void run(a, comment.action, comment.text)}
            okButtonProps={{ disabled: comment?.action === 'reject' && !comment.text.trim() }}
          >
            <Input.TextArea
              rows={3}
              maxLength={500}
              placeholder={comment?.action === 'reject' ? '请填写退回修改的意见（必填）' : '审核意见（可选）'}
              value={comment?.text}
              onChange={(e) => comment && setComment({ ...comment, text: e.target.value })}
            />
          </Modal>
        </>
      ) : null}
    </Card>
  );
}
