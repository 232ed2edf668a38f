import { Col, Form, Input, InputNumber, Row, Select, Switch, Tag, Typography } from 'antd';
import type { FormInstance } from 'antd';
import type { TenantSettings } from '../../../../shared/settings.ts';
import { CONTACT_CLOCK_LABELS, optionsOf } from '../../ui/labels.ts';
import { checkOfficeHours } from './settingsMeta.ts';
import type { SettingMeta } from './settingsMeta.ts';

export type SettingsFormValues = Record<string, { custom: boolean; value: unknown }>;

function display(meta: SettingMeta, v: unknown): string {
  if (meta.type === 'clock') return CONTACT_CLOCK_LABELS[v as TenantSettings['contactClock']] ?? String(v);
  return meta.unit ? `${String(v)} ${meta.unit}` : String(v);
}

/** One parameter: label, default, "custom" switch and the value input (disabled while default). */
export function SettingRow({
  meta,
  defaultValue,
  defaultLabel,
  form,
}: {
  meta: SettingMeta;
  defaultValue: unknown;
  defaultLabel: string;
  form: FormInstance<SettingsFormValues>;
}) {
  const custom = Form.useWatch([meta.key, 'custom'], form) as boolean | undefined;

  const input =
    meta.type === 'clock' ? (
      <Select options={optionsOf(CONTACT_CLOCK_LABELS)} disabled={!custom} style={{ width: '100%' }} aria-label={meta.label} />
    ) : meta.type === 'officeHours' ? (
      <Input disabled={!custom} placeholder="08:30-12:00,13:00-17:30" aria-label={meta.label} />
    ) : (
      <InputNumber min={meta.min} max={meta.max} precision={0} suffix={meta.unit} disabled={!custom} style={{ width: '100%' }} aria-label={meta.label} />
    );

  const rules =
    meta.type === 'int'
      ? [
          { required: !!custom, message: '请输入数值' },
          { type: 'integer' as const, min: meta.min, max: meta.max, message: `须为 ${meta.min}–${meta.max} 之间的整数` },
        ]
      : meta.type === 'officeHours'
        ? [
            { required: !!custom, message: '请输入办公时段' },
            {
              validator: async (_: unknown, v: string | undefined) => {
                const problem = custom && v ? checkOfficeHours(v) : null;
                if (problem) throw new Error(problem);
              },
            },
          ]
        : [{ required: !!custom, message: '请选择' }];

  return (
    <Row gutter={16} align="middle" style={{ padding: '12px 0', borderBottom: '1px solid #f0f0f0' }} data-testid={`setting-${meta.key}`}>
      <Col xs={24} md={9}>
        <div>
          {meta.label}
          {meta.rule ? <Tag style={{ marginLeft: 8 }}>{meta.rule}</Tag> : null}
        </div>
        {meta.help ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {meta.help}
          </Typography.Text>
        ) : null}
      </Col>
      <Col xs={12} md={5}>
        <Typography.Text type="secondary">
          {defaultLabel}：{display(meta, defaultValue)}
        </Typography.Text>
      </Col>
      <Col xs={12} md={3}>
        <Form.Item name={[meta.key, 'custom']} valuePropName="checked" noStyle>
          <Switch checkedChildren="自定义" unCheckedChildren="默认" />
        </Form.Item>
      </Col>
      <Col xs={24} md={7}>
        <Form.Item name={[meta.key, 'value']} rules={rules} style={{ margin: 0 }} dependencies={[[meta.key, 'custom']]}>
          {input}
        </Form.Item>
      </Col>
    </Row>
  );
}
