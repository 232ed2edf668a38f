// 统计报告 (issue 16): the monthly (月报) and annual (年报) reports of the tenant as .docx and .xlsx —
// made by the scheduler on the 1st for the month before (in January also for the year before) and on
// demand by 办公室 / 政策法规处 / 机关党委; leaders read and download them. Downloads are audited.
import { useState } from 'react';
import { App, Button, DatePicker, Flex, Segmented, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { FileExcelOutlined, FileWordOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { REPORT_KIND_LABELS, REPORT_TRIGGER_LABELS, type Report, type ReportKind } from '../../../../shared/api/reports.ts';
import { FIGURES } from '../../../../shared/figures.ts';
import { formatDateTime, formatRate } from '../../../../shared/format.ts';
import { useMe } from '../../auth/session.ts';
import { PageCard } from '../../ui/PageCard.tsx';
import { useApiError } from '../../ui/useApiError.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { generateReport, listReports, reportFileUrl } from './api.ts';

const WRITERS = ['intake', 'coordinator', 'oversight'];
const kb = (n: number) => `${Math.max(1, Math.round(n / 1024))} KB`;

export default function ReportsPage() {
  const me = useMe();
  const { message } = App.useApp();
  const onError = useApiError();
  const canGenerate = me.roles.some((r) => WRITERS.includes(r));
  const [filter, setFilter] = useState<'all' | ReportKind>('all');
  const [page, setPage] = useState(1);
  const [kind, setKind] = useState<ReportKind>('monthly');
  // Default: last month (the report most often wanted), or last year.
  const [period, setPeriod] = useState<Dayjs>(dayjs().subtract(1, 'month'));
  const [generating, setGenerating] = useState(false);
  const { data, loading, reload } = useFetch(
    (signal) => listReports({ kind: filter === 'all' ? undefined : filter, page, pageSize: 10 }, signal),
    [filter, page],
  );
  const key = kind === 'monthly' ? period.format('YYYY-MM') : period.format('YYYY');
  const unit = kind === 'monthly' ? 'month' : 'year';
  const future = period.isAfter(dayjs(), unit);
  const current = period.isSame(dayjs(), unit);

  const generate = async () => {
    setGenerating(true);
    try {
      const r = await generateReport(kind, key);
      message.success(`已生成${r.title}（${r.periodLabel}）`);
      setFilter('all');
      setPage(1);
      reload();
    } catch (e) {
      onError(e);
    } finally {
      setGenerating(false);
    }
  };

  return (
    <PageCard
      title="统计报告"
      description="涉企诉求办理情况月报、年报（Word 和 Excel），数字来自诉求办理记录；每月1日自动生成上月月报，1月1日自动生成上年年报。下载记入审计日志。"
      extra={
        canGenerate ? (
          <Space wrap>
            <Segmented<ReportKind>
              value={kind}
              onChange={(k) => {
                setKind(k);
                setPeriod(k === 'monthly' ? dayjs().subtract(1, 'month') : dayjs().subtract(1, 'year'));
              }}
              options={[
                { value: 'monthly', label: '月报' },
                { value: 'annual', label: '年报' },
              ]}
            />
            <DatePicker
              picker={kind === 'monthly' ? 'month' : 'year'}
              value={period}
              onChange={(d) => d && setPeriod(d)}
              allowClear={false}
              disabledDate={(d) => d.isAfter(dayjs(), kind === 'monthly' ? 'month' : 'year') || d.year() < 2020}
              aria-label="报告期间"
              style={{ width: 120 }}
              data-testid="report-period"
            />
            <Tooltip title={future ? '不能生成未来期间的报告' : current ? '本期尚未结束，报告为截至生成时的数据' : undefined}>
              <Button type="primary" icon={<PlusOutlined />} loading={generating} disabled={future} onClick={generate} data-testid="report-generate">
                生成报告
              </Button>
            </Tooltip>
          </Space>
        ) : (
          <Typography.Text type="secondary">报告由办公室、政策法规处或机关党委生成</Typography.Text>
        )
      }
    >
      <Flex style={{ marginBottom: 12 }}>
        <Segmented<'all' | ReportKind>
          value={filter}
          onChange={(f) => {
            setFilter(f);
            setPage(1);
          }}
          options={[
            { value: 'all', label: '全部' },
            { value: 'monthly', label: '月报' },
            { value: 'annual', label: '年报' },
          ]}
        />
      </Flex>
      <Table<Report>
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={data?.items}
        data-testid="reports-table"
        pagination={{ current: page, pageSize: 10, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true }}
        locale={{ emptyText: '还没有报告' }}
        columns={[
          {
            title: '报告',
            render: (_: unknown, r) => (
              <Space size={6}>
                <Tag color={r.kind === 'monthly' ? 'blue' : 'purple'}>{REPORT_KIND_LABELS[r.kind]}</Tag>
                <span>{r.periodLabel}</span>
                {r.partial ? (
                  <Tooltip title="生成时该期间尚未结束，数字截至生成时">
                    <Tag>期中</Tag>
                  </Tooltip>
                ) : null}
              </Space>
            ),
          },
          {
            title: '生成',
            width: 250,
            render: (_: unknown, r) => (
              <span>
                {formatDateTime(r.generatedAt)} · {r.trigger === 'scheduled' ? REPORT_TRIGGER_LABELS.scheduled : r.generatedByName}
              </span>
            ),
          },
          {
            title: <Tooltip title={FIGURES.received.explain}>受理</Tooltip>,
            width: 70,
            align: 'right',
            render: (_: unknown, r) => r.summary.received,
          },
          { title: <Tooltip title={FIGURES.closed.explain}>办结</Tooltip>, width: 70, align: 'right', render: (_: unknown, r) => r.summary.closed },
          {
            title: <Tooltip title={FIGURES.responseRate.explain}>响应率</Tooltip>,
            width: 80,
            align: 'right',
            render: (_: unknown, r) => formatRate(r.summary.responseRate),
          },
          {
            title: <Tooltip title={FIGURES.satisfactionRate.explain}>满意率</Tooltip>,
            width: 80,
            align: 'right',
            render: (_: unknown, r) => formatRate(r.summary.satisfactionRate),
          },
          {
            title: <Tooltip title={FIGURES.overdueNow.explain}>逾期</Tooltip>,
            width: 64,
            align: 'right',
            render: (_: unknown, r) => r.summary.overdueNow,
          },
          {
            title: '下载',
            width: 210,
            render: (_: unknown, r) => (
              <Space size={4}>
                <Button size="small" icon={<FileWordOutlined />} href={reportFileUrl(r.id, 'docx')} download data-testid="report-docx">
                  Word {kb(r.docxSize)}
                </Button>
                <Button size="small" icon={<FileExcelOutlined />} href={reportFileUrl(r.id, 'xlsx')} download data-testid="report-xlsx">
                  Excel {kb(r.xlsxSize)}
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </PageCard>
  );
}
