// 政策知识库 (capability 8, R6.1): the tenant's articles, searched in Chinese (jieba words), by state.
// Units keep their own articles; the unit head reviews before publication.
import { useState } from 'react';
import { Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { KNOWLEDGE_STATES, KNOWLEDGE_STATE_LABELS, type KnowledgeState } from '../../../../shared/knowledge.ts';
import { useSession } from '../../auth/session.ts';
import { STAFF_ROUTES, toPath } from '../../routes.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { listKnowledge, type KnowledgeSummary } from './api.ts';

export const STATE_COLORS: Record<KnowledgeState, string> = { draft: 'default', in_review: 'orange', published: 'green', withdrawn: 'red' };
const WRITERS = ['unit_staff', 'liaison', 'unit_head'];

export default function KnowledgeListPage() {
  const navigate = useNavigate();
  const { user } = useSession();
  const [q, setQ] = useState('');
  const [state, setState] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const { data, loading } = useFetch((signal) => listKnowledge({ q: q || undefined, state, page, pageSize: 20 }, signal), [q, state, page]);
  const canWrite = !!user?.unit && !!user.roles.some((r) => WRITERS.includes(r));

  return (
    <Card
      title="政策知识库"
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          disabled={!canWrite}
          title={canWrite ? undefined : '只有处室工作人员可以编写知识条目'}
          onClick={() => navigate(STAFF_ROUTES.knowledgeNew)}
        >
          新建知识条目
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder="输入关键词，如：许可证延续、隐患排查"
          style={{ width: 320 }}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          data-testid="knowledge-search"
        />
        <Select
          allowClear
          placeholder="全部状态"
          aria-label="状态"
          style={{ width: 140 }}
          value={state}
          onChange={(v) => {
            setState(v);
            setPage(1);
          }}
          options={KNOWLEDGE_STATES.map((s) => ({ value: s, label: KNOWLEDGE_STATE_LABELS[s] }))}
        />
      </Space>
      <Table<KnowledgeSummary>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          {
            title: '问题',
            dataIndex: 'question',
            render: (t: string, r) => (
              <div style={{ minWidth: 0 }}>
                <Link to={toPath(STAFF_ROUTES.knowledgeArticle, { id: r.id })}>{t}</Link>
                <Typography.Paragraph type="secondary" ellipsis={{ rows: 1 }} style={{ marginBottom: 0, fontSize: 12 }}>
                  {r.answer}
                </Typography.Paragraph>
              </div>
            ),
          },
          { title: '所属处室', dataIndex: 'unitName', width: 200, ellipsis: true },
          {
            title: '状态',
            key: 'state',
            width: 130,
            render: (_, r) => (
              <Space size={4}>
                <Tag color={STATE_COLORS[r.state]}>{KNOWLEDGE_STATE_LABELS[r.state]}</Tag>
                {r.expired ? <Tag color="red">已过期</Tag> : null}
              </Space>
            ),
          },
          { title: '有效期', key: 'valid', width: 210, render: (_, r) => `${r.validFrom} 至 ${r.validTo ?? '长期'}` },
        ]}
      />
    </Card>
  );
}
