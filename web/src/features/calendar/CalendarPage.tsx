// 工作日历 (R6.2, R8.1): the caller's tenant calendar for a year as 12 month grids (休 / 班),
// the notices in force with their 文号, the province sysadmin's “载入年度通知” dialog and the
// tenant's “本地调整”.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Col, Empty, Flex, Row, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { CloudUploadOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client.ts';
import { useMe } from '../../auth/session.ts';
import { PageCard } from '../../ui/PageCard.tsx';
import { CalendarWaitingAlert } from '../appeals/CalendarWaitingAlert.tsx';
import { useApiError } from '../../ui/useApiError.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { formatDateTime } from '../../ui/format.ts';
import { MonthGrid } from './MonthGrid.tsx';
import { NoticeDialog } from './NoticeDialog.tsx';
import { OverridesCard } from './OverridesCard.tsx';
import { getOverrides, listNotices, yearDays, type NoticeInForce, type YearDays } from './api.ts';

/** The current year in Asia/Shanghai. */
const shanghaiYear = () => new Date(Date.now() + 8 * 3600_000).getUTCFullYear();

export default function CalendarPage() {
  const me = useMe();
  const onError = useApiError();
  const isAdmin = me.roles.includes('sysadmin');
  const canLoadNotices = isAdmin && me.tenant.kind === 'province';
  const [year, setYear] = useState(shanghaiYear());
  const [days, setDays] = useState<YearDays | null>(null);
  const [missingYear, setMissingYear] = useState<number | null>(null);
  const [loadingDays, setLoadingDays] = useState(true);
  const [dialog, setDialog] = useState(false);
  const [tick, setTick] = useState(0);

  const notices = useFetch((signal) => listNotices(signal), [tick]);
  const overrides = useFetch((signal) => getOverrides(signal), [tick]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: tick forces a reload after a notice or override changed
  useEffect(() => {
    const ctrl = new AbortController();
    setLoadingDays(true);
    setMissingYear(null);
    yearDays(year, ctrl.signal)
      .then((d) => setDays(d))
      .catch((err: unknown) => {
        if (ctrl.signal.aborted) return;
        setDays(null);
        if (err instanceof ApiError && err.code === 'CALENDAR_YEAR_NOT_LOADED') setMissingYear(year);
        else onError(err);
      })
      .finally(() => {
        if (!ctrl.signal.aborted) setLoadingDays(false);
      });
    return () => ctrl.abort();
  }, [year, tick, onError]);

  const loaded = notices.data?.items ?? [];
  const yearOptions = useMemo(() => {
    const ys = new Set<number>([...loaded.map((n) => n.year), shanghaiYear(), shanghaiYear() + 1, year]);
    return [...ys].sort((a, b) => b - a).map((y) => ({ value: y, label: `${y} 年${loaded.some((n) => n.year === y) ? '' : '（未载入）'}` }));
  }, [loaded, year]);

  const months = useMemo(() => {
    if (!days) return [];
    return Array.from({ length: 12 }, (_, i) => days.days.filter((d) => Number(d.date.slice(5, 7)) === i + 1));
  }, [days]);

  return (
    <PageCard
      title="工作日历"
      description="按国务院办公厅节假日安排和本单位本地调整计算工作日；“2115”时限据此计算（受理当日不计入，到期日 24:00 截止）。"
      extra={
        <>
          <Select aria-label="年度" value={year} options={yearOptions} onChange={setYear} style={{ width: 140 }} />
          {canLoadNotices ? (
            <Button type="primary" icon={<CloudUploadOutlined />} onClick={() => setDialog(true)}>
              载入年度通知
            </Button>
          ) : null}
        </>
      }
    >
      <CalendarWaitingAlert forAdmin />
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        {missingYear ? (
          <Alert
            type="warning"
            showIcon
            message={`${missingYear} 年节假日安排尚未载入`}
            description={
              canLoadNotices
                ? '国务院办公厅发布该年度节假日安排后，请点击“载入年度通知”载入。载入前，需要用到该年度的期限无法计算。'
                : '国务院办公厅发布该年度节假日安排后，由省厅系统管理员载入。载入前，需要用到该年度的期限无法计算。'
            }
          />
        ) : null}
        <Spin spinning={loadingDays}>
          {days ? (
            <>
              <Flex gap={16} wrap style={{ marginBottom: 12 }}>
                <Typography.Text>
                  全年工作日 <b>{days.workdays}</b> 天
                </Typography.Text>
                <Typography.Text type="secondary">
                  依据：{days.notice.documents.map((d) => d.number).join('、')}
                  {days.notice.source === 'database' ? '（管理员载入）' : '（随版本发布）'}
                </Typography.Text>
                <Space size={4}>
                  <Tag color="red">休</Tag>放假
                  <Tag color="blue">班</Tag>调休上班
                  <Tag style={{ borderStyle: 'dashed', borderColor: '#fa8c16' }}>本地调整</Tag>
                </Space>
              </Flex>
              <Row gutter={[12, 12]}>
                {months.map((m, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: twelve fixed months, the index is the month
                  <Col key={i} xs={24} sm={12} lg={8} xxl={6}>
                    <MonthGrid month={i + 1} days={m} />
                  </Col>
                ))}
              </Row>
            </>
          ) : !loadingDays && !missingYear ? (
            <Empty />
          ) : null}
        </Spin>

        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <Typography.Title level={5}>已载入的年度节假日安排</Typography.Title>
            <Table<NoticeInForce>
              size="small"
              rowKey="year"
              loading={notices.loading}
              dataSource={[...loaded].sort((a, b) => b.year - a.year)}
              pagination={false}
              columns={[
                { title: '年度', dataIndex: 'year', width: 70 },
                {
                  title: '文号',
                  render: (_, n) => (
                    <Space direction="vertical" size={0}>
                      {n.documents.map((d) => (
                        <Typography.Text key={d.number} title={d.title}>
                          {d.number}
                          <Typography.Text type="secondary">（{d.publishedOn}）</Typography.Text>
                        </Typography.Text>
                      ))}
                    </Space>
                  ),
                },
                {
                  title: '来源',
                  width: 150,
                  render: (_, n) =>
                    n.source === 'bundled' ? (
                      <Tag>随版本发布</Tag>
                    ) : (
                      <Space direction="vertical" size={0}>
                        <Tag color="blue">管理员载入{n.supersedesBundled ? '（已取代随版本文件）' : ''}</Tag>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {n.loadedByName} {n.loadedAt ? formatDateTime(n.loadedAt) : ''}
                        </Typography.Text>
                      </Space>
                    ),
                },
              ]}
            />
          </Col>
          <Col xs={24} xl={10}>
            <OverridesCard data={overrides.data} canEdit={isAdmin} onSaved={() => setTick((t) => t + 1)} />
          </Col>
        </Row>
      </Space>
      {canLoadNotices ? (
        <NoticeDialog
          open={dialog}
          loaded={loaded}
          defaultYear={missingYear ?? shanghaiYear() + 1}
          onClose={() => setDialog(false)}
          onLoaded={(y) => {
            setDialog(false);
            setYear(y);
            setTick((t) => t + 1);
          }}
        />
      ) : null}
    </PageCard>
  );
}
