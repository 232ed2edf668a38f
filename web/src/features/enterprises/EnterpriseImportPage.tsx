// Excel 导入向导: upload → the server validates in the background (progress polled) → preview of
// bad rows (row, column, message) and of existing enterprises that would change → choose update
// or skip → import (progress polled) → result. The job lives on the server: reloading the page
// (URL /enterprises/import/:jobId) resumes where it was.
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Empty, Progress, Radio, Result, Space, Statistic, Steps, Table, Tabs, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useApiError } from '../../ui/useApiError.ts';
import { useFetch } from '../../ui/useFetch.ts';
import {
  cancelImport,
  commitImport,
  getImport,
  importTemplate,
  recentImports,
  uploadImport,
  type ImportJob,
  type ImportJobListItem,
  type ImportStatus,
  type RowChange,
  type RowError,
} from './api.ts';
import { IMPORT_STATUS_LABELS } from './labels.ts';
import { formatDateTime } from '../../ui/format.ts';

const RUNNING: ImportStatus[] = ['uploaded', 'validating', 'queued', 'importing'];
const MAX_MB = 20;

function stepOf(s: ImportStatus) {
  if (s === 'uploaded' || s === 'validating' || s === 'rejected') return 1;
  if (s === 'ready' || s === 'cancelled') return 1;
  if (s === 'queued' || s === 'importing') return 2;
  return 3;
}

