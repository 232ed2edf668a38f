import { useEffect, useMemo, useState } from 'react';
import { AutoComplete, Button, Drawer, Flex, Form, Input, InputNumber, Select } from 'antd';
import { createLeader, updateLeader, type Leader, type LeaderInput, type User } from './api.ts';
import { useApiError } from '../../ui/useApiError.ts';

const TITLE_OPTIONS = ['厅长', '副厅长', '总工程师', '总经济师', '一级巡视员', '二级巡视员', '局长', '副局长'].map((value) => ({
  value,
}));

export function LeaderFormDrawer({
  open,
  leader,
  unitOptions,
  users,
  usersLoading,
  onClose,
  onSaved,
  onStale,
}: {
  open: boolean;
  leader: Leader | null;
  unitOptions: { value: string; label: string }[];
  users: User[];
  usersLoading: boolean;
  onClose: () => void;
  onSaved: () => void;
  onStale: () => void;
}) {
  const [form] = Form.useForm<LeaderInput>();
  const onError = useApiError();
  const [saving, setSaving] = useState(false);

  const userOptions = useMemo(
    () => users.filter((u) => !u.disabled || u.id === leader?.userId).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` })),
    [users, leader],
  );

  // Archived units still in the portfolio are shown (flagged) so the user removes them knowingly;
  // the server refuses archived units in unitIds.
  const activeUnitIds = useMemo(() => new Set(unitOptions.map((o) => o.value)), [unitOptions]);
  const mergedUnitOptions = useMemo(() => {
    const extra = (leader?.units ?? []).filter((u) => !unitOptions.some((o) => o.value === u.id)).map((u) => ({ value: u.id, label: `${u.name}（已归档）` }));
    return [...unitOptions, ...extra];
  }, [unitOptions, leader]);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (leader) {
      form.setFieldsValue({ name: leader.name, title: leader.title, userId: leader.userId, unitIds: leader.unitIds, sortOrder: leader.sortOrder });
    }
  }, [open, leader, form]);

  const submit = async (values: LeaderInput) => {
    const body = {
      name: values.name.trim(),
      title: values.title.trim(),
      userId: values.userId ?? null,
      unitIds: values.unitIds ?? [],
      sortOrder: values.sortOrder ?? undefined,
    };
    setSaving(true);
    try {
      if (leader) await updateLeader(leader.id, { ...body, version: leader.version });
      else await createLeader({ ...body, userId: body.userId ?? undefined });
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
      title={leader ? `编辑领导：${leader.name}` : '新增领导'}
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
      <Form<LeaderInput> form={form} layout="vertical" onFinish={submit} initialValues={{ unitIds: [] }}>
        <Form.Item
          name="name"
          label="姓名"
          rules={[
            { required: true, whitespace: true, message: '请输入姓名' },
            { max: 30, message: '姓名不超过 30 个字' },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="title"
          label="职务"
          rules={[
            { required: true, whitespace: true, message: '请输入职务' },
            { max: 30, message: '职务不超过 30 个字' },
          ]}
        >
          <AutoComplete options={TITLE_OPTIONS} placeholder="如：副厅长" />
        </Form.Item>
        <Form.Item name="userId" label="关联登录账号" extra="关联后该账号可按分管范围查看数据（需安全管理员授予“厅领导”角色）">
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} loading={usersLoading} options={userOptions} placeholder="选择用户（可不关联）" />
        </Form.Item>
        <Form.Item
          name="unitIds"
          label="分管处室单位"
          rules={[
            { type: 'array', max: 30, message: '分管处室不超过 30 个' },
            {
              validator: async (_, ids: string[] | undefined) => {
                if (unitOptions.length > 0 && (ids ?? []).some((id) => !activeUnitIds.has(id))) {
                  throw new Error('已归档的处室不能作为分管处室，请移除');
                }
              },
            },
          ]}
        >
          <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={mergedUnitOptions} placeholder="选择分管处室单位" />
        </Form.Item>
        <Form.Item name="sortOrder" label="排序" extra="数字越小越靠前（如厅长排在最前）">
          <InputNumber min={0} max={9999} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
