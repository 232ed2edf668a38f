// 现场记录: what was done, found and follows (R7.1), the follow-ups tracked to done, the appeals
// raised on site (linked to the appeal pages), and the photos / sign-in sheets.
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { App, Button, Card, Descriptions, Empty, Form, Grid, Input, List, Modal, Space, Tag, Typography, Upload } from 'antd';
import { ArrowLeftOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { APPEAL_STATE_LABELS, type AppealState, ATTACHMENT_EXTENSIONS } from '../../../../shared/appeals.ts';
import { FIELD_KIND_LABELS, SERVICE_RATING_LABELS, VISIT_FORM_LABELS } from '../../../../shared/contacts.ts';
import { STAFF_ROUTES, toPath } from '../../routes.ts';
import { FullPageSpin } from '../../ui/FullPageSpin.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { useApiError } from '../../ui/useApiError.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { completeFollowUp, downloadRecordFile, getRecord, uploadRecordFile, type FollowUp } from './api.ts';
import { researchOfRecord } from '../research/api.ts';

export default function FieldRecordPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const onError = useApiError();
  const { data: r, loading, reload } = useFetch((s) => getRecord(id!, s), [id]);
  // R2.4 a research visit links back to its task.
  const research = useFetch((s) => (r?.kind === 'research' ? researchOfRecord(r.id, s) : Promise.resolve(null)), [r?.kind, r?.id], { quietForbidden: true });
  const [done, setDone] = useState<FollowUp | null>(null);
  const [form] = Form.useForm();
  const [uploading, setUploading] = useState(false);
  const wide = Grid.useBreakpoint().md;

  if (loading && !r) return <FullPageSpin />;
  if (!r) return <Empty description="记录不存在或无权查看" />;

  const finish = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await completeFollowUp(done!.id, { version: done!.version, note: v.note });
      setDone(null);
      message.success('已办结');
      reload();
    } catch (e) {
      onError(e, { form, onConflict: reload });
    }
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        variant="borderless"
        title={
          <Space wrap>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label="返回" />
            <span>
              {r.visitedOn} {FIELD_KIND_LABELS[r.kind]}
            </span>
            <Tag>{VISIT_FORM_LABELS[r.form]}</Tag>
          </Space>
        }
        extra={
          r.pointId ? (
            <Link to={toPath(STAFF_ROUTES.contactPoint, { id: r.pointId })}>查看联系点</Link>
          ) : (
            <Link to={toPath(STAFF_ROUTES.enterprise, { id: r.enterpriseId })}>查看企业</Link>
          )
        }
      >
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} layout={wide ? 'horizontal' : 'vertical'}>
          <Descriptions.Item label="企业">{r.enterpriseName}</Descriptions.Item>
          <Descriptions.Item label="记录处室">{r.unitName}</Descriptions.Item>
          <Descriptions.Item label="参加人员">{[...r.leaders.map((l) => l.name), r.staffNames].filter(Boolean).join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label="记录人">
            {r.createdByName}（{formatDateTime(r.createdAt)}）
          </Descriptions.Item>
          {r.reference ? <Descriptions.Item label="编号">{r.reference}</Descriptions.Item> : null}
          {research.data?.task ? (
            <Descriptions.Item label="调研任务">
              <Link to={toPath(STAFF_ROUTES.researchTask, { id: research.data.task.id })} data-testid="record-research-task">
                {research.data.task.title}
              </Link>
            </Descriptions.Item>
          ) : null}
          {r.serviceRating ? (
            <Descriptions.Item label="企业对许可服务的评价">
              {SERVICE_RATING_LABELS[r.serviceRating]}
              {r.serviceComment ? `：${r.serviceComment}` : ''}
            </Descriptions.Item>
          ) : null}
          {r.policies ? (
            <Descriptions.Item label="宣讲的法规政策" span={2}>
              {r.policies}
            </Descriptions.Item>
          ) : null}
          {r.difficulties ? (
            <Descriptions.Item label="了解到的困难" span={2}>
              {r.difficulties}
            </Descriptions.Item>
          ) : null}
          {r.suggestions ? (
            <Descriptions.Item label="听取的意见建议" span={2}>
              {r.suggestions}
            </Descriptions.Item>
          ) : null}
          {r.statement ? (
            <Descriptions.Item label="企业的陈述、申辩" span={2}>
              {r.statement}
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label="发现的问题和情况" span={2}>
            <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{r.findings}</Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Card variant="borderless" title="后续措施">
        <List<FollowUp>
          dataSource={r.followUps}
          locale={{ emptyText: '无' }}
          renderItem={(f) => (
            <List.Item
              actions={
                f.doneAt
                  ? []
                  : [
                      <Button
                        key="done"
                        size="small"
                        onClick={() => {
                          form.resetFields();
                          setDone(f);
                        }}
                        data-testid="follow-up-done"
                      >
                        办结
                      </Button>,
                    ]
              }
            >
              <Space direction="vertical" size={2}>
                <Typography.Text>{f.description}</Typography.Text>
                <Space wrap size={4}>
                  {f.doneAt ? <Tag color="green">已办结</Tag> : <Tag color={f.overdue ? 'red' : 'gold'}>{f.overdue ? '已逾期' : '办理中'}</Tag>}
                  <Typography.Text type="secondary">
                    责任人 {f.ownerName} · 时限 {f.dueOn}
                    {f.doneAt ? ` · ${formatDateTime(f.doneAt)} 办结：${f.doneNote ?? ''}` : ''}
                  </Typography.Text>
                </Space>
              </Space>
            </List.Item>
          )}
        />
      </Card>

      <Card variant="borderless" title="现场提出的诉求">
        <List
          dataSource={r.appeals}
          locale={{ emptyText: '无' }}
          renderItem={(a) => (
            <List.Item>
              <Space wrap>
                <Link to={toPath(STAFF_ROUTES.appeal, { id: a.id })}>{a.number}</Link>
                <span>{a.title}</span>
                <Tag>{APPEAL_STATE_LABELS[a.state as AppealState] ?? ''}</Tag>
              </Space>
            </List.Item>
          )}
        />
      </Card>

      <Card
        variant="borderless"
        title="现场照片、签到表等附件"
        extra={
          <Upload
            accept={ATTACHMENT_EXTENSIONS.map((e) => `.${e}`).join(',')}
            showUploadList={false}
            beforeUpload={async (file) => {
              setUploading(true);
              try {
                await uploadRecordFile(r.id, file);
                reload();
              } catch (e) {
                onError(e);
              } finally {
                setUploading(false);
              }
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={uploading}>
              上传
            </Button>
          </Upload>
        }
      >
        <List
          dataSource={r.files}
          locale={{ emptyText: '暂无附件' }}
          renderItem={(f) => (
            <List.Item>
              <Button type="link" icon={<PaperClipOutlined />} onClick={() => downloadRecordFile(r.id, f.id, f.name).catch(onError)}>
                {f.name}
              </Button>
              <Typography.Text type="secondary">{f.uploadedByName}</Typography.Text>
            </List.Item>
          )}
        />
      </Card>

      <Modal open={Boolean(done)} title="后续措施办结" onCancel={() => setDone(null)} onOk={finish} okText="办结" cancelText="取消" destroyOnHidden>
        <Typography.Paragraph>{done?.description}</Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.Item name="note" label="落实情况" rules={[{ required: true, whitespace: true, message: '请写明落实情况' }]}>
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
