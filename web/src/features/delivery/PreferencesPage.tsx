// 通知设置 (issue 18): the signed-in user's own channels per notice type — in-app always, SMS to the
// account's mobile, e-mail to an address they give — and the daily e-mail digest. Saving carries the version read.
import { Alert, Button, Checkbox, Form, Input, Space, Switch, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { NOTIFICATION_TYPES, PORTAL_ONLY_NOTICES } from '../../../../shared/notifications.ts';
import { NOTIFICATION_TYPE_LABELS } from '../notifications/labels.ts';
import { PageCard } from '../../ui/PageCard.tsx';
import { usePreferences } from './usePreferences.ts';

type Row = { type: string; label: string };
const ROWS: Row[] = NOTIFICATION_TYPES.filter((t) => NOTIFICATION_TYPE_LABELS[t] && !PORTAL_ONLY_NOTICES.has(t)).map((t) => ({
  type: t,
  label: NOTIFICATION_TYPE_LABELS[t],
}));

export default function PreferencesPage() {
  const { prefs: p, loading, sms, mail, email, setEmail, digest, setDigest, toggle, save, saving, blocked, unconfigured } = usePreferences();

  const columns: TableColumnsType<Row> = [
    { title: '通知类型', dataIndex: 'label', width: 160 },
    { title: '站内通知', key: 'inapp', width: 100, render: (_, r) => <Checkbox checked disabled aria-label={`${r.label}：站内通知`} /> },
    {
      title: '短信',
      key: 'sms',
      width: 100,
      render: (_, r) => (
        <Checkbox
          checked={sms.includes(r.type)}
          disabled={!p?.hasMobile}
          onChange={(e) => toggle('sms', r.type, e.target.checked)}
          aria-label={`${r.label}：短信`}
        />
      ),
    },
    {
      title: '邮件',
      key: 'mail',
      width: 100,
      render: (_, r) => <Checkbox checked={mail.includes(r.type)} onChange={(e) => toggle('mail', r.type, e.target.checked)} aria-label={`${r.label}：邮件`} />,
    },
  ];

  return (
    <PageCard title="通知设置" description="站内通知始终开启；可另选以短信或邮件接收某类通知，邮件可合并为每天早上8点的一封摘要。">
      <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 720 }}>
        {p && !p.hasMobile ? <Alert type="info" showIcon title="账号未登记手机号码，暂不能选择短信通知；请联系系统管理员登记。" /> : null}
        {unconfigured ? <Alert type="warning" showIcon title={unconfigured} /> : null}
        <Form layout="inline" style={{ rowGap: 8 }}>
          <Form.Item label="接收邮箱" htmlFor="pref-email">
            <Input
              id="pref-email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              maxLength={254}
              placeholder="name@example.com"
              style={{ width: 260 }}
            />
          </Form.Item>
          <Form.Item label="邮件每日摘要" htmlFor="pref-digest">
            <Switch id="pref-digest" checked={digest} onChange={setDigest} />
          </Form.Item>
        </Form>
        <Table<Row> rowKey="type" size="small" columns={columns} dataSource={ROWS} pagination={false} loading={loading} />
        <Typography.Text type="secondary">到期提醒、逾期、催办、评价链接、联系点和满意度调查提醒都按这里的选择发送。</Typography.Text>
        <Button type="primary" loading={saving} disabled={blocked !== null} onClick={() => void save()}>
          保存
        </Button>
        {p && blocked ? <Typography.Text type="secondary">{blocked}</Typography.Text> : null}
      </Space>
    </PageCard>
  );
}
