import { Alert, App, Button, Descriptions, Modal, Typography } from 'antd';
import { CopyOutlined } from '@ant-design/icons';

/** Shows a freshly issued initial password once, with a copy button. */
export function InitialPasswordModal({
  open,
  username,
  displayName,
  password,
  onClose,
}: {
  open: boolean;
  username: string;
  displayName: string;
  password: string;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(password);
      message.success('初始密码已复制');
    } catch {
      message.warning('无法访问剪贴板，请手动选择复制');
    }
  };
  return (
    <Modal
      open={open}
      title="初始密码"
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose}>
          我已记下
        </Button>
      }
    >
      <Alert type="warning" showIcon title="初始密码仅显示这一次，请通过安全渠道告知本人。用户首次登录时须修改密码。" style={{ marginBottom: 16 }} />
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label="用户">
          {displayName}（{username}）
        </Descriptions.Item>
        <Descriptions.Item label="初始密码">
          <Typography.Text code copyable={false} style={{ fontSize: 16 }} data-testid="initial-password">
            {password}
          </Typography.Text>
          <Button size="small" icon={<CopyOutlined />} onClick={copy} style={{ marginLeft: 8 }}>
            复制
          </Button>
        </Descriptions.Item>
      </Descriptions>
    </Modal>
  );
}
