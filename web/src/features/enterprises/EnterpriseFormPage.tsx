// 登记 / 编辑企业: the server validates (USCC check, region, sub-sector…) and its per-field
// Chinese messages are shown on the fields. Edits carry the version (409 → reload).
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { App, Button, Card, Cascader, Col, Form, Input, Radio, Row, Select, Space, Switch } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { FullPageSpin } from '../../ui/FullPageSpin.tsx';
import { useApiError } from '../../ui/useApiError.ts';
import { useUnits } from '../organisation/useUnits.ts';
import { optionsOf } from '../../ui/labels.ts';
import { useEnterpriseMeta } from './EnterpriseListPage.tsx';
import { ENTERPRISE_STATUS_LABELS, OWNERSHIP_LABELS, SECTOR_LABELS, SIZE_LABELS, SUB_SECTOR_LABELS } from './labels.ts';
import { createEnterprise, getEnterprise, updateEnterprise, type Contact, type Enterprise } from './api.ts';

type FormValues = Omit<Enterprise, 'regionCode'> & { region: string[] };

export default function EnterpriseFormPage() {
  const { id } = useParams();
  const editing = Boolean(id);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const onError = useApiError();
  const [form] = Form.useForm<FormValues>();
  const { data: meta } = useEnterpriseMeta();
  const { options: unitOptions } = useUnits(false, true);
  const [record, setRecord] = useState<Enterprise | null>(null);
  const [saving, setSaving] = useState(false);
  const sector = Form.useWatch('sector', form);
  const struggling = Form.useWatch('struggling', form);

  const regionOptions = useMemo(
    () => (meta?.regions ?? []).map((c) => ({ value: c.code, label: c.name, children: c.counties.map((r) => ({ value: r.code, label: r.name })) })),
    [meta],
  );
  const cityOfCounty = (code: string) => meta?.regions.find((c) => c.counties.some((x) => x.code === code))?.code ?? `${code.slice(0, 4)}00`;

  const load = async () => {
    if (!id) return;
    try {
      const e = await getEnterprise(id!);
      setRecord(e);
      form.setFieldsValue({ ...e, region: [cityOfCounty(e.regionCode), e.regionCode] });
    } catch (err) {
      onError(err);
    }
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: load once per record id and once the region list (meta) is there
  useEffect(() => {
    void load();
  }, [id, meta]);

  if (editing && !record) return <FullPageSpin />;

  const submit = async (v: FormValues) => {
    const body = {
      name: v.name,
      uscc: v.uscc,
      regionCode: v.region?.[1] ?? '',
      sector: v.sector,
      subSector: v.sector === 'industry' ? (v.subSector ?? null) : null,
      ownership: v.ownership,
      size: v.size,
      status: v.status,
      struggling: Boolean(v.struggling),
      strugglingReason: v.struggling ? (v.strugglingReason ?? null) : null,
      supervisingUnitId: v.supervisingUnitId ?? null,
      address: v.address || null,
      tags: v.tags ?? [],
      contacts: (v.contacts ?? []).map((c: Contact) => ({
        ...(c.id ? { id: c.id } : {}),
        name: c.name,
        post: c.post || null,
        mobile: c.mobile || null,
        landline: c.landline || null,
      })),
    };
    setSaving(true);
    try {
      const saved = editing ? await updateEnterprise(id!, { ...body, version: record!.version }) : await createEnterprise(body);
      message.success(editing ? '已保存' : '已登记');
      navigate(`/enterprises/${saved.id}`, { replace: true });
    } catch (err) {
      onError(err, {
        form,
        onConflict: load,
        mapField: (p) => (p === 'regionCode' ? ['region'] : p.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s))),
      });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card variant="borderless" title={editing ? `编辑企业：${record?.name}` : '登记企业'}>
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ status: 'operating', struggling: false, contacts: [{}] }}
        style={{ maxWidth: 960 }}
      >
        <Row gutter={16}>
          <Col xs={24} md={14}>
            <Form.Item name="name" label="企业名称" rules={[{ required: true, message: '请填写企业名称' }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="uscc" label="统一社会信用代码" rules={[{ required: true, message: '请填写统一社会信用代码' }]} extra="18位，按 GB 32100-2015 校验">
              <Input maxLength={18} style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="region" label="所属区县" rules={[{ required: true, message: '请选择所属区县' }]}>
              <Cascader options={regionOptions} placeholder="选择市、区县" showSearch />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="sector" label="行业" rules={[{ required: true, message: '请选择行业' }]}>
              <Select options={optionsOf(SECTOR_LABELS)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            {sector === 'industry' ? (
              <Form.Item name="subSector" label="工贸细分行业" rules={[{ required: true, message: '工贸企业须选择细分行业' }]}>
                <Select options={optionsOf(SUB_SECTOR_LABELS)} />
              </Form.Item>
            ) : null}
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="ownership" label="经济类型" rules={[{ required: true, message: '请选择经济类型' }]}>
              <Select options={optionsOf(OWNERSHIP_LABELS)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="size" label="企业规模" rules={[{ required: true, message: '请选择企业规模' }]}>
              <Select options={optionsOf(SIZE_LABELS)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="status" label="经营状态">
              <Radio.Group options={optionsOf(ENTERPRISE_STATUS_LABELS)} optionType="button" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="supervisingUnitId" label="监管处室">
              <Select allowClear showSearch optionFilterProp="label" options={unitOptions} placeholder="选择处室" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="tags" label="标签">
              <Select mode="tags" maxCount={10} tokenSeparators={[',', '，', '、']} placeholder="输入后回车" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="address" label="地址">
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="struggling" label="困难企业" valuePropName="checked">
              <Switch checkedChildren="是" unCheckedChildren="否" />
            </Form.Item>
          </Col>
          <Col xs={24} md={18}>
            {struggling ? (
              <Form.Item name="strugglingReason" label="困难原因" rules={[{ required: true, message: '困难企业须填写困难原因' }]}>
                <Input maxLength={200} />
              </Form.Item>
            ) : null}
          </Col>
        </Row>

        <Form.List name="contacts">
          {(fields, { add, remove }) => (
            <Card
              size="small"
              title="联系人"
              extra={
                <Button size="small" icon={<PlusOutlined />} onClick={() => add({})} disabled={fields.length >= 10}>
                  添加联系人
                </Button>
              }
              style={{ marginBottom: 24 }}
            >
              {fields.map((f) => (
                <Row gutter={8} key={f.key} align="top">
                  <Form.Item name={[f.name, 'id']} hidden>
                    <Input />
                  </Form.Item>
                  <Col xs={12} md={5}>
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '请填写姓名' }]}>
                      <Input placeholder="姓名" maxLength={20} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={5}>
                    <Form.Item name={[f.name, 'post']}>
                      <Input placeholder="职务" maxLength={30} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item name={[f.name, 'mobile']} extra={editing ? '显示为 138****1234 的号码不修改即保留原号码' : undefined}>
                      <Input placeholder="手机" maxLength={11} />
                    </Form.Item>
                  </Col>
                  <Col xs={10} md={6}>
                    <Form.Item name={[f.name, 'landline']}>
                      <Input placeholder="固定电话，如 0531-86081234" maxLength={30} />
                    </Form.Item>
                  </Col>
                  <Col xs={2} md={2}>
                    <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label="删除联系人" />
                  </Col>
                </Row>
              ))}
            </Card>
          )}
        </Form.List>

        <Space>
          <Button type="primary" htmlType="submit" loading={saving}>
            {editing ? '保存' : '登记'}
          </Button>
          <Button onClick={() => navigate(-1)}>取消</Button>
        </Space>
      </Form>
    </Card>
  );
}
