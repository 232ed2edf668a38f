// One research task (R2.1–R2.4, R7.1): its enterprises and the R2.2 coverage, visits (登记走访 is the
// field-record form of the contacts feature: each visit a 调研 field record with R7.1 findings and
// follow-ups, listed here with a link to it), findings and good practice, solutions with owner / due
// date / status and 成果运用 with evidence; 完成 only with findings and a solution or a reason (R7.1).
import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router';
import { OWNERSHIP_LABELS, SIZE_LABELS } from '../../../../shared/enterprises.ts';
import {
  RESEARCH_FORM_LABELS,
  RESEARCH_STATE_LABELS,
  RESEARCH_TOPIC_LABELS,
  RESULT_USE_LABELS,
  RESULT_USES,
  SOLUTION_STATUS_LABELS,
  SOLUTION_STATUSES,
  VISIT_STATUS_LABELS,
} from '../../../../shared/research.ts';
import { SECTOR_LABELS } from '../../../../shared/roles.ts';
import { useMe } from '../../auth/session.ts';
import { STAFF_ROUTES, toPath } from '../../routes.ts';
import { useApiError } from '../../ui/useApiError.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { FieldRecordFields, recordDefaults, recordPayload } from '../contacts/FieldRecordFields.tsx';
import { useUnits } from '../organisation/useUnits.ts';
import * as api from './api.ts';
import { CoverageTable } from './CoverageTable.tsx';
import { ResearchTaskFields, taskFieldsPayload, taskFieldsValues } from './ResearchTaskFields.tsx';
import { listEnterprises } from '../enterprises/api.ts';
import { PrimaryAction, type PrimaryStep } from '../../ui/PrimaryAction.tsx';

type Dialog = null | 'edit' | 'enterprises' | 'findings' | 'solution' | 'use' | 'visit';

