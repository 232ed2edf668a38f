import { useEffect, useState } from 'react';
import { Button, Checkbox, Drawer, Flex, Form, Input, InputNumber, Select } from 'antd';
import { createUnit, updateUnit, type Unit, type UnitInput } from './api.ts';
import { SECTOR_LABELS, UNIT_KIND_LABELS, optionsOf } from '../../ui/labels.ts';
import { useApiError } from '../../ui/useApiError.ts';

export const UNIT_LIMITS = { name: 50, shortName: 20, duties: 500 };

/** Create (unit = null) or edit a unit. */
export function UnitFormDrawer({
  open,
  unit,
  onClose,
  onSaved,
  onStale,
}: {
  open: boolean;
  unit: Unit | null;
  onClose: () => void;
  onSaved: () => void;
  /** The record changed on the server (version conflict): close and reload. */
  onStale: () => void;
}) {
  const [form] = Form.useForm<UnitInput>();
  const onError = useApiError();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (unit) {
      form.setFieldsValue({
        name: unit.name,
        shortName: unit.shortName ?? '',
        kind: unit.kind,
        sectors: unit.sectors,
        duties: unit.duties,
        sortOrder: unit.sortOrder,
      });
    }
  }, [open, unit, form]);

  const submit = async (values: UnitInput) => {
    const body = {
      name: values.name.trim(),
      shortName: values.shortName?.trim() || undefined,
      kind: values.kind,
      sectors: values.sectors ?? [],
      duties: values.duties?.trim() ?? '',
      sortOrder: values.sortOrder ?? undefined,
    };
    setSaving(true);
    try {
      if (unit) await updateUnit(unit.id, { ...body, shortName: body.shortName ?? null, version: unit.version });
      else await createUnit(body);
      onSaved();
    } catch (err) {
      onError(err, { form, onConflict: onStale });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      title={unit ? `编辑处室单位：${unit.name}` : '新建处室单位'}
      size={520}
      onClose={onClose}
      forceRender
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()}>
            保存
          </Button>
        </Flex>
      }
    >
      <Form<UnitInput> form={form} layout="vertical" onFinish={submit} initialValues={{ sectors: [], kind: 'business' }}>
        <Form.Item
          name="name"
          label="名称"
          rules={[
            { required: true, whitespace: true, message: '请输入名称' },
            { max: UNIT_LIMITS.name, message: `名称不超过 ${UNIT_LIMITS.name} 个字` },
          ]}
        >
          <Input placeholder="如：危险化学品安全监督管理处" />
        </Form.Item>
        <Form.Item name="shortName" label="简称" rules={[{ max: UNIT_LIMITS.shortName, message: `简称不超过 ${UNIT_LIMITS.shortName} 个字` }]}>
          <Input placeholder="如：危化处" />
        </Form.Item>
        <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
          <Select options={optionsOf(UNIT_KIND_LABELS)} />
        </Form.Item>
        <Form.Item name="sectors" label="对口行业" extra="业务对口：诉求按行业和事项类型分派到对口处室">
          <Checkbox.Group options={optionsOf(SECTOR_LABELS)} />
        </Form.Item>
        <Form.Item name="duties" label="职责" rules={[{ max: UNIT_LIMITS.duties, message: `职责不超过 ${UNIT_LIMITS.duties} 个字` }]}>
          <Input.TextArea rows={6} showCount maxLength={UNIT_LIMITS.duties} placeholder="主要职责，用于诉求分派参考" />
        </Form.Item>
        <Form.Item name="sortOrder" label="排序" extra="数字越小越靠前">
          <InputNumber min={0} max={9999} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
