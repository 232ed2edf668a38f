// New or edited knowledge article (capability 8, R6.1): question, answer, the policy documents cited
// (文号, issuing body, date, link), sectors and categories, validity. Saved as a draft of the
// caller's unit; the unit head reviews it before it is published.
import { useEffect, useState } from 'react';
import { Button, Card, Col, DatePicker, Form, Input, Row, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useParams } from 'react-router';
import { useSession } from '../../auth/session.ts';
import { STAFF_ROUTES, toPath } from '../../routes.ts';
import { SECTOR_LABELS } from '../../ui/labels.ts';
import { useApiError } from '../../ui/useApiError.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { APPEAL_CATEGORIES, APPEAL_CATEGORY_LABELS } from '../appeals/labels.ts';
import { createKnowledge, editKnowledge, getKnowledge, type ArticleBody } from './api.ts';

type Citation = { docNo: string; title?: string; issuer: string; date?: Dayjs | null; url?: string };
type EditForm = { question: string; answer: string; citations: Citation[]; sectors: string[]; categories: string[]; valid: [Dayjs, Dayjs | null] };

export default function KnowledgeEditPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const onError = useApiError();
  const { user } = useSession();
  const [form] = Form.useForm<EditForm>();
  const [busy, setBusy] = useState(false);
  const existing = useFetch((signal) => (id ? getKnowledge(id, signal) : Promise.resolve(null)), [id]);

  useEffect(() => {
    const a = existing.data;
    if (!a) return;
    form.setFieldsValue({
      question: a.question,
      answer: a.answer,
      citations: a.citations.map((c) => ({ ...c, date: c.date ? dayjs(c.date) : null, url: c.url ?? '' })),
      sectors: a.sectors,
      categories: a.categories,
      valid: [dayjs(a.validFrom), a.validTo ? dayjs(a.validTo) : null],
    });
  }, [existing.data, form]);

  const save = async (v: EditForm) => {
    const body: ArticleBody = {
      unitId: existing.data?.unitId ?? user?.unit?.id ?? '',
      question: v.question,
      answer: v.answer,
      citations: (v.citations ?? []).map((c) => ({
        docNo: c.docNo,
        title: c.title ?? '',
        issuer: c.issuer,
        date: c.date ? c.date.format('YYYY-MM-DD') : null,
        url: c.url || null,
      })),
      sectors: v.sectors ?? [],
      categories: v.categories ?? [],
      validFrom: v.valid[0].format('YYYY-MM-DD'),
      validTo: v.valid[1] ? v.valid[1].format('YYYY-MM-DD') : null,
    };
    setBusy(true);
    try {
      const saved = existing.data ? await editKnowledge(existing.data.id, { ...body, version: existing.data.version }) : await createKnowledge(body);
      navigate(toPath(STAFF_ROUTES.knowledgeArticle, { id: saved.id }), { replace: true });
    } catch (e) {
      onError(e, { form, mapField: (p) => (p === 'validFrom' || p === 'validTo' ? ['valid'] : p.split('.')) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={id ? '修改知识条目' : '新建知识条目'} loading={!!id && existing.loading && !existing.data}>
      <Form<EditForm>
        form={form}
        layout="vertical"
        style={{ maxWidth: 960 }}
        initialValues={{ citations: [], sectors: [], categories: [], valid: [dayjs(), null] }}
        onFinish={(v) => void save(v)}
      >
        <Form.Item name="question" label="问题" rules={[{ required: true, whitespace: true, message: '请填写问题' }]}>
          <Input maxLength={500} showCount data-testid="knowledge-question" />
        </Form.Item>
        <Form.Item name="answer" label="答复" rules={[{ required: true, whitespace: true, message: '请填写答复' }]}>
          <Input.TextArea rows={8} maxLength={10000} showCount data-testid="knowledge-answer" />
        </Form.Item>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="sectors" label="行业">
              <Select mode="multiple" options={Object.entries(SECTOR_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="categories" label="诉求类别">
              <Select mode="multiple" options={APPEAL_CATEGORIES.map((c) => ({ value: c, label: APPEAL_CATEGORY_LABELS[c] }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="valid" label="有效期（失效日期不填为长期）" rules={[{ required: true, message: '请选择生效日期' }]}>
              <DatePicker.RangePicker allowEmpty={[false, true]} style={{ width: '100%' }} placeholder={['生效日期', '失效日期']} />
            </Form.Item>
          </Col>
        </Row>
        <Form.List name="citations">
          {(fields, { add, remove }) => (
            <Form.Item label="政策依据">
              {fields.map((f) => (
                <Space key={f.key} align="start" wrap style={{ display: 'flex', marginBottom: 8 }}>
                  <Form.Item name={[f.name, 'title']} noStyle>
                    <Input placeholder="文件名称" maxLength={200} style={{ width: 220 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'docNo']} noStyle rules={[{ required: true, message: '请填写文号' }]}>
                    <Input placeholder="文号" maxLength={100} style={{ width: 200 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'issuer']} noStyle rules={[{ required: true, message: '请填写发文机关' }]}>
                    <Input placeholder="发文机关" maxLength={100} style={{ width: 160 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'date']} noStyle>
                    <DatePicker placeholder="发布日期" style={{ width: 130 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'url']} noStyle>
                    <Input placeholder="链接（可选）" maxLength={500} style={{ width: 200 }} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="删除该文件" />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ docNo: '', issuer: '', title: '' })}>
                添加政策文件
              </Button>
            </Form.Item>
          )}
        </Form.List>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="knowledge-save">
            保存草稿
          </Button>
          <Button onClick={() => navigate(-1)}>取消</Button>
        </Space>
      </Form>
    </Card>
  );
}
