// 满意度调查 (R7.3): 机关党委 starts the year's survey, draws the stratified sample (shown with its
// strata before it is fixed), fixes it (links go out by SMS and portal notice), records face-to-face
// answers, reminds, closes; everyone with access sees response rates and the weighted results (units
// their own unit's, never who said what).
import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Checkbox,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { SurveySampleList } from '../../../../shared/api/surveys.ts';
import { formatDate, formatDateTime, formatRate } from '../../../../shared/format.ts';
import { SURVEY_STATE_LABELS, type SurveyAnswers } from '../../../../shared/surveys.ts';
import { PageCard } from '../../ui/PageCard.tsx';
import { useApiError } from '../../ui/useApiError.ts';
import { useFetch } from '../../ui/useFetch.ts';
import {
  closeSurvey,
  createSurvey,
  drawSample,
  faceToFace,
  listSurveys,
  openSurvey,
  remindSurvey,
  surveySample,
  surveyXlsxUrl,
  type SurveyResults,
  type SurveyView,
} from './api.ts';
import { QuestionnaireForm } from './QuestionnaireForm.tsx';
import { QuestionsEditor } from './SurveyQuestionsEditor.tsx';
import { Results } from './SurveyResults.tsx';

type SampleRow = SurveySampleList['items'][number];
const STATE_COLORS = { draft: 'default', sampled: 'gold', open: 'blue', closed: 'green' } as const;
const _idx = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(1));

function CreateModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: (s: SurveyView) => void }) {
  const [form] = Form.useForm();
  const onError = useApiError();
  const [busy, setBusy] = useState(false);
  const year = dayjs().year();
  return (
    <Modal
      open={open}
      title="发起年度满意度调查"
      okText="创建"
      cancelText="取消"
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ year, title: `${year}年度企业满意度调查`, closesOn: dayjs().add(30, 'day'), anonymous: true }}
        onFinish={async (v) => {
          setBusy(true);
          try {
            onDone(await createSurvey({ year: v.year, title: v.title, closesOn: v.closesOn.format('YYYY-MM-DD'), anonymous: v.anonymous }));
          } catch (e) {
            onError(e, { form });
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="year" label="调查年度" rules={[{ required: true, message: '请填写年度' }]}>
          <InputNumber min={2020} max={2100} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="title" label="调查名称" rules={[{ required: true, message: '请填写调查名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="closesOn" label="截止日期（问卷链接当日24时失效）" rules={[{ required: true, message: '请选择截止日期' }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="anonymous" valuePropName="checked" extra="匿名调查：各处室只能看到本处室的汇总结果，看不到具体企业的答卷。">
          <Checkbox>匿名调查</Checkbox>
        </Form.Item>
        <Typography.Text type="secondary">问卷使用默认模板：联系点走访、诉求办理与“2115”时限、工作作风。</Typography.Text>
      </Form>
    </Modal>
  );
}

function SampleModal({ survey, open, onClose, onDone }: { survey: SurveyView; open: boolean; onClose: () => void; onDone: (s: SurveyView) => void }) {
  const [form] = Form.useForm();
  const onError = useApiError();
  const [busy, setBusy] = useState(false);
  const p = survey.sampleParams;
  return (
    <Modal
      open={open}
      title="分层随机抽样"
      okText="抽取样本"
      cancelText="取消"
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        按“市 × 行业 × 规模”分层，各层样本量与企业数成比例，每层不少于最少数。相同的随机种子抽出相同的样本；抽样结果确定前可重新抽取。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          total: p?.total ?? 100,
          minimumPerStratum: p?.minimumPerStratum ?? 2,
          seed: p?.seed ?? '',
          excludePrevious: p?.excludePrevious ?? false,
        }}
        onFinish={async (v) => {
          setBusy(true);
          try {
            onDone(
              await drawSample(survey.id, {
                version: survey.version,
                total: v.total,
                minimumPerStratum: v.minimumPerStratum,
                seed: v.seed || null,
                excludePrevious: v.excludePrevious,
              }),
            );
          } catch (e) {
            onError(e, { form });
          } finally {
            setBusy(false);
          }
        }}
      >
        <Space size={24}>
          <Form.Item name="total" label="样本量（家）" rules={[{ required: true, message: '请填写样本量' }]}>
            <InputNumber min={1} max={100000} data-testid="sample-total" />
          </Form.Item>
          <Form.Item name="minimumPerStratum" label="每层最少（家）">
            <InputNumber min={0} max={1000} />
          </Form.Item>
        </Space>
        <Form.Item name="seed" label="随机种子" extra="留空则随机生成；记下种子即可复现同一样本。">
          <Input maxLength={64} data-testid="sample-seed" />
        </Form.Item>
        <Form.Item name="excludePrevious" valuePropName="checked">
          <Checkbox>排除上年度已答卷企业</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

function StrataTable({ s }: { s: SurveyView }) {
  return (
    <Table
      size="small"
      rowKey="key"
      dataSource={s.strata}
      pagination={false}
      data-testid="strata-table"
      locale={{ emptyText: '尚未抽样' }}
      columns={[
        { title: '市', dataIndex: 'cityName' },
        { title: '行业', dataIndex: 'sectorLabel' },
        { title: '规模', dataIndex: 'sizeLabel' },
        { title: '企业数', dataIndex: 'population', align: 'right' },
        { title: '样本数', dataIndex: 'sampleSize', align: 'right' },
        { title: '权重', dataIndex: 'weight', align: 'right', render: (w: number) => w.toFixed(2) },
        { title: '已答', dataIndex: 'responded', align: 'right', render: (n: number, r) => (r.faceToFace ? `${n}（面对面${r.faceToFace}）` : n) },
        { title: '应答率', dataIndex: 'responseRate', align: 'right', render: (v: number | null) => formatRate(v) },
      ]}
    />
  );
}

function SampleTable({ s, onAnswered }: { s: SurveyView; onAnswered: (v: SurveyView) => void }) {
  const { data, loading, reload } = useFetch((signal) => surveySample(s.id, signal), [s.id, s.version, s.responded]);
  const [answering, setAnswering] = useState<SampleRow | null>(null);
  const [busy, setBusy] = useState(false);
  const onError = useApiError();
  const { message } = App.useApp();
  const canAnswer = s.allowedActions.includes('answer');
  const submit = async (answers: SurveyAnswers) => {
    if (!answering) return;
    setBusy(true);
    try {
      const v = await faceToFace(s.id, answering.id, answers);
      message.success(`已录入${answering.enterpriseName}的面对面答卷`);
      setAnswering(null);
      onAnswered(v);
      reload();
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Table<SampleRow>
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={data?.items}
        data-testid="sample-table"
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        columns={[
          { title: '企业', dataIndex: 'enterpriseName' },
          { title: '层', dataIndex: 'stratumLabel' },
          { title: '监管处室', dataIndex: 'unitName', render: (v: string | null) => v ?? '—' },
          { title: '短信', dataIndex: 'hasMobile', render: (v: boolean) => (v ? '有手机号' : <Tag>无手机号</Tag>) },
          { title: '提醒', dataIndex: 'reminderCount', align: 'right' },
          {
            title: '答卷',
            render: (_: unknown, r) =>
              r.respondedAt ? (
                <Space size={4}>
                  <Tag color={r.responseMode === 'face_to_face' ? 'purple' : 'green'}>{r.responseModeLabel}</Tag>
                  {formatDateTime(r.respondedAt)}
                </Space>
              ) : canAnswer ? (
                <Button size="small" onClick={() => setAnswering(r)} data-testid="face-to-face">
                  录入面对面答卷
                </Button>
              ) : (
                <Typography.Text type="secondary">未答</Typography.Text>
              ),
          },
        ]}
      />
      <Modal
        open={!!answering}
        title={`面对面答卷：${answering?.enterpriseName ?? ''}`}
        footer={null}
        onCancel={() => setAnswering(null)}
        width={720}
        destroyOnHidden
      >
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message="本答卷将标记为“面对面”，并记录录入人。" />
        <QuestionnaireForm questions={s.questions} onSubmit={submit} submitting={busy} submitLabel="保存答卷" />
      </Modal>
    </>
  );
}

export default function SurveysPage() {
  const { message, modal } = App.useApp();
  const onError = useApiError();
  const { data, reload } = useFetch((signal) => listSurveys(signal), []);
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [sampling, setSampling] = useState(false);
  const [busy, setBusy] = useState(false);
  const [tab, setTab] = useState('strata');
  useEffect(() => {
    if (!selected && data?.items.length) setSelected(data.items[0].id);
  }, [data, selected]);
  const s = data?.items.find((x) => x.id === selected) ?? null;
  const replace = (_v: SurveyView) => reload();

  const act = async (fn: () => Promise<unknown>, ok: string) => {
    setBusy(true);
    try {
      await fn();
      message.success(ok);
      reload();
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };

  const primary = (() => {
    if (!s) return null;
    const can = (a: string) => s.allowedActions.includes(a as never);
    if (s.state === 'draft')
      return (
        <Button type="primary" disabled={!can('draw_sample')} onClick={() => setSampling(true)} data-testid="survey-draw">
          抽取样本
        </Button>
      );
    if (s.state === 'sampled')
      return (
        <>
          <Button disabled={!can('draw_sample')} onClick={() => setSampling(true)}>
            重新抽样
          </Button>
          <Button
            type="primary"
            disabled={!can('open')}
            loading={busy}
            data-testid="survey-open"
            onClick={() =>
              modal.confirm({
                title: '确定样本并发放问卷？',
                content: `将向${s.sampled}家样本企业发送一次性问卷链接（短信及企业端站内通知），发放后样本不能再改。`,
                okText: '确定发放',
                cancelText: '取消',
                onOk: () => act(() => openSurvey(s.id, s.version), '问卷已发放'),
              })
            }
          >
            确定样本并发放问卷
          </Button>
        </>
      );
    if (s.state === 'open')
      return (
        <>
          <Button disabled={!can('remind')} loading={busy} onClick={() => act(() => remindSurvey(s.id), '已向未答企业发送提醒')}>
            提醒未答企业
          </Button>
          <Button
            type="primary"
            disabled={!can('close')}
            data-testid="survey-close"
            onClick={() =>
              modal.confirm({
                title: '结束调查？',
                content: '结束后问卷链接不能再提交。',
                okText: '结束调查',
                cancelText: '取消',
                onOk: () => act(() => closeSurvey(s.id, s.version), '调查已结束'),
              })
            }
          >
            结束调查
          </Button>
        </>
      );
    return (
      <Button type="primary" icon={<FileExcelOutlined />} href={surveyXlsxUrl(s.id)} data-testid="survey-export">
        导出结果（Excel）
      </Button>
    );
  })();

  return (
    <PageCard
      title="满意度调查"
      description="每年对监管企业分层随机抽样开展满意度调查（问卷或面对面），结果按抽样设计加权并注明答卷数。"
      extra={
        <>
          {data && data.items.length > 0 ? (
            <Select
              style={{ width: 240 }}
              value={selected ?? undefined}
              onChange={setSelected}
              options={data.items.map((x) => ({ value: x.id, label: `${x.year}年 · ${x.title}` }))}
              aria-label="选择调查"
            />
          ) : null}
          {data?.canCreate ? (
            <Tooltip title={s && s.state !== 'closed' ? '' : undefined}>
              <Button icon={<PlusOutlined />} type={data.items.length ? 'default' : 'primary'} onClick={() => setCreating(true)} data-testid="survey-create">
                发起调查
              </Button>
            </Tooltip>
          ) : null}
        </>
      }
    >
      {!s ? (
        <Empty description={data?.canCreate ? '还没有满意度调查，点击“发起调查”开始' : '还没有满意度调查'} />
      ) : (
        <Flex vertical gap={16}>
          <Flex justify="space-between" align="center" wrap gap={12}>
            <Descriptions size="small" column={4} style={{ flex: 1 }}>
              <Descriptions.Item label="状态">
                <Tag color={STATE_COLORS[s.state]} data-testid="survey-state">
                  {SURVEY_STATE_LABELS[s.state]}
                </Tag>
              </Descriptions.Item>
              <Descriptions.Item label="截止">{formatDate(`${s.closesOn}T12:00:00+08:00`)}</Descriptions.Item>
              <Descriptions.Item label="样本 / 总体">
                {s.sampled} / {s.population} 家{s.excludedCount ? `（已排除上年答卷${s.excludedCount}家）` : ''}
              </Descriptions.Item>
              <Descriptions.Item label="应答">
                {s.responded} 家（{formatRate(s.responseRate)}）
              </Descriptions.Item>
              {s.sampleParams ? <Descriptions.Item label="随机种子">{s.sampleParams.seed}</Descriptions.Item> : null}
              <Descriptions.Item label="匿名">{s.anonymous ? '是' : '否'}</Descriptions.Item>
            </Descriptions>
            <Space wrap>{primary}</Space>
          </Flex>
          {s.state === 'sampled' ? <Alert type="warning" showIcon message="样本尚未确定：请核对下方分层和样本企业，确认后发放问卷。" /> : null}
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              { key: 'strata', label: '分层与应答率', children: <StrataTable s={s} /> },
              ...(data?.canCreate && s.sampled ? [{ key: 'sample', label: '样本企业', children: <SampleTable s={s} onAnswered={replace} /> }] : []),
              { key: 'results', label: '调查结果', children: <Results s={s} /> },
              { key: 'questions', label: '问卷', children: <QuestionsEditor key={`${s.id}:${s.version}`} s={s} onSaved={reload} /> },
            ]}
          />
        </Flex>
      )}
      <CreateModal
        open={creating}
        onClose={() => setCreating(false)}
        onDone={(v) => {
          setCreating(false);
          setSelected(v.id);
          reload();
        }}
      />
      {s ? (
        <SampleModal
          survey={s}
          open={sampling}
          onClose={() => setSampling(false)}
          onDone={() => {
            setSampling(false);
            setTab('strata');
            reload();
          }}
        />
      ) : null}
    </PageCard>
  );
}

export type { SurveyResults };
