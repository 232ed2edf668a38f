import { useEffect, useState } from 'react';
import { App, Button, Col, Form, InputNumber, Row, Space } from 'antd';
import type { SecuritySettings } from '../../../../shared/settings.ts';
import { getSecuritySettings, putSecuritySettings } from './api.ts';
import { FullPageSpin } from '../../ui/FullPageSpin.tsx';
import { PageCard } from '../../ui/PageCard.tsx';
import { useApiError } from '../../ui/useApiError.ts';
import { useFetch } from '../../ui/useFetch.ts';

type Key = keyof SecuritySettings;

// Ranges mirror shared/settings.ts (securitySettingsSchema), whose keys the server sends and accepts
// (it refuses unknown ones); the per-IP login rate is the LOGIN_RATE_PER_MINUTE setting of the deployment.
const FIELDS: { key: Key; label: string; unit: string; min: number; max: number; help: string }[] = [
  { key: 'lockThreshold', label: '登录失败限制次数', unit: '次', min: 3, max: 10, help: '同一地址对同一账号连续失败达到该次数后暂停该地址登录' },
  { key: 'lockMinutes', label: '暂停时长', unit: '分钟', min: 5, max: 1440, help: '首次暂停的时长，同一地址再次触发时逐次加倍（最长一天）' },
  { key: 'idleTimeoutMinutes', label: '会话空闲超时', unit: '分钟', min: 5, max: 120, help: '无操作超过该时长须重新登录' },
  { key: 'passwordMinLength', label: '密码最小长度', unit: '位', min: 8, max: 32, help: '且须包含大写、小写、数字、符号中的至少 3 类' },
  { key: 'passwordHistory', label: '密码历史', unit: '个', min: 0, max: 24, help: '新密码不能与最近该数量的历史密码相同（0 为不检查）' },
];

export default function SecuritySettingsPage() {
  const { message } = App.useApp();
  const onError = useApiError();
  const [form] = Form.useForm<SecuritySettings>();
  const [saving, setSaving] = useState(false);
  const { data, loading, reload } = useFetch((signal) => getSecuritySettings(signal), []);

  const fields = FIELDS;

  useEffect(() => {
    if (data) form.setFieldsValue(data.settings);
  }, [data, form]);

  const submit = async (values: SecuritySettings) => {
    if (!data) return;
    setSaving(true);
    try {
      await putSecuritySettings({ version: data.version, settings: values });
      message.success('安全策略已保存');
      reload();
    } catch (err) {
      onError(err, { form, mapField: (p) => [p.replace(/^settings\./, '')], onConflict: reload });
    } finally {
      setSaving(false);
    }
  };

  return (
    <PageCard title="安全策略" description="登录失败限制、会话超时和密码策略，对本级全部用户生效。">
      {loading && !data ? (
        <FullPageSpin />
      ) : (
        <Form<SecuritySettings> form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 720 }}>
          <Row gutter={24}>
            {fields.map((f) => (
              <Col xs={24} md={12} key={f.key}>
                <Form.Item
                  name={f.key}
                  label={f.label}
                  extra={`${f.help}（${f.min}–${f.max}${data?.defaults?.[f.key] !== undefined ? `，默认 ${data.defaults[f.key]}` : ''}）`}
                  rules={[
                    { required: true, message: `请输入${f.label}` },
                    { type: 'integer', min: f.min, max: f.max, message: `须为 ${f.min}–${f.max} 之间的整数` },
                  ]}
                >
                  <InputNumber min={f.min} max={f.max} precision={0} suffix={f.unit} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            ))}
          </Row>
          <Space>
            <Button type="primary" htmlType="submit" loading={saving} disabled={!data}>
              保存
            </Button>
            <Button onClick={() => data && form.setFieldsValue(data.settings)}>还原</Button>
          </Space>
        </Form>
      )}
    </PageCard>
  );
}
