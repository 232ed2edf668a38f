import { useEffect, useState } from 'react';
import { App, Button, Col, Form, InputNumber, Row, Space } from 'antd';
import { api } from '../api/client.ts';
import type { SecuritySettingsResponse, SecuritySettingsValues } from '../api/types.ts';
import { FullPageSpin } from '../components/FullPageSpin.tsx';
import { PageCard } from '../components/PageCard.tsx';
import { useApiError } from '../components/useApiError.ts';
import { useFetch } from '../components/useFetch.ts';

type Key = keyof SecuritySettingsValues;

// Ranges mirror shared/settings.ts (securitySettingsSchema). Only keys the server sends are shown
// and sent back, because the server refuses unknown keys.
const FIELDS: { key: Key; label: string; unit: string; min: number; max: number; help: string }[] = [
  { key: 'lockThreshold', label: '登录失败锁定次数', unit: '次', min: 3, max: 10, help: '连续登录失败达到该次数后锁定账号' },
  { key: 'lockMinutes', label: '锁定时长', unit: '分钟', min: 5, max: 1440, help: '账号锁定后自动解锁的时间' },
  { key: 'idleTimeoutMinutes', label: '会话空闲超时', unit: '分钟', min: 5, max: 120, help: '无操作超过该时长须重新登录' },
  { key: 'loginRatePerMinute', label: '登录频率限制', unit: '次/分钟', min: 1, max: 1000, help: '同一来源每分钟允许的登录请求数' },
  { key: 'passwordMinLength', label: '密码最小长度', unit: '位', min: 8, max: 32, help: '且须包含大写、小写、数字、符号中的至少 3 类' },
];

export default function SecuritySettingsPage() {
  const { message } = App.useApp();
  const onError = useApiError();
  const [form] = Form.useForm<SecuritySettingsValues>();
  const [saving, setSaving] = useState(false);
  const { data, loading, reload } = useFetch(
    (signal) => api.get<SecuritySettingsResponse>('/security-settings', undefined, signal),
    [],
  );

  const fields = FIELDS.filter((f) => data && data.settings[f.key] !== undefined);

  useEffect(() => {
    if (data) form.setFieldsValue(data.settings);
  }, [data, form]);

  const submit = async (values: SecuritySettingsValues) => {
    if (!data) return;
    const settings = Object.fromEntries(fields.map((f) => [f.key, values[f.key]]));
    setSaving(true);
    try {
      await api.put<SecuritySettingsResponse>('/security-settings', { version: data.version, settings });
      message.success('安全策略已保存');
      reload();
    } catch (err) {
      onError(err, { form, mapField: (p) => [p.replace(/^settings\./, '')], onConflict: reload });
    } finally {
      setSaving(false);
    }
  };

  return (
    <PageCard title="安全策略" description="登录锁定、会话超时和密码策略，对本级全部用户生效。">
      {loading && !data ? (
        <FullPageSpin />
      ) : (
        <Form<SecuritySettingsValues> form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 720 }}>
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
