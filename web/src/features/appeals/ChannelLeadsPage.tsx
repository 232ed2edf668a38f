// 渠道主办处室 (R3.4): the per-tenant table channel → lead unit, kept by the system administrator and
// the coordinating unit. Intake preselects the unit for an appeal of the channel; dispatching it
// elsewhere needs a reason (on the timeline and in the audit log).
import { useEffect, useState } from 'react';
import { Alert, App, Button, Form, Input, Select, Space, Table, Typography } from 'antd';
import { PageCard } from '../../ui/PageCard.tsx';
import { useApiError } from '../../ui/useApiError.ts';
import { useUnits } from '../organisation/useUnits.ts';
import { APPEAL_CHANNELS, APPEAL_CHANNEL_LABELS } from './labels.ts';
import { putChannelLeads, useChannelLeads } from './channelLeads.ts';
import { formatDateTime } from '../../ui/format.ts';
import { useMe } from '../../auth/session.ts';

/** The channels the measures name (三): listed first. */
const NAMED = ['governor_mailbox', 'entrepreneur_zone', 'instant_response', 'governor_hotline'];

const ORDERED = [...NAMED, ...APPEAL_CHANNELS.filter((c) => !NAMED.includes(c))];

type Row = { channel: string; unitId?: string; note?: string };

const channelLabel = (c: string) => APPEAL_CHANNEL_LABELS[c as keyof typeof APPEAL_CHANNEL_LABELS] ?? c;

export default function ChannelLeadsPage() {
  const me = useMe();
  const { message } = App.useApp();
  const onError = useApiError();
  const { leads, loading, reload } = useChannelLeads();
  const { options: unitOptions } = useUnits(false, true);
  const [rows, setRows] = useState<Row[]>([]);
  const [saving, setSaving] = useState(false);
  const canEdit = me.roles.some((r) => r === 'sysadmin' || r === 'coordinator');

  useEffect(() => {
    setRows(
      ORDERED.map((channel) => ({
        channel,
        unitId: leads.find((l) => l.channel === channel)?.unitId,
        note: leads.find((l) => l.channel === channel)?.note ?? '',
      })),
    );
  }, [leads]);

  const set = (channel: string, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.channel === channel ? { ...r, ...patch } : r)));
  const save = async () => {
    setSaving(true);
    try {
      await putChannelLeads(rows.filter((r) => r.unitId).map((r) => ({ channel: r.channel, unitId: r.unitId!, note: (r.note ?? '').trim() })));
      message.success('渠道主办处室已保存');
      reload();
    } catch (err) {
      onError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <PageCard
      title="渠道主办处室"
      description="省长信箱、企业家诉求专区、接诉即办、企业家直通省长号码等渠道的诉求由其主办处室办理。受理登记时自动预选，改派其他处室须说明原因。"
      extra={
        <Button
          type="primary"
          onClick={() => void save()}
          loading={saving}
          disabled={!canEdit}
          title={canEdit ? undefined : '只有系统管理员或统筹处室可以修改'}
          data-testid="save-channel-leads"
        >
          保存
        </Button>
      }
    >
      {leads.some((l) => !l.unitName) ? <Alert type="warning" showIcon title="有渠道的主办处室已归档，请重新指定。" style={{ marginBottom: 12 }} /> : null}
      <Form component={false}>
        <Table<Row>
          rowKey="channel"
          loading={loading}
          dataSource={rows}
          pagination={false}
          size="small"
          columns={[
            {
              title: '渠道',
              dataIndex: 'channel',
              width: 200,
              render: (c: string) => (
                <Typography.Text strong={NAMED.includes(c)} style={{ whiteSpace: 'nowrap' }}>
                  {channelLabel(c)}
                </Typography.Text>
              ),
            },
            {
              title: '主办处室',
              key: 'unit',
              width: 280,
              render: (_: unknown, r) => (
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  options={unitOptions}
                  value={r.unitId}
                  onChange={(v) => set(r.channel, { unitId: v })}
                  placeholder="不指定（按业务对口派单）"
                  style={{ width: 260 }}
                  disabled={!canEdit}
                  aria-label={`${channelLabel(r.channel)}：主办处室`}
                  data-testid={`channel-lead-${r.channel}`}
                />
              ),
            },
            {
              title: '说明',
              key: 'note',
              render: (_: unknown, r) => (
                <Input
                  value={r.note}
                  maxLength={200}
                  onChange={(e) => set(r.channel, { note: e.target.value })}
                  disabled={!canEdit || !r.unitId}
                  aria-label={`${channelLabel(r.channel)}：说明`}
                />
              ),
            },
            {
              title: '更新时间',
              key: 'updatedAt',
              width: 170,
              render: (_: unknown, r) => {
                const l = leads.find((x) => x.channel === r.channel);
                return l ? <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(l.updatedAt)}</span> : <Space />;
              },
            },
          ]}
        />
      </Form>
    </PageCard>
  );
}
