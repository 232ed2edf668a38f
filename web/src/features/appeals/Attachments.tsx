// Appeal attachments (附件): the list with download links, the uploader of the appeal page, and the
// evidence field of the contact / co-handling dialogs (call note, site photo). Files go to
// POST /api/appeals/:id/attachments (multipart: `file`, optional `note`); the server's limits
// (shared/appeals.ts) are shown and checked here first with the server's own wording, and any
// refusal the server still sends (e.g. 文件内容与扩展名不符) is shown as it comes.
import { type ReactNode, useRef, useState } from 'react';
import { App, Button, Input, List, Space, Typography, Upload } from 'antd';
import type { UploadFile, UploadProps } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { ATTACHMENT_EXTENSIONS, ATTACHMENT_MAX_BYTES, ATTACHMENTS_PER_APPEAL } from '../../../../shared/appeals.ts';
import { useApiError } from '../../ui/useApiError.ts';
import { formatDateTime } from '../../ui/format.ts';
import { downloadHref, uploadAttachment, type AppealAttachment } from './api.ts';

export const ATTACHMENT_ACCEPT = ATTACHMENT_EXTENSIONS.map((e) => `.${e}`).join(',');
export const ATTACHMENT_LIMITS_TEXT = `支持 ${ATTACHMENT_EXTENSIONS.join('、')}；单个不超过 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB；每件诉求最多 ${ATTACHMENTS_PER_APPEAL} 个`;

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The server's checks that need no file content, with its messages; null when the file may be sent. */
export function fileProblem(file: { name: string; size: number }, existing: number): string | null {
  const ext = file.name.includes('.') ? file.name.split('.').pop()!.toLowerCase() : '';
  if (!(ATTACHMENT_EXTENSIONS as readonly string[]).includes(ext)) return `不支持的附件类型，仅限 ${ATTACHMENT_EXTENSIONS.join('、')}`;
  if (file.size > ATTACHMENT_MAX_BYTES) return '附件不能超过 10 MB';
  if (file.size === 0) return '文件为空';
  if (existing >= ATTACHMENTS_PER_APPEAL) return `每件诉求最多${ATTACHMENTS_PER_APPEAL}个附件`;
  return null;
}

export function AttachmentList({
  appealId,
  items,
  action,
}: {
  appealId: string;
  items: AppealAttachment[];
  /** Issue 22: e.g. the withdraw button of a file the user may withdraw. */
  action?: (f: AppealAttachment) => ReactNode;
}) {
  if (!items.length) return <Typography.Text type="secondary">暂无附件</Typography.Text>;
  return (
    <List
      size="small"
      dataSource={items}
      data-testid="attachment-list"
      renderItem={(f) => (
        <List.Item extra={action?.(f)}>
          <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
            <a href={downloadHref(appealId, f.id)} download={f.name} data-testid="attachment-link">
              <PaperClipOutlined /> {f.name}
            </a>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatSize(f.size)} · {f.uploadedByName} · {formatDateTime(f.createdAt)}
              {f.note ? ` · ${f.note}` : ''}
            </Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}

/** The appeal page's uploader: one file at a time with an optional note; `onUploaded` reloads the page. */
export function AttachmentUploader({ appealId, count, onUploaded }: { appealId: string; count: number; onUploaded: (a: AppealAttachment) => void }) {
  const { message } = App.useApp();
  const onError = useApiError();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const full = count >= ATTACHMENTS_PER_APPEAL;
  const props: UploadProps = {
    accept: ATTACHMENT_ACCEPT,
    multiple: false,
    showUploadList: false,
    disabled: busy || full,
    beforeUpload: (file) => {
      const problem = fileProblem(file, count);
      if (problem) {
        message.error(problem);
        return Upload.LIST_IGNORE;
      }
      return true;
    },
    customRequest: ({ file, onSuccess, onError: failed }) => {
      setBusy(true);
      uploadAttachment(appealId, file as File, note.trim())
        .then((saved) => {
          onSuccess?.(saved);
          setNote('');
          message.success(`已上传「${saved.name}」`);
          onUploaded(saved);
        })
        .catch((err: unknown) => {
          failed?.(err as Error);
          onError(err);
        })
        .finally(() => setBusy(false));
    },
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="attachment-uploader">
      <Space.Compact style={{ width: '100%' }}>
        <Input placeholder="附件说明（可选）" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} disabled={full} />
        <Upload {...props}>
          <Button icon={<UploadOutlined />} loading={busy} disabled={full} data-testid="attachment-upload">
            上传附件
          </Button>
        </Upload>
      </Space.Compact>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {full ? `已达上限（每件诉求最多 ${ATTACHMENTS_PER_APPEAL} 个附件）` : ATTACHMENT_LIMITS_TEXT}
      </Typography.Text>
    </Space>
  );
}

/**
 * Form control (value: attachment ids) for evidence in the contact and co-handling dialogs: each
 * file is uploaded to the appeal at once and its id sent with the action (`attachmentIds`). Removing
 * it here only drops it from the action; the file stays among the appeal's attachments.
 */
export function EvidenceUpload({
  appealId,
  existing,
  value,
  onChange,
  noteLabel,
}: {
  appealId: string;
  existing: number;
  value?: string[];
  onChange?: (ids: string[]) => void;
  /** Stored as the attachment's note, e.g. 联系企业证据. */
  noteLabel: string;
}) {
  const { message } = App.useApp();
  const onError = useApiError();
  const [files, setFiles] = useState<UploadFile[]>([]);
  // Uploads finish in any order: the ids so far live in a ref, not in a render's closure.
  const ids = useRef<string[]>(value ?? []);
  const uploadedHere = files.filter((f) => f.status === 'done').length;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Upload
        accept={ATTACHMENT_ACCEPT}
        multiple
        fileList={files}
        beforeUpload={(file) => {
          const problem = fileProblem(file, existing + uploadedHere);
          if (problem) {
            message.error(problem);
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={({ file, onSuccess, onError: failed }) => {
          const f = file as File & { uid: string };
          uploadAttachment(appealId, f, noteLabel)
            .then((saved) => {
              onSuccess?.(saved);
              setFiles((list) =>
                list.map((x) => (x.uid === f.uid ? { ...x, status: 'done', uid: f.uid, response: saved, url: downloadHref(appealId, saved.id) } : x)),
              );
              ids.current = [...ids.current, saved.id];
              onChange?.(ids.current);
            })
            .catch((err: unknown) => {
              failed?.(err as Error);
              setFiles((list) => list.filter((x) => x.uid !== f.uid));
              onError(err);
            });
        }}
        onChange={({ fileList }) => setFiles(fileList.filter((x) => x.status !== 'error'))}
        onRemove={(f) => {
          const saved = f.response as AppealAttachment | undefined;
          if (saved) {
            ids.current = ids.current.filter((x) => x !== saved.id);
            onChange?.(ids.current);
          }
          return true;
        }}
      >
        <Button icon={<UploadOutlined />} data-testid="evidence-upload">
          添加证据材料
        </Button>
      </Upload>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        如通话记录、现场照片；{ATTACHMENT_LIMITS_TEXT}。上传后即列入本诉求附件。
      </Typography.Text>
    </Space>
  );
}
