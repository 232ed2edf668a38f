import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Popconfirm, Space, Tag } from 'antd';
import type { TenantSettingsOverrides } from '../../../../shared/settings.ts';
import { getTenantSettings, putTenantSettings, type SettingKey, type TenantSettingsResponse } from './api.ts';
import { useMe } from '../../auth/session.ts';
import { FullPageSpin } from '../../ui/FullPageSpin.tsx';
import { PageCard } from '../../ui/PageCard.tsx';
import { SettingRow } from './SettingRow.tsx';
import type { SettingsFormValues } from './SettingRow.tsx';
import { useApiError } from '../../ui/useApiError.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { SETTING_GROUPS, SETTING_KEYS } from './settingsMeta.ts';

function toFormValues(data: TenantSettingsResponse): SettingsFormValues {
  const values: SettingsFormValues = {};
  for (const key of SETTING_KEYS) {
    const custom = data.overrides[key] !== undefined;
    values[key] = { custom, value: custom ? data.overrides[key] : data.defaults[key] };
  }
  return values;
}

function toOverrides(values: SettingsFormValues): TenantSettingsOverrides {
  const overrides: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    const v = values[key];
    if (v?.custom) overrides[key] = typeof v.value === 'string' ? v.value.trim() : v.value;
  }
  return overrides as TenantSettingsOverrides;
}

export default function TenantSettingsPage() {
  const me = useMe();
  const { message } = App.useApp();
  const onError = useApiError();
  const [form] = Form.useForm<SettingsFormValues>();
  const [saving, setSaving] = useState(false);
  const { data, loading, reload } = useFetch((signal) => getTenantSettings(signal), []);
  const isCity = me.tenant.kind === 'city';
  const defaultLabel = isCity ? '省厅默认' : '《若干措施》默认';

  useEffect(() => {
    if (data) form.setFieldsValue(toFormValues(data));
  }, [data, form]);

  const onValuesChange = (changed: Partial<SettingsFormValues>) => {
    if (!data) return;
    for (const [key, v] of Object.entries(changed)) {
      if (v && 'custom' in v && v.custom === false) {
        form.setFieldValue([key, 'value'], data.defaults[key as SettingKey]);
        form.setFields([{ name: [key, 'value'], errors: [] }]);
      }
    }
  };

  const submit = async (values: SettingsFormValues) => {
    if (!data) return;
    setSaving(true);
    try {
      await putTenantSettings({ version: data.version, overrides: toOverrides(values) });
      message.success('参数已保存');
      reload();
    } catch (err) {
      onError(err, {
        form,
        mapField: (p) => [p.replace(/^(overrides|settings)\./, ''), 'value'],
        onConflict: reload,
      });
    } finally {
      setSaving(false);
    }
  };

  const resetAll = () => {
    if (!data) return;
    const values: SettingsFormValues = {};
    for (const key of SETTING_KEYS) values[key] = { custom: false, value: data.defaults[key] };
    form.setFieldsValue(values);
  };

  const overrideCount = data ? Object.keys(data.overrides).length : 0;

  return (
    <PageCard
      title="工作规则参数"
      description={`${me.tenant.name}执行的时限、轮换和走访等参数。未自定义的项目采用${defaultLabel}值。`}
      extra={data ? <Tag color={overrideCount ? 'blue' : 'default'}>已自定义 {overrideCount} 项</Tag> : null}
    >
      {isCity ? (
        <Alert
          type="info"
          showIcon
          title="各市参照《若干措施》制定本市措施（R8.1）：可对个别参数自定义，关闭“自定义”即恢复为省厅默认值。"
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {loading && !data ? (
        <FullPageSpin />
      ) : (
        <Form<SettingsFormValues> form={form} onFinish={submit} onValuesChange={onValuesChange}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            {SETTING_GROUPS.map((g) => (
              <Card key={g.title} size="small" title={g.title}>
                {data
                  ? g.items.map((meta) => (
                      <SettingRow key={meta.key} meta={meta} defaultValue={data.defaults[meta.key]} defaultLabel={defaultLabel} form={form} />
                    ))
                  : null}
              </Card>
            ))}
            <Space>
              <Button type="primary" htmlType="submit" loading={saving} disabled={!data}>
                保存
              </Button>
              <Button onClick={() => data && form.setFieldsValue(toFormValues(data))}>撤销修改</Button>
              <Popconfirm title="全部恢复为默认值？" description="保存后生效。" onConfirm={resetAll}>
                <Button disabled={!data}>全部恢复默认</Button>
              </Popconfirm>
            </Space>
          </Space>
        </Form>
      )}
    </PageCard>
  );
}