export default function ResearchTaskPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const onError = useApiError();
  const { data: t, loading, reload } = useFetch((signal) => api.getResearch(id, signal), [id]);
  const { options: unitOptions } = useUnits();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [target, setTarget] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const registry = useFetch(
    (signal) => (dialog === 'enterprises' ? listEnterprises({}, { page: 1, pageSize: 200 }, signal) : Promise.resolve(null)),
    [dialog === 'enterprises'],
  );
  if (!t) return <Card loading={loading} />;
  const can = (a: string) => t.allowedActions.includes(a);
  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await fn();
      setDialog(null);
      reload();
    } catch (e) {
      onError(e, { form });
    } finally {
      setBusy(false);
    }
  };
  const open = (d: Dialog, target: string | null = null, values: Record<string, unknown> = {}) => {
    form.resetFields();
    form.setFieldsValue(values);
    setTarget(target);
    setDialog(d);
  };
  const submit = async () => {
    const v = await form.validateFields();
    await run(async () => {
      if (dialog === 'edit') return api.editResearch(t.id, { ...taskFieldsPayload(v), version: t.version });
      if (dialog === 'enterprises') return api.addResearchEnterprises(t.id, v.enterpriseIds);
      if (dialog === 'findings')
        return api.recordFindings(t.id, {
          version: t.version,
          findings: v.findings || null,
          goodPractice: v.goodPractice || null,
          noSolutionReason: v.noSolutionReason || null,
        });
      if (dialog === 'solution')
        return api.addSolution(t.id, { description: v.description, ownerUnitId: v.ownerUnitId, dueDate: (v.dueDate as Dayjs).format('YYYY-MM-DD') });
      if (dialog === 'visit') return api.recordVisit(t.id, { enterpriseId: target!, ...recordPayload(v) });
      const s = t.solutions.find((x) => x.id === target)!;
      return api.updateSolution(t.id, {
        solutionId: s.id,
        version: s.version,
        status: v.status,
        useKind: v.useKind ?? null,
        useEvidence: v.useEvidence || null,
      });
    });
  };
  const closeProblems = Object.values(t.closureProblems);
  const primary: PrimaryStep | null =
    t.state === 'planned'
      ? {
          label: '开始调研',
          onClick: () => run(() => api.researchTransition(t.id, { action: 'start', version: t.version })),
          disabled: !can('start'),
          why: undefined,
        }
      : t.state === 'in_progress'
        ? {
            label: '完成调研',
            onClick: () => run(() => api.researchTransition(t.id, { action: 'close', version: t.version })),
            disabled: !can('close') || closeProblems.length > 0,
            why: closeProblems.join('；'),
          }
        : null;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            {t.title}
            <Tag>{RESEARCH_STATE_LABELS[t.state]}</Tag>
          </Space>
        }
        extra={
          <Space>
            {can('edit') && <Button onClick={() => open('edit', null, taskFieldsValues(t))}>修改</Button>}
            <PrimaryAction step={primary} busy={busy} />
          </Space>
        }
      >
        <Descriptions column={3} size="small">
          <Descriptions.Item label="专题">{RESEARCH_TOPIC_LABELS[t.topic]}</Descriptions.Item>
          <Descriptions.Item label="组织处室">{t.unitName}</Descriptions.Item>
          <Descriptions.Item label="形式">
            {RESEARCH_FORM_LABELS[t.form]}
            {t.inspectionRef ? `（${t.inspectionRef}）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="期间">
            {t.periodFrom} 至 {t.periodTo}
          </Descriptions.Item>
          <Descriptions.Item label="参加领导" span={2}>
            {t.leaders.map((l) => l.name).join('、') || '—'}
          </Descriptions.Item>
        </Descriptions>
        {t.state === 'in_progress' && closeProblems.length > 0 && <Alert type="warning" showIcon message={`完成调研前：${closeProblems.join('；')}`} />}
      </Card>
      <Card
        title={`调研企业（${t.enterprises.length}家，已走访${t.enterprises.filter((e) => e.status === 'visited').length}家）`}
        extra={can('add_enterprises') && <Button onClick={() => open('enterprises')}>增加调研企业</Button>}
      >
        <Table
          rowKey="enterpriseId"
          size="small"
          pagination={false}
          dataSource={t.enterprises}
          columns={[
            { title: '企业', dataIndex: 'enterpriseName' },
            { title: '行业', dataIndex: 'sector', width: 100, render: (s: keyof typeof SECTOR_LABELS) => SECTOR_LABELS[s] },
            { title: '规模', dataIndex: 'size', width: 70, render: (s: keyof typeof SIZE_LABELS) => SIZE_LABELS[s] },
            { title: '所有制', dataIndex: 'ownership', width: 80, render: (s: keyof typeof OWNERSHIP_LABELS) => OWNERSHIP_LABELS[s] },
            { title: '困难企业', dataIndex: 'struggling', width: 80, render: (s: boolean) => (s ? '是' : '') },
            {
              title: '走访',
              dataIndex: 'status',
              width: 110,
              render: (s: 'planned' | 'visited', e) =>
                e.fieldRecordId ? (
                  <Link to={toPath(STAFF_ROUTES.fieldRecord, { id: e.fieldRecordId })}>{VISIT_STATUS_LABELS[s]}（记录）</Link>
                ) : (
                  VISIT_STATUS_LABELS[s]
                ),
            },
            {
              title: '',
              key: 'ops',
              width: 100,
              render: (_, e) =>
                e.status === 'planned' &&
                can('record_visit') && (
                  <Button size="small" onClick={() => open('visit', e.enterpriseId, recordDefaults(me.id))}>
                    登记走访
                  </Button>
                ),
            },
          ]}
        />
      </Card>
      <Card title={`走访记录（${t.visits.length}条，R2.4）`} data-testid="research-visits">
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={t.visits}
          locale={{ emptyText: '尚未登记走访' }}
          columns={[
            { title: '日期', dataIndex: 'visitedOn', width: 110 },
            { title: '企业', dataIndex: 'enterpriseName', width: 220 },
            { title: '发现的问题和情况', dataIndex: 'findings', ellipsis: true },
            {
              title: '后续措施',
              key: 'followUps',
              width: 120,
              render: (_, v) => (v.openFollowUps ? `${v.followUps}项，${v.openFollowUps}项未办结` : `${v.followUps}项，已办结`),
            },
            { title: '记录人', dataIndex: 'createdByName', width: 90 },
            {
              title: '',
              key: 'link',
              width: 90,
              render: (_, v) => <Link to={toPath(STAFF_ROUTES.fieldRecord, { id: v.id })}>查看记录</Link>,
            },
          ]}
        />
      </Card>
      <Card title="覆盖情况（R2.2，与本单位企业名录对照）">
        <CoverageTable coverage={t.coverage} />
      </Card>
      <Card
        title="调研发现与经验做法（R7.1）"
        extra={
          <Button
            disabled={!can('record_findings')}
            onClick={() => open('findings', null, { findings: t.findings, goodPractice: t.goodPractice, noSolutionReason: t.noSolutionReason })}
          >
            录入调研发现
          </Button>
        }
      >
        <Descriptions column={1} size="small">
          <Descriptions.Item label="发现的问题">{t.findings ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="经验做法">{t.goodPractice ?? '—'}</Descriptions.Item>
          {t.noSolutionReason && <Descriptions.Item label="不提出措施的原因">{t.noSolutionReason}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card
        title="解决措施与成果运用（R2.4）"
        extra={
          <Button disabled={!can('add_solution')} onClick={() => open('solution')}>
            提出措施
          </Button>
        }
      >
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={t.solutions}
          columns={[
            { title: '措施', dataIndex: 'description' },
            { title: '责任处室', dataIndex: 'ownerUnitName', width: 180 },
            { title: '完成时限', dataIndex: 'dueDate', width: 110 },
            { title: '落实情况', dataIndex: 'status', width: 90, render: (s: keyof typeof SOLUTION_STATUS_LABELS) => SOLUTION_STATUS_LABELS[s] },
            {
              title: '成果运用',
              key: 'use',
              width: 260,
              render: (_, s) => (s.useKind ? `${RESULT_USE_LABELS[s.useKind]}：${s.useEvidence}` : '—'),
            },
            {
              title: '',
              key: 'ops',
              width: 90,
              render: (_, s) =>
                can('update_solution') && (
                  <Button size="small" onClick={() => open('use', s.id, { status: s.status, useKind: s.useKind, useEvidence: s.useEvidence })}>
                    更新
                  </Button>
                ),
            },
          ]}
        />
      </Card>
      <Modal
        open={dialog !== null}
        title={
          dialog === 'visit'
            ? `登记走访：${t.enterprises.find((e) => e.enterpriseId === target)?.enterpriseName ?? ''}`
            : { edit: '修改调研任务', enterprises: '增加调研企业', findings: '录入调研发现', solution: '提出解决措施', use: '更新落实情况与成果运用' }[
                dialog ?? 'findings'
              ]
        }
        width={dialog === 'visit' || dialog === 'edit' ? 720 : undefined}
        okText={dialog === 'visit' ? '保存走访记录' : undefined}
        onOk={submit}
        onCancel={() => setDialog(null)}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          {dialog === 'edit' && <ResearchTaskFields />}
          {dialog === 'enterprises' && (
            <Form.Item
              name="enterpriseIds"
              label="调研企业（R2.2 覆盖不同行业、规模，特别是民营、小微、困难企业）"
              rules={[{ required: true, message: '请选择企业' }]}
            >
              <Select
                mode="multiple"
                optionFilterProp="label"
                loading={registry.loading}
                options={(registry.data?.items ?? [])
                  .filter((e) => !t.enterprises.some((x) => x.enterpriseId === e.id))
                  .map((e) => ({ value: e.id, label: e.name }))}
              />
            </Form.Item>
          )}
          {dialog === 'findings' && (
            <>
              <Form.Item name="findings" label="发现的问题">
                <Input.TextArea rows={3} maxLength={10000} />
              </Form.Item>
              <Form.Item name="goodPractice" label="经验做法">
                <Input.TextArea rows={3} maxLength={10000} />
              </Form.Item>
              <Form.Item name="noSolutionReason" label="不提出措施的原因（没有措施时填写）">
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
            </>
          )}
          {dialog === 'solution' && (
            <>
              <Form.Item name="description" label="措施" rules={[{ required: true, message: '请填写措施' }]}>
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
              <Form.Item name="ownerUnitId" label="责任处室" rules={[{ required: true, message: '请选择责任处室' }]}>
                <Select options={unitOptions} optionFilterProp="label" showSearch />
              </Form.Item>
              <Form.Item name="dueDate" label="完成时限" rules={[{ required: true, message: '请选择完成时限' }]}>
                <DatePicker />
              </Form.Item>
            </>
          )}
          {dialog === 'use' && (
            <>
              <Form.Item name="status" label="落实情况" rules={[{ required: true }]}>
                <Select options={SOLUTION_STATUSES.map((s) => ({ value: s, label: SOLUTION_STATUS_LABELS[s] }))} />
              </Form.Item>
              <Form.Item name="useKind" label="成果运用">
                <Select allowClear options={RESULT_USES.map((s) => ({ value: s, label: RESULT_USE_LABELS[s] }))} />
              </Form.Item>
              <Form.Item name="useEvidence" label="证明（文件名称、文号或诉求编号）">
                <Input maxLength={1000} />
              </Form.Item>
            </>
          )}
          {dialog === 'visit' && <FieldRecordFields kind="research" />}
        </Form>
      </Modal>
    </Space>
  );
}
