// Capability 8 on the dashboard: 诉求热点 — the words and categories rising this week / in the last 30
// days against the four periods before (log-likelihood ratio G²), by sector and (province) city, with
// the appeals behind each topic; "转为调研课题" creates a research task of the chosen unit.
import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Modal, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../../auth/session.ts';
import { STAFF_ROUTES, toPath } from '../../routes.ts';
import { formatDate } from '../../ui/format.ts';
import { SECTOR_LABELS } from '../../ui/labels.ts';
import { useApiError } from '../../ui/useApiError.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { useUnits } from '../organisation/useUnits.ts';
import { hotTopicToResearch, hotTopics, type HotTopic } from './api.ts';

const RESEARCH_ROLES = ['unit_staff', 'liaison', 'unit_head', 'coordinator'];

export function HotTopicsPanel({ cities }: { cities: { tenantId: string; name: string }[] | null }) {
  const { user } = useSession();
  const navigate = useNavigate();
  const onError = useApiError();
  const { message } = App.useApp();
  const [period, setPeriod] = useState<'week' | 'month'>('month');
  const [sector, setSector] = useState<string | undefined>();
  const [cityId, setCityId] = useState<string | undefined>();
  const [topic, setTopic] = useState<HotTopic | null>(null);
  const [unitId, setUnitId] = useState<string | undefined>(user?.unit?.id);
  const [busy, setBusy] = useState(false);
  const { data, loading } = useFetch((signal) => hotTopics({ period, sector, cityId }, signal), [period, sector, cityId]);
  const canResearch = !!user?.roles.some((r) => RESEARCH_ROLES.includes(r)) && !cityId;
  const isCoordinator = !!user?.roles.includes('coordinator');
  const { options: unitOptions } = useUnits(false, true);

  const toResearch = async () => {
    if (!topic || !unitId) return;
    setBusy(true);
    try {
      const t = await hotTopicToResearch({ keyword: topic.key, period, unitId });
      message.success('已创建调研任务');
      navigate(toPath(STAFF_ROUTES.researchTask, { id: t.id }));
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };

  const columns = (words: boolean) => [
    // Short headers under a group, so that the category table keeps its labels on one line in its third
    // of the dashboard's width at 1366×768 (本期件数 / 基线件数 / 上升倍数 wrapped there).
    { title: words ? '关键词' : '类别', dataIndex: 'key', width: 96, render: (k: string) => <Tag color={words ? 'volcano' : 'blue'}>{k}</Tag> },
    {
      title: '件数',
      children: [
        { title: '本期', dataIndex: 'count', width: 64 },
        { title: '基线', dataIndex: 'baseline', width: 64 },
      ],
    },
    { title: '上升', dataIndex: 'ratio', width: 72, render: (r: number | null) => (r === null ? '新出现' : `${r} 倍`) },
    { title: 'G²', dataIndex: 'g2', width: 56 },
    ...(words
      ? [
          {
            title: '',
            key: 'act',
            width: 130,
            render: (_: unknown, t: HotTopic) => (
              <Button
                size="small"
                disabled={!canResearch}
                title={canResearch ? undefined : cityId ? '地市的热点由地市自行立项' : '只有处室或政策法规处可以立项调研'}
                onClick={() => setTopic(t)}
              >
                转为调研课题
              </Button>
            ),
          },
        ]
      : []),
  ];
  const expandable = {
    expandedRowRender: (t: HotTopic) => (
      <Space direction="vertical" size={4} style={{ width: '100%' }}>
        {t.appeals.map((a) => (
          <div key={a.id}>
            <Link to={toPath(STAFF_ROUTES.appeal, { id: a.id })}>{a.title}</Link>
            <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 8 }}>
              {a.number}　{formatDate(a.receivedAt)}
            </Typography.Text>
          </div>
        ))}
        {t.byCity.length ? <Typography.Text type="secondary">各市：{t.byCity.map((c) => `${c.name} ${c.count}件`).join('、')}</Typography.Text> : null}
        {!t.appeals.length && !t.byCity.length ? <Typography.Text type="secondary">无</Typography.Text> : null}
      </Space>
    ),
  };

  return (
    <Card
      size="small"
      data-testid="hot-topics"
      title={
        <Space>
          诉求热点
          {data ? (
            <Tooltip title={data.statistic}>
              <QuestionCircleOutlined />
            </Tooltip>
          ) : null}
        </Space>
      }
      extra={
        <Space wrap>
          <Segmented
            size="small"
            value={period}
            onChange={(v) => setPeriod(v as 'week' | 'month')}
            options={[
              { value: 'week', label: '近7天' },
              { value: 'month', label: '近30天' },
            ]}
          />
          <Select
            size="small"
            allowClear
            placeholder="全部行业"
            aria-label="行业"
            style={{ width: 120 }}
            value={sector}
            onChange={setSector}
            options={Object.entries(SECTOR_LABELS).map(([value, label]) => ({ value, label }))}
          />
          {cities?.length ? (
            <Select
              size="small"
              allowClear
              placeholder="全省（含各市）"
              aria-label="地区"
              style={{ width: 150 }}
              value={cityId}
              onChange={setCityId}
              options={cities.map((c) => ({ value: c.tenantId, label: c.name }))}
            />
          ) : null}
        </Space>
      }
    >
      {data ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          本期 {formatDate(data.from)} 至 {formatDate(data.to)}，{data.n} 件；基线 {formatDate(data.baselineFrom)} 起，{data.baselineN} 件。
        </Typography.Paragraph>
      ) : null}
      {data && !data.words.length && !data.categories.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本期没有明显上升的话题" />
      ) : (
        <Flex gap={12} wrap>
          <div style={{ flex: '2 1 560px', minWidth: 0 }}>
            <Table<HotTopic>
              size="small"
              rowKey="key"
              loading={loading}
              pagination={false}
              dataSource={data?.words ?? []}
              columns={columns(true)}
              expandable={expandable}
            />
          </div>
          <div style={{ flex: '1 1 360px', minWidth: 0 }}>
            <Table<HotTopic>
              size="small"
              rowKey="key"
              loading={loading}
              pagination={false}
              dataSource={data?.categories ?? []}
              columns={columns(false)}
              expandable={expandable}
            />
          </div>
        </Flex>
      )}
      <Modal
        title={topic ? `将「${topic.key}」转为调研课题` : ''}
        open={!!topic}
        onCancel={() => setTopic(null)}
        onOk={() => void toResearch()}
        okText="创建调研任务"
        confirmLoading={busy}
        okButtonProps={{ disabled: !unitId }}
      >
        <Typography.Paragraph>创建“痛点难点”专题调研任务，为期60天，本期反映该问题的名录企业一并列入调研对象，创建后可在调研任务中修改。</Typography.Paragraph>
        <Select
          style={{ width: '100%' }}
          placeholder="组织处室"
          aria-label="组织处室"
          value={unitId}
          onChange={setUnitId}
          disabled={!isCoordinator}
          options={isCoordinator ? unitOptions : user?.unit ? [{ value: user.unit.id, label: user.unit.name }] : []}
        />
      </Modal>
    </Card>
  );
}
