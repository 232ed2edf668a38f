// 年度考核 (R8.1): each unit's (and, for the province, each city's) 2115 on-time rates, 三率, survey
// index, supervision items, 通报/约谈/表扬 and the score with the tenant's weights. Every figure shows
// what it rests on (hover: numerator/denominator, answers; the supervision counts open the items).
// Contact-point (R1.4, R1.8) and research (R2.4) quotas are shown beside the score (not scored); a unit
// that carries none, and the cities (their records stay theirs), show 未接入. A unit's rates open the
// appeals behind them in a drawer (issue 16 drill-down: GET /api/assessment/appeals).
import { useState } from 'react';
import { Descriptions, Select, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import type { AssessmentMeasure, AssessmentRow } from '../../../../shared/api/assessment.ts';
import { FIGURES } from '../../../../shared/figures.ts';
import { formatDateTime, formatRate } from '../../../../shared/format.ts';
import { STAFF_ROUTES } from '../../routes.ts';
import { columnsWidth } from '../../ui/columns.ts';
import { PageCard } from '../../ui/PageCard.tsx';
import { ScrollRegion } from '../../ui/ScrollRegion.tsx';
import { useFetch } from '../../ui/useFetch.ts';
import { getAssessment } from './api.ts';
import { AssessmentAppealsDrawer } from './AssessmentAppealsDrawer.tsx';

type Ratio = AssessmentRow['responseRate'];

/** A rate with what it rests on; where `open` is given (a unit's row) a click lists the appeals behind it. */
const ratio = (r: Ratio, explain: string, open?: () => void) => (
  <Tooltip title={`${explain}（${r.numerator} / ${r.denominator}）${open && r.denominator > 0 ? '，点击查看诉求' : ''}`}>
    {open && r.denominator > 0 ? (
      <Typography.Link onClick={open} data-testid="assessment-rate">
        {formatRate(r.value)}
      </Typography.Link>
    ) : (
      <span>{formatRate(r.value)}</span>
    )}
  </Tooltip>
);

function columns<T extends AssessmentRow>(
  first: { title: string; render: (r: T) => React.ReactNode },
  year: number,
  drill: ((r: T) => string) | null,
  openAppeals: ((r: T, m: AssessmentMeasure) => void) | null = null,
) {
  const rate = (key: keyof typeof FIGURES & keyof T, m: AssessmentMeasure) => (_: unknown, r: T) =>
    ratio(r[key] as Ratio, FIGURES[key].explain, openAppeals ? () => openAppeals(r, m) : undefined);
  const count = (r: T, key: 'items' | 'notices' | 'interviews' | 'commendations') => {
    const n = r.supervision[key].length;
    return drill && n > 0 ? <Link to={drill(r)}>{n}</Link> : n;
  };
  const right = { align: 'right' as const };
  return [
    { title: first.title, render: (_: unknown, r: T) => first.render(r), fixed: 'left' as const, width: W.first },
    {
      title: '得分',
      dataIndex: 'score',
      ...right,
      width: W.score,
      render: (v: number | null, r: T) => (
        <Tooltip title={`加权得分 ${r.base ?? '—'}，通报/约谈/表扬调整 ${r.adjustment >= 0 ? '+' : ''}${r.adjustment}`}>
          <Typography.Text strong>{v ?? '—'}</Typography.Text>
        </Tooltip>
      ),
    },
    { title: '受理', dataIndex: 'received', ...right, width: W.score },
    { title: '响应率', render: rate('responseRate', 'contact'), ...right, width: W.rate },
    {
      title: '按时率',
      children: [
        { title: '联系', render: rate('contactOnTimeRate', 'contact'), ...right, width: W.rate },
        { title: '意见', render: rate('opinionOnTimeRate', 'opinion'), ...right, width: W.rate },
        { title: '办结', render: rate('resolutionOnTimeRate', 'resolution'), ...right, width: W.rate },
      ],
    },
    { title: '解决率', render: rate('resolutionRate', 'resolved'), ...right, width: W.rate },
    { title: '满意率', render: rate('satisfactionRate', 'evaluated'), ...right, width: W.rate },
    {
      title: '调查指数',
      ...right,
      width: W.survey,
      render: (_: unknown, r: T) => (
        <Tooltip title={`${year}年度满意度调查加权指数（0–100），答卷 ${r.survey.n} 份`}>
          <span>{r.survey.index === null ? '—' : r.survey.index}</span>
        </Tooltip>
      ),
    },
    {
      title: '督导',
      children: [
        { title: '事项', render: (_: unknown, r: T) => count(r, 'items'), ...right, width: W.count },
        { title: '通报', render: (_: unknown, r: T) => count(r, 'notices'), ...right, width: W.count },
        { title: '约谈', render: (_: unknown, r: T) => count(r, 'interviews'), ...right, width: W.count },
        { title: '表扬', render: (_: unknown, r: T) => count(r, 'commendations'), ...right, width: W.count },
      ],
    },
    {
      title: '年度任务',
      children: [
        {
          title: '联系点',
          width: W.quota,
          render: (_: unknown, r: T) => quotaCell(r.contactPointQuota, '本处室承担的联系点（R1.4、R1.8）：已走访 / 应走访次数，按任期折算'),
        },
        { title: '调研', width: W.quota, render: (_: unknown, r: T) => quotaCell(r.researchQuota, '本处室本年调研走访次数 / 每年应达次数（R2.4）') },
      ],
    },
  ];
}

/**
 * Column widths: the whole table fits the content area of a 1366-pixel window (≈ 1,050 px beside the
 * menu) with no column scrolled out of sight; narrower windows scroll it sideways (columnsWidth).
 */
const W = { first: 184, score: 50, rate: 64, survey: 72, count: 44, quota: 66 };

/** A yearly quota: done / required, green when met; 未接入 where the unit carries none. */
function quotaCell(q: AssessmentRow['contactPointQuota'], explain: string) {
  if (q.status !== 'ok')
    return (
      <Tooltip title="本年没有应完成的任务，或该项不在本级统计">
        <Tag>未接入</Tag>
      </Tooltip>
    );
  return (
    <Tooltip title={explain}>
      <Tag color={q.met ? 'green' : 'orange'}>
        {q.done} / {q.required}
      </Tag>
    </Tooltip>
  );
}

export default function AssessmentPage() {
  const [year, setYear] = useState(dayjs().year());
  const { data, loading } = useFetch((signal) => getAssessment(year, signal), [year]);
  const [behind, setBehind] = useState<{ unitId: string; measure: AssessmentMeasure } | null>(null);
  const w = data?.weights;
  const unitColumns = columns(
    { title: '处室', render: (r: NonNullable<typeof data>['units'][number]) => r.unitName },
    year,
    (r) => `${STAFF_ROUTES.supervision}?year=${year}&unitId=${r.unitId}`,
    (r, measure) => setBehind({ unitId: r.unitId, measure }),
  );
  const cityColumns = columns({ title: '市', render: (r: NonNullable<NonNullable<typeof data>['cities']>[number]) => r.name }, year, null);
  return (
    <PageCard
      title="年度考核"
      description="按处室（省厅另含各市）汇总“2115”按时率、三率、满意度调查和督导、通报、约谈情况，按本级考核权重计分。数据均来自办理记录，不可手工填写；鼠标移到数字上可查看计算依据，点击处室的按时率、解决率、满意率可查看背后的诉求。最后两列为联系点走访和调研的年度任务完成情况，只作提示，不计分。"
      extra={
        <Select
          value={year}
          onChange={setYear}
          style={{ width: 110 }}
          aria-label="年度"
          options={Array.from({ length: 5 }, (_, i) => dayjs().year() - i).map((y) => ({ value: y, label: `${y}年` }))}
        />
      }
    >
      {w ? (
        <Descriptions size="small" column={2} style={{ marginBottom: 12 }} data-testid="assessment-weights">
          <Descriptions.Item label="权重">
            响应率 {w.response}、按时率 {w.onTime}、解决率 {w.resolution}、满意率 {w.satisfaction}、满意度调查 {w.survey}
          </Descriptions.Item>
          <Descriptions.Item label="调整">
            通报 −{w.noticePenalty}、约谈 −{w.interviewPenalty}、表扬 +{w.commendationBonus}
          </Descriptions.Item>
          <Descriptions.Item label="满意度调查">{data?.survey ? `${data.survey.title}（答卷 ${data.survey.n} 份）` : '本年度未开展'}</Descriptions.Item>
          <Descriptions.Item label="统计截至">{formatDateTime(data?.asOf)}</Descriptions.Item>
        </Descriptions>
      ) : null}
      <Table
        size="small"
        rowKey="unitId"
        loading={loading}
        dataSource={data?.units}
        pagination={false}
        scroll={{ x: columnsWidth(unitColumns) }}
        data-testid="assessment-units"
        columns={unitColumns}
      />
      <AssessmentAppealsDrawer year={year} unitId={behind?.unitId ?? null} measure={behind?.measure ?? null} onClose={() => setBehind(null)} />
      {data?.cities ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            各市
          </Typography.Title>
          <ScrollRegion label="各市考核得分表">
            <Table
              size="small"
              rowKey="tenantId"
              dataSource={data.cities}
              pagination={false}
              scroll={{ x: columnsWidth(cityColumns) }}
              data-testid="assessment-cities"
              columns={cityColumns}
            />
          </ScrollRegion>
        </>
      ) : null}
    </PageCard>
  );
}
