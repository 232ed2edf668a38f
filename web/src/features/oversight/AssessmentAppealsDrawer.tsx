// 年度考核 drill-down (issue 16, R8.1): the appeals behind one rate of a unit's row — every appeal in
// the denominator, the ones counted in the numerator marked — each opening its appeal page.
import { Drawer, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { AssessmentMeasure } from '../../../../shared/api/assessment.ts';
import {
  APPEAL_STATE_LABELS,
  EVALUATION_RATING_LABELS,
  RESULT_KIND_LABELS,
  type AppealState,
  type EvaluationRating,
  type ResultKind,
} from '../../../../shared/appeals.ts';
import { formatDateTime, formatDeadline } from '../../../../shared/format.ts';
import { STAFF_ROUTES, toPath } from '../../routes.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { getAssessmentAppeals } from './api.ts';

/** What each measure lists, what counts, and its date columns. */
export const MEASURES: Record<AssessmentMeasure, { title: string; explain: string; counted: [string, string]; due?: string; done: string }> = {
  contact: {
    title: '联系按时',
    explain: '本年受理、联系时限已到或已联系的诉求',
    counted: ['按时联系', '未按时'],
    due: '联系时限',
    done: '联系时间',
  },
  opinion: {
    title: '意见按时',
    explain: '本年受理、办理意见时限已到或已提出意见的诉求',
    counted: ['按时', '未按时'],
    due: '意见时限',
    done: '提出时间',
  },
  resolution: {
    title: '办结按时',
    explain: '本年受理、办结时限已到或已办结的诉求',
    counted: ['按时办结', '未按时'],
    due: '办结时限',
    done: '办结时间',
  },
  resolved: { title: '解决率', explain: '本年受理、已有办理结果的诉求', counted: ['已解决', '未解决'], done: '办结时间' },
  evaluated: { title: '满意率', explain: '本年作出的评价（一件诉求重办后可能有两次评价）', counted: ['满意', '不满意'], done: '评价时间' },
};

export function AssessmentAppealsDrawer(props: { year: number; unitId: string | null; measure: AssessmentMeasure | null; onClose: () => void }) {
  const { year, unitId, measure } = props;
  const { data, loading } = useFetch(
    (signal) => (unitId && measure ? getAssessmentAppeals({ year, unitId, measure }, signal) : Promise.resolve(null)),
    [year, unitId, measure],
  );
  const m = measure ? MEASURES[measure] : null;
  const detail = (d: string | null) =>
    d === null ? '' : measure === 'evaluated' ? (EVALUATION_RATING_LABELS[d as EvaluationRating] ?? '') : (RESULT_KIND_LABELS[d as ResultKind] ?? '');
  return (
    <Drawer
      open={Boolean(unitId && measure)}
      onClose={props.onClose}
      size={980}
      title={m && data ? `${data.unitName} · ${year}年${m.title}：${data.numerator} / ${data.denominator}` : (m?.title ?? '')}
      destroyOnHidden
    >
      {m ? (
        <Typography.Paragraph type="secondary">
          {m.explain}；标“{m.counted[0]}”的计入分子。数据来自办理记录。
          {data && data.items.length < data.denominator ? `仅列出最近 ${data.items.length} 件。` : ''}
        </Typography.Paragraph>
      ) : null}
      <Table
        size="small"
        rowKey={(r) => `${r.id}-${r.doneAt ?? ''}`}
        loading={loading}
        dataSource={data?.items}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        data-testid="assessment-appeals"
        columns={[
          {
            title: '编号',
            dataIndex: 'number',
            width: 200,
            render: (n: string, r) => <Link to={toPath(STAFF_ROUTES.appeal, { id: r.id })}>{n}</Link>,
          },
          { title: '标题', dataIndex: 'title', ellipsis: true },
          { title: '状态', dataIndex: 'state', width: 104, render: (s: AppealState) => APPEAL_STATE_LABELS[s] ?? '' },
          ...(m?.due ? [{ title: m.due, dataIndex: 'dueAt', width: 190, render: (v: string | null) => formatDeadline(v, { year: true }) }] : []),
          { title: m?.done ?? '', dataIndex: 'doneAt', width: 140, render: (v: string | null) => (v ? formatDateTime(v) : '—') },
          ...(measure === 'resolved' || measure === 'evaluated'
            ? [
                {
                  title: measure === 'resolved' ? '办理结果' : '评价',
                  dataIndex: 'detail',
                  width: 150,
                  ellipsis: true,
                  render: (d: string | null) => detail(d) || '—',
                },
              ]
            : []),
          {
            title: '计入',
            key: 'counted',
            width: 90,
            render: (_, r) => <Tag color={r.counted ? 'green' : 'orange'}>{r.counted ? m?.counted[0] : m?.counted[1]}</Tag>,
          },
        ]}
      />
    </Drawer>
  );
}
