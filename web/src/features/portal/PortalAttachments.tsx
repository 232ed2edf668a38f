// The enterprise's attachments of one appeal (issue 7): the files its own accounts uploaded (the
// handling side's working papers are never listed), download links, and an uploader while the
// appeal is open. The server checks type, size and content again (文件内容与扩展名不符); its refusal
// is shown as it comes.
import { App, Button, Flex, List, Typography, Upload } from 'antd';
import type { UploadProps } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { ATTACHMENT_EXTENSIONS, ATTACHMENT_MAX_BYTES, PORTAL_ATTACHMENTS_PER_APPEAL } from '../../../../shared/appeals.ts';
import { myAttachments, portalAttachmentHref, uploadPortalAttachment } from './api.ts';
import { ATTACHMENT_ACCEPT, formatSize } from '../appeals/Attachments.tsx';
import { useApiError } from '../../ui/useApiError.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { formatDateTime } from '../../ui/format.ts';

export const PORTAL_ATTACHMENT_LIMITS_TEXT = `支持 ${ATTACHMENT_EXTENSIONS.join('、')}；单个不超过 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB；最多 ${PORTAL_ATTACHMENTS_PER_APPEAL} 个`;

/** The server's checks that need no file content, with its wording; null when the file may be sent. */
export function portalFileProblem(file: { name: string; size: number }, existing: number): string | null {
  const ext = file.name.includes('.') ? file.name.split('.').pop()!.toLowerCase() : '';
  if (!(ATTACHMENT_EXTENSIONS as readonly string[]).includes(ext)) return `不支持的附件类型，仅限 ${ATTACHMENT_EXTENSIONS.join('、')}`;
  if (file.size > ATTACHMENT_MAX_BYTES) return `附件不能超过 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB`;
  if (file.size === 0) return '文件为空';
  if (existing >= PORTAL_ATTACHMENTS_PER_APPEAL) return `每件诉求企业最多上传${PORTAL_ATTACHMENTS_PER_APPEAL}个附件`;
  return null;
}

export function PortalAttachments({ appealId }: { appealId: string }) {
  const { message } = App.useApp();
  const onError = useApiError();
  const [busy, setBusy] = useState(false);
  const { data, reload } = useFetch((signal) => myAttachments(appealId, signal), [appealId]);
  if (!data) return null;

  const props: UploadProps = {
    accept: ATTACHMENT_ACCEPT,
    multiple: false,
    showUploadList: false,
    disabled: busy,
    beforeUpload: (file) => {
      const problem = portalFileProblem(file, data.total);
      if (problem) {
        message.error(problem);
        return Upload.LIST_IGNORE;
      }
      return true;
    },
    customRequest: ({ file, onSuccess, onError: failed }) => {
      setBusy(true);
      uploadPortalAttachment(appealId, file as File)
        .then((saved) => {
          onSuccess?.(saved);
          message.success(`已上传「${saved.name}」`);
          reload();
        })
        .catch((err: unknown) => {
          failed?.(err as Error);
          onError(err);
        })
        .finally(() => setBusy(false));
    },
  };

  return (
    <Flex vertical gap={8} data-testid="portal-attachments">
      {data.items.length ? (
        <List
          size="small"
          dataSource={data.items}
          renderItem={(f) => (
            <List.Item style={{ paddingInline: 0 }}>
              <Flex vertical style={{ minWidth: 0 }}>
                <a href={portalAttachmentHref(appealId, f.id)} download={f.name} data-testid="portal-attachment-link" style={{ wordBreak: 'break-all' }}>
                  <PaperClipOutlined /> {f.name}
                </a>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatSize(f.size)} · {f.uploadedByName} · {formatDateTime(f.createdAt)}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      ) : (
        <Typography.Text type="secondary">暂无附件</Typography.Text>
      )}
      {data.canUpload ? (
        <Flex vertical gap={4}>
          <Upload {...props}>
            <Button icon={<UploadOutlined />} loading={busy} data-testid="portal-attachment-upload">
              补充附件
            </Button>
          </Upload>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {PORTAL_ATTACHMENT_LIMITS_TEXT}（还可上传 {data.remaining} 个）
          </Typography.Text>
        </Flex>
      ) : null}
    </Flex>
  );
}
