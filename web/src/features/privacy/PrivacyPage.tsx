import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Popconfirm, Space, Typography } from 'antd';
import { DeleteOutlined, DownloadOutlined } from '@ant-design/icons';
import { contactExportHref, maskContact, staffExportHref, type MaskResult } from './api.ts';
import { PageCard } from '../../ui/PageCard.tsx';
import { useApiError } from '../../ui/useApiError.ts';

const MOBILE = /^1\d{10}$/;

/**
 * 个人信息请求 (issue 21, 个人信息保护法): what the system holds about an enterprise contact (by mobile
 * number) or a staff member (by username), exported as .xlsx; an enterprise contact's registry entries
 * and the numbers of sent SMS can be masked, while appeals stay as official records. Security
 * administrator only; every export and masking is in the audit log.
 */
export default function PrivacyPage() {
  const { message } = App.useApp();
  const onError = useApiError();
  const [mobile, setMobile] = useState('');
  const [username, setUsername] = useState('');
  const [masking, setMasking] = useState(false);
  const [masked, setMasked] = useState<(MaskResult & { mobile: string }) | null>(null);
  const mobileOk = MOBILE.test(mobile);
  const usernameOk = username.trim().length > 0;

  const mask = async () => {
    setMasking(true);
    try {
      const r = await maskContact(mobile);
      setMasked({ ...r, mobile });
      message.success('已删除（脱敏）可删除的个人信息');
    } catch (err) {
      onError(err);
    } finally {
      setMasking(false);
    }
  };

  return (
    <PageCard
      title="个人信息请求"
      description="依据《个人信息保护法》办理查阅复制、删除请求：导出系统中与本人相关的全部个人信息；企业名录中的联系人信息和已发送短信的号码可删除（脱敏），诉求办理记录属于公务档案，按档案规定保存。每次导出和删除均记入审计日志，由审计管理员监督。"
    >
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Card title="企业联系人" size="small">
          <Form layout="inline" style={{ rowGap: 8 }}>
            <Form.Item
              label="手机号码"
              validateStatus={mobile && !mobileOk ? 'error' : undefined}
              help={mobile && !mobileOk ? '请输入 11 位手机号码' : undefined}
            >
              <Input
                value={mobile}
                onChange={(e) => {
                  setMobile(e.target.value.trim());
                  setMasked(null);
                }}
                placeholder="如 13800138000"
                maxLength={11}
                style={{ width: 180 }}
                allowClear
              />
            </Form.Item>
            <Form.Item>
              <Space>
                <Button
                  type="primary"
                  icon={<DownloadOutlined />}
                  href={mobileOk ? contactExportHref(mobile) : undefined}
                  download
                  disabled={!mobileOk}
                  title={mobileOk ? undefined : '请先输入 11 位手机号码'}
                >
                  导出个人信息（.xlsx）
                </Button>
                <Popconfirm
                  title="删除（脱敏）该联系人的个人信息？"
                  description="企业名录中该号码联系人的姓名和手机号码、已发送短信的号码将被脱敏，不可恢复；诉求记录按档案规定保留。"
                  okText="删除（脱敏）"
                  okButtonProps={{ danger: true }}
                  onConfirm={mask}
                  disabled={!mobileOk}
                >
                  <Button danger icon={<DeleteOutlined />} loading={masking} disabled={!mobileOk} title={mobileOk ? undefined : '请先输入 11 位手机号码'}>
                    删除（脱敏）
                  </Button>
                </Popconfirm>
              </Space>
            </Form.Item>
          </Form>
          {masked ? (
            <Alert
              type="success"
              showIcon
              style={{ marginTop: 12 }}
              title={`已脱敏：企业名录 ${masked.enterprises} 家企业的联系人、短信 ${masked.sms} 条；诉求记录 ${masked.keptAppeals} 件按档案规定保留`}
            />
          ) : null}
        </Card>
        <Card title="工作人员" size="small">
          <Form layout="inline">
            <Form.Item label="用户名">
              <Input value={username} onChange={(e) => setUsername(e.target.value)} placeholder="工作人员的登录用户名" style={{ width: 200 }} allowClear />
            </Form.Item>
            <Form.Item>
              <Button
                icon={<DownloadOutlined />}
                href={usernameOk ? staffExportHref(username.trim()) : undefined}
                download
                disabled={!usernameOk}
                title={usernameOk ? undefined : '请先输入用户名'}
              >
                导出个人信息（.xlsx）
              </Button>
            </Form.Item>
          </Form>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            包括账号信息和本人操作的审计记录（最近 1000 条）。审计记录依等级保护要求不可删除或修改；账号停用由系统管理员办理。
          </Typography.Paragraph>
        </Card>
      </Space>
    </PageCard>
  );
}
