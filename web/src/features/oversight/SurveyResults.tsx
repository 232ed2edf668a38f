// 满意度调查 (R7.3): the weighted results of a survey — by question, unit, city and stratum, with the
// number behind every figure (units see their own unit's; nobody sees who said what).
import { Descriptions, Empty, Flex, Table, Typography } from 'antd';
import { formatRate } from '../../../../shared/format.ts';
import { QUESTION_KIND_LABELS } from '../../../../shared/surveys.ts';
import { EChart } from '../../ui/EChart.tsx';
import { useFetch } from '../../ui/useFetch.ts';
import { surveyResults, type SurveyView } from './api.ts';

const idx = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(1));

export function Results({ s }: { s: SurveyView }) {
  const { data } = useFetch((signal) => surveyResults(s.id, signal), [s.id, s.responded]);
  if (!data) return null;
  if (data.overall.n === 0) return <Empty description="还没有答卷" />;
  const ratingQs = data.questions.filter((q) => q.kind === 'rating');
  const fig = (key: string) => data.overall.questions.find((x) => x.key === key)!;
  return (
    <Flex vertical gap={16}>
      <Descriptions size="small" column={3} bordered>
        <Descriptions.Item label="满意度指数（加权，0–100）">{idx(data.overall.index)}</Descriptions.Item>
        <Descriptions.Item label="答卷数">{data.overall.n}</Descriptions.Item>
        <Descriptions.Item label="加权方法">按抽样设计加权（各层企业数 ÷ 该层答卷数）</Descriptions.Item>
      </Descriptions>
      <EChart
        label="分题平均分"
        height={260}
        testId="survey-chart-questions"
        option={{
          grid: { left: 200, right: 40, top: 10, bottom: 30 },
          tooltip: { trigger: 'axis' },
          xAxis: { type: 'value', min: 0, max: 5 },
          yAxis: { type: 'category', data: ratingQs.map((q) => (q.text.length > 14 ? `${q.text.slice(0, 14)}…` : q.text)).reverse() },
          series: [
            {
              type: 'bar',
              name: '平均分（1–5）',
              data: ratingQs.map((q) => Number((fig(q.key).mean ?? 0).toFixed(2))).reverse(),
              label: { show: true, position: 'right' },
            },
          ],
        }}
      />
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={data.questions}
        columns={[
          { title: '题目', dataIndex: 'text' },
          { title: '题型', dataIndex: 'kind', width: 64, render: (k: keyof typeof QUESTION_KIND_LABELS) => QUESTION_KIND_LABELS[k] },
          { title: '答题数', width: 80, render: (_: unknown, q) => fig(q.key).n, align: 'right' },
          {
            title: '结果（加权）',
            render: (_: unknown, q) => {
              const f = fig(q.key);
              if (q.kind === 'rating') return `平均 ${f.mean?.toFixed(2) ?? '—'} 分，满意率 ${formatRate(f.satisfied ?? null)}`;
              if (q.kind === 'text') return '文字意见（见导出明细）';
              return (q.options ?? []).map((o, i) => `${o} ${formatRate(f.options?.[i]?.share ?? 0)}（${f.options?.[i]?.n ?? 0}）`).join('；');
            },
          },
        ]}
      />
      {(
        [
          ['各处室', data.byUnit],
          ['各市', data.byCity],
          ['各层', data.byStratum],
        ] as const
      ).map(([title, groups]) =>
        groups.length ? (
          <div key={title}>
            <Typography.Title level={5}>{title}</Typography.Title>
            <Table
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={[...groups]}
              columns={[
                { title: title.slice(1) === '处室' ? '处室' : title === '各市' ? '市' : '层', dataIndex: 'name' },
                { title: '满意度指数', dataIndex: 'index', align: 'right', render: (v: number | null) => idx(v) },
                { title: '答卷数（n）', dataIndex: 'n', align: 'right' },
              ]}
            />
          </div>
        ) : null,
      )}
    </Flex>
  );
}
