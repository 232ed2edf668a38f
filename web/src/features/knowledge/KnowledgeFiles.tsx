// #19: the files of a knowledge article — the cited policy documents themselves, forms. Uploaded and
// removed while the text may be edited; otherwise the buttons say why not (the server's reason).
import { useState } from 'react';
import { App, Button, List, Popconfirm, Space, Typography, Upload } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { KNOWLEDGE_FILES_MAX } from '../../../../shared/knowledge.ts';
import { formatDateTime } from '../../ui/format.ts';
import { useApiError } from '../../ui/useApiError.ts';
import { ATTACHMENT_ACCEPT, fileProblem, formatSize } from '../appeals/Attachments.tsx';
import { downloadKnowledgeFile, removeKnowledgeFile, uploadKnowledgeFile, type KnowledgeView } from './api.ts';

export function KnowledgeFiles({ article, onChanged }: { article: KnowledgeView; onChanged: () => void }) {
  const onError = useApiError();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const full = article.files.length >= KNOWLEDGE_FILES_MAX;
  const refusal = article.filesRefusal ?? (full ? `每个知识条目最多 ${KNOWLEDGE_FILES_MAX} 个附件` : null);
  const upload = async (file: File) => {
    // The appeals' type and size checks (their per-appeal count does not apply: 0 existing).
    const problem = fileProblem(file, 0);
    if (problem) {
      message.error(problem);
      return;
    }
    setBusy(true);
    try {
      await uploadKnowledgeFile(article.id, file);
      message.success(`已上传「${file.name}」`);
      onChanged();
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  const remove = async (fileId: string) => {
    try {
      await removeKnowledgeFile(article.id, fileId);
      onChanged();
    } catch (e) {
      onError(e);
    }
  };
  return (
    <>
      <Space style={{ marginTop: 24, marginBottom: 8 }} align="center" wrap>
        <Typography.Title level={5} style={{ margin: 0 }}>
          附件（政策文件原文等）
        </Typography.Title>
        <Upload
          accept={ATTACHMENT_ACCEPT}
          showUploadList={false}
          disabled={Boolean(refusal)}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy} disabled={Boolean(refusal)} title={refusal ?? undefined} data-testid="knowledge-file-upload">
            上传附件
          </Button>
        </Upload>
        {refusal ? <Typography.Text type="secondary">{refusal}</Typography.Text> : null}
      </Space>
      <List
        size="small"
        bordered
        dataSource={article.files}
        locale={{ emptyText: '暂无附件' }}
        renderItem={(f) => (
          <List.Item
            actions={[
              <Popconfirm
                key="rm"
                title={`移除附件「${f.name}」？`}
                okText="移除"
                cancelText="取消"
                onConfirm={() => remove(f.id)}
                disabled={Boolean(article.filesRefusal)}
              >
                <Button
                  type="text"
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  disabled={Boolean(article.filesRefusal)}
                  title={article.filesRefusal ?? undefined}
                  aria-label={`移除附件${f.name}`}
                >
                  移除
                </Button>
              </Popconfirm>,
            ]}
          >
            <Space wrap>
              <Button
                type="link"
                icon={<PaperClipOutlined />}
                onClick={() => downloadKnowledgeFile(article.id, f.id, f.name).catch(onError)}
                style={{ padding: 0 }}
              >
                {f.name}
              </Button>
              <Typography.Text type="secondary">
                {formatSize(f.size)} · {f.uploadedByName} · {formatDateTime(f.createdAt)}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </>
  );
}
