// 通知设置 (issue 18): the signed-in user's own channels per notice type — in-app always, SMS to the
// account's mobile, e-mail to an address they give — and the daily e-mail digest. Saving carries the version read.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Checkbox, Form, Input, Space, Switch, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { NOTIFICATION_TYPES } from '../../../../shared/notifications.ts';
import { NOTIFICATION_TYPE_LABELS } from '../notifications/labels.ts';
import { PageCard } from '../../ui/PageCard.tsx';
import { useApiError } from '../../ui/useApiError.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { getPreferences, savePreferences } from './api.ts';

type Row = { type: string; label: string };
/** Notices only enterprise accounts receive (the portal): not offered on the staff page. */
const PORTAL_ONLY = new Set(['evaluation_link', 'roundtable_invitation', 'policy_consultation', 'survey_invitation']);
const ROWS: Row[] = NOTIFICATION_TYPES.filter((t) => NOTIFICATION_TYPE_LABELS[t] && !PORTAL_ONLY.has(t)).map((t) => ({
  type: t,
  label: NOTIFICATION_TYPE_LABELS[t],
}));

export default function PreferencesPage() {
  const { message } = App.useApp();
  const onError = useApiError();
  const prefs = useFetch((signal) => getPreferences(signal), []);
  const [sms, setSms] = useState<string[]>([]);
  const [mail, setMail] = useState<string[]>([]);
  const [email, setEmail] = useState('');
  const [digest, setDigest] = useState(false);
  const [saving, setSaving] = useState(false);
  const p = prefs.data;
  useEffect(() => {
    if (!p) return;
    setSms(p.smsTypes);
    setMail(p.emailTypes);
    setEmail(p.email ?? '');
    setDigest(p.emailDigest);
  }, [p]);

  const toggle = (list: string[], set: (v: string[]) => void, t: string, on: boolean) => set(on ? [...list, t] : list.filter((x) => x !== t));
  const save = async () => {
    if (!p) return;
    setSaving(true);
    try {
      await savePreferences({ version: p.version, email: email.trim() || null, smsTypes: sms, emailTypes: mail, emailDigest: digest });
      message.success('通知设置已保存');
      prefs.reload();
    } catch (err) {
      onError(err, { onConflict: prefs.reload });
    } finally {
      setSaving(false);
    }
  };

  const columns: TableColumnsType<Row> = [
    { title: '通知类型', dataIndex: 'label', width: 160 },
    { title: '站内通知', key: 'inapp', width: 100, render: () => <Checkbox checked disabled /> },
    {
      title: '短信',
      key: 'sms',
      width: 100,
      render: (_, r) => <Checkbox checked={sms.includes(r.type)} disabled={!p?.hasMobile} onChange={(e) => toggle(sms, setSms, r.type, e.target.checked)} />,
    },
    {
      title: '邮件',
      key: 'mail',
      width: 100,
      render: (_, r) => <Checkbox checked={mail.includes(r.type)} onChange={(e) => toggle(mail, setMail, r.type, e.target.checked)} />,
    },
  ];

  return (
    <PageCard title="通知设置" description="站内通知始终开启；可另选以短信或邮件接收某类通知，邮件可合并为每天早上8点的一封摘要。">
      <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 720 }}>
        {p && !p.hasMobile ? <Alert type="info" showIcon title="账号未登记手机号码，暂不能选择短信通知；请联系系统管理员登记。" /> : null}
        {p && (!p.smsConfigured || !p.emailConfigured) ? (
          <Alert
            type="warning"
            showIcon
            title={`${!p.smsConfigured ? '短信网关' : ''}${!p.smsConfigured && !p.emailConfigured ? '和' : ''}${!p.emailConfigured ? '邮件服务器' : ''}尚未配置：相应通知会暂存，配置后发出。`}
          />
        ) : null}
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
        <Table<Row> rowKey="type" size="small" columns={columns} dataSource={ROWS} pagination={false} loading={prefs.loading} />
        <Typography.Text type="secondary">到期提醒、逾期、催办、评价链接、联系点和满意度调查提醒都按这里的选择发送。</Typography.Text>
        <Button type="primary" loading={saving} disabled={!p || (mail.length > 0 && !email.trim())} onClick={() => void save()}>
          保存
        </Button>
        {mail.length > 0 && !email.trim() ? <Typography.Text type="secondary">选择了邮件通知，请先填写接收邮箱。</Typography.Text> : null}
      </Space>
    </PageCard>
  );
}