function UploadStep() {
  const navigate = useNavigate();
  const onError = useApiError();
  const [busy, setBusy] = useState(false);
  const { data: recent } = useFetch((signal) => recentImports(signal), []);

  const send = async (file: File) => {
    if (file.size > MAX_MB * 1024 * 1024) {
      onError(new Error(`文件超过 ${MAX_MB} MB`));
      return;
    }
    setBusy(true);
    try {
      const job = await uploadImport(file);
      navigate(`/enterprises/import/${job.id}`);
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Alert
        type="info"
        showIcon
        message="导入说明"
        description={
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            <li>请下载导入模板填写（工作表“企业名录”，第1行为列名，带下拉列表）；也可上传本系统导出的企业名录。</li>
            <li>每一行都会校验，校验结果列出每个错误的行号、列和原因；确认后只导入有效行，或放弃不导入。</li>
            <li>统一社会信用代码已登记的企业，可选择“更新”（预览中列出将变更的内容）或“跳过”。</li>
            <li>文件须为 .xlsx，不超过 {MAX_MB} MB、10 万行；不能含公式或合并单元格。导入在一个事务中完成，中途出错不写入任何数据。</li>
          </ul>
        }
      />
      <Button icon={<DownloadOutlined />} onClick={() => importTemplate().catch(onError)}>
        下载导入模板
      </Button>
      <Upload.Dragger
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        multiple={false}
        showUploadList={false}
        disabled={busy}
        beforeUpload={(file) => {
          void send(file);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{busy ? '正在上传…' : '点击或拖拽 .xlsx 文件到此处上传'}</p>
        <p className="ant-upload-hint">上传后在后台校验，可离开本页，稍后在“最近的导入”中继续</p>
      </Upload.Dragger>
      <Card size="small" title="最近的导入">
        <Table<ImportJobListItem>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={recent?.items ?? []}
          locale={{ emptyText: '暂无' }}
          columns={[
            { title: '文件', dataIndex: 'fileName', render: (v: string, j) => <Link to={`/enterprises/import/${j.id}`}>{v}</Link> },
            { title: '状态', dataIndex: 'status', width: 200, render: (s: ImportStatus) => IMPORT_STATUS_LABELS[s] },
            { title: '上传人', dataIndex: 'createdByName', width: 200 },
            { title: '时间', dataIndex: 'createdAt', width: 180, render: (v: string) => formatDateTime(v) },
          ]}
        />
      </Card>
    </Space>
  );
}

function JobStep({ jobId, onStatus }: { jobId: string; onStatus: (s: ImportStatus) => void }) {
  const { message } = App.useApp();
  const onError = useApiError();
  const navigate = useNavigate();
  const [job, setJob] = useState<ImportJob | null>(null);
  const [onExisting, setOnExisting] = useState<'update' | 'skip'>('skip');
  const [busy, setBusy] = useState(false);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (job) onStatus(job.status);
  }, [job, onStatus]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: tick restarts polling after an action on the job
  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const j = await getImport(jobId);
        if (stop) return;
        setJob(j);
        if (RUNNING.includes(j.status)) timer = setTimeout(poll, 800);
      } catch (err) {
        if (!stop) onError(err);
      }
    };
    void poll();
    return () => {
      stop = true;
      if (timer) clearTimeout(timer);
    };
  }, [jobId, onError, tick]);

  if (!job) return <Card loading />;
  const s = job.summary;

  const act = async (path: 'commit' | 'cancel') => {
    setBusy(true);
    try {
      const j = path === 'commit' ? await commitImport(jobId, onExisting) : await cancelImport(jobId);
      setJob(j);
      if (path === 'cancel') message.info('已取消，未导入任何数据');
      else setTick((t) => t + 1);
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };

  const percent = job.total ? Math.min(100, Math.round((job.progress / job.total) * 100)) : 0;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Descriptions size="small" column={3}>
        <Descriptions.Item label="文件">{job.fileName}</Descriptions.Item>
        <Descriptions.Item label="上传人">{job.createdByName}</Descriptions.Item>
        <Descriptions.Item label="状态">
          <Tag color={job.status === 'done' ? 'green' : job.status === 'failed' || job.status === 'rejected' ? 'red' : 'blue'}>
            {IMPORT_STATUS_LABELS[job.status]}
          </Tag>
        </Descriptions.Item>
      </Descriptions>

      {RUNNING.includes(job.status) ? (
        <Card size="small">
          <Typography.Paragraph>
            {job.status === 'importing' || job.status === 'queued' ? '正在导入，请稍候…（可离开本页，导入在后台继续）' : '正在校验每一行…'}
          </Typography.Paragraph>
          <Progress percent={percent} status="active" />
          <Typography.Text type="secondary">
            {job.progress} / {job.total || '—'} 行
          </Typography.Text>
        </Card>
      ) : null}

      {job.status === 'rejected' || job.status === 'failed' ? (
        <Result
          status="error"
          title={job.status === 'rejected' ? '文件无法导入' : '导入失败'}
          subTitle={job.message}
          extra={
            <Button type="primary" onClick={() => navigate('/enterprises/import')}>
              重新上传
            </Button>
          }
        />
      ) : null}

      {job.status === 'done' ? (
        <Result
          status="success"
          title="导入完成"
          subTitle={`新增 ${s.inserted ?? 0} 家，更新 ${s.updated ?? 0} 家，跳过 ${s.skipped ?? 0} 家，无变化 ${s.unchanged ?? 0} 家${s.invalid ? `；${s.invalid} 行有误未导入` : ''}`}
          extra={[
            <Button type="primary" key="list" onClick={() => navigate('/enterprises')}>
              查看企业名录
            </Button>,
            <Button key="again" onClick={() => navigate('/enterprises/import')}>
              继续导入
            </Button>,
          ]}
        />
      ) : null}

      {job.status === 'cancelled' ? (
        <Result status="info" title="已取消" subTitle="未导入任何数据" extra={<Button onClick={() => navigate('/enterprises/import')}>重新上传</Button>} />
      ) : null}

      {['ready', 'done', 'queued', 'importing', 'cancelled'].includes(job.status) && s.rows !== undefined ? (
        <>
          <Space size={40} wrap>
            <Statistic title="数据行" value={s.rows} />
            <Statistic title="有效行" value={s.valid} valueStyle={{ color: '#389e0d' }} />
            <Statistic title="有误的行" value={s.invalid} valueStyle={{ color: s.invalid ? '#cf1322' : undefined }} />
            <Statistic title="新企业" value={s.newCount} />
            <Statistic
              title="已登记（信用代码相同）"
              value={s.existing}
              suffix={
                s.existing ? (
                  <Typography.Text type="secondary" style={{ fontSize: 14 }}>
                    其中 {s.existingChanged} 家有变化
                  </Typography.Text>
                ) : null
              }
            />
          </Space>
          <Tabs
            items={[
              {
                key: 'errors',
                // Rows, not errors: one row may have several problems (issue 17).
                label: `有误的行（${s.invalid ?? 0}）`,
                children: job.errorCount ? (
                  <>
                    {job.errorCount > (s.invalid ?? 0) && job.errorCount <= job.errors.length ? (
                      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                        {s.invalid ?? 0} 行共 {job.errorCount} 处问题（一行可有多处）。
                      </Typography.Paragraph>
                    ) : null}
                    {job.errorCount > job.errors.length ? (
                      <Alert
                        type="warning"
                        style={{ marginBottom: 8 }}
                        message={`${s.invalid ?? 0} 行共 ${job.errorCount} 处问题，仅显示前 ${job.errors.length} 处`}
                      />
                    ) : null}
                    <Table<RowError>
                      rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
                      size="small"
                      dataSource={job.errors}
                      pagination={{ pageSize: 20, showSizeChanger: false }}
                      columns={[
                        { title: '行号', dataIndex: 'row', width: 80 },
                        { title: '列', dataIndex: 'column', width: 160 },
                        { title: '问题', dataIndex: 'message' },
                      ]}
                    />
                  </>
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="所有行均通过校验" />
                ),
              },
              {
                key: 'changes',
                label: `将更新的企业（${job.changeCount}）`,
                children: job.changeCount ? (
                  <Table<RowChange>
                    rowKey="row"
                    size="small"
                    dataSource={job.changes}
                    pagination={{ pageSize: 10, showSizeChanger: false }}
                    columns={[
                      { title: '行号', dataIndex: 'row', width: 70 },
                      {
                        title: '企业',
                        dataIndex: 'name',
                        width: 240,
                        render: (v: string, r) => (
                          <>
                            {v}
                            {r.archived ? <Tag style={{ marginLeft: 4 }}>已归档</Tag> : null}
                          </>
                        ),
                      },
                      {
                        title: '变更内容（选择“更新”时写入）',
                        key: 'fields',
                        render: (_, r) => (
                          <Space direction="vertical" size={0}>
                            {r.fields.map((f) => (
                              <span key={f.column}>
                                <Typography.Text strong>{f.column}</Typography.Text>：
                                <Typography.Text delete type="secondary">
                                  {f.before || '（空）'}
                                </Typography.Text>{' '}
                                → {f.after || '（空）'}
                              </span>
                            ))}
                          </Space>
                        ),
                      },
                    ]}
                  />
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有需要更新的已登记企业" />
                ),
              },
            ]}
          />
        </>
      ) : null}

      {job.status === 'ready' ? (
        <Card size="small" title="确认导入">
          <Space direction="vertical" size={12}>
            {s.existing ? (
              <Space wrap>
                <span>已登记的 {s.existing} 家企业：</span>
                <Radio.Group
                  value={onExisting}
                  onChange={(e) => setOnExisting(e.target.value)}
                  options={[
                    { value: 'skip', label: '跳过，保持系统中的数据' },
                    { value: 'update', label: `更新（${s.existingChanged} 家有变化）` },
                  ]}
                />
              </Space>
            ) : null}
            <Space>
              <Button type="primary" disabled={!s.valid} loading={busy} onClick={() => act('commit')}>
                导入 {s.valid} 行有效数据
              </Button>
              <Button disabled={busy} onClick={() => act('cancel')}>
                放弃，不导入
              </Button>
            </Space>
            {s.invalid ? <Typography.Text type="secondary">有误的 {s.invalid} 行不会导入；也可以修改文件后重新上传。</Typography.Text> : null}
          </Space>
        </Card>
      ) : null}
    </Space>
  );
}

export default function EnterpriseImportPage() {
  const { jobId } = useParams();
  const [status, setStatus] = useState<ImportStatus | null>(null);
  const current = jobId ? (status ? stepOf(status) : 1) : 0;
  return (
    <Card variant="borderless" title="Excel 导入企业名录" extra={<Link to="/enterprises">返回企业名录</Link>}>
      <Steps current={current} style={{ marginBottom: 24 }} items={[{ title: '上传文件' }, { title: '校验预览' }, { title: '导入' }, { title: '完成' }]} />
      {jobId ? <JobStep key={jobId} jobId={jobId} onStatus={setStatus} /> : <UploadStep />}
    </Card>
  );
}
