// 通知设置 on the enterprise portal (issue 18, phone layout): which of the enterprise's notices also
// come by SMS to the account's mobile or by e-mail — in-app always — and the daily e-mail digest.
// The same preferences and saving as the staff page (usePreferences), with the enterprise's notices.
import { Alert, Button, Flex, Input, Switch, Typography } from 'antd';
import { PORTAL_NOTICES } from '../../../../shared/notifications.ts';
import { PORTAL_ROUTES } from '../../routes.ts';
import { NOTIFICATION_TYPE_LABELS } from '../notifications/labels.ts';
import { PortalCard, PortalPage } from '../portal/PortalPage.tsx';
import { usePreferences } from './usePreferences.ts';

export default function PortalPreferencesPage() {
  const { prefs: p, sms, mail, email, setEmail, digest, setDigest, toggle, save, saving, blocked, unconfigured } = usePreferences();
  return (
    <PortalPage title="通知设置" back={PORTAL_ROUTES.me} description="站内通知始终开启，可另选短信或邮件">
      {p && !p.hasMobile ? (
        <Alert type="info" showIcon title="账号未登记手机号码，暂不能选择短信通知；请联系受理单位登记。" style={{ margin: '0 12px 12px' }} />
      ) : null}
      {unconfigured ? <Alert type="warning" showIcon title={unconfigured} style={{ margin: '0 12px 12px' }} /> : null}
      <PortalCard title="接收方式">
        {PORTAL_NOTICES.map((t) => (
          <Flex
            key={t}
            align="center"
            justify="space-between"
            gap={8}
            style={{ padding: '10px 0', borderBottom: '1px solid #f0f2f5' }}
            data-testid="portal-pref"
          >
            <Typography.Text style={{ minWidth: 0 }}>{NOTIFICATION_TYPE_LABELS[t]}</Typography.Text>
            <Flex gap={16} align="center" style={{ flexShrink: 0 }}>
              <span style={{ display: 'flex', alignItems: 'center', gap: 6, whiteSpace: 'nowrap' }}>
                短信
                <Switch
                  size="small"
                  checked={sms.includes(t)}
                  disabled={!p?.hasMobile}
                  onChange={(on) => toggle('sms', t, on)}
                  aria-label={`${NOTIFICATION_TYPE_LABELS[t]}短信`}
                />
              </span>
              <span style={{ display: 'flex', alignItems: 'center', gap: 6, whiteSpace: 'nowrap' }}>
                邮件
                <Switch size="small" checked={mail.includes(t)} onChange={(on) => toggle('mail', t, on)} aria-label={`${NOTIFICATION_TYPE_LABELS[t]}邮件`} />
              </span>
            </Flex>
          </Flex>
        ))}
      </PortalCard>
      <PortalCard title="邮件">
        <Flex vertical gap={12}>
          <label htmlFor="portal-pref-email">
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              接收邮箱
            </Typography.Text>
            <Input
              id="portal-pref-email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              maxLength={254}
              placeholder="name@example.com"
              inputMode="email"
            />
          </label>
          <Flex justify="space-between" align="center">
            <label htmlFor="portal-pref-digest">每天早上8点合并为一封摘要</label>
            <Switch id="portal-pref-digest" checked={digest} onChange={setDigest} />
          </Flex>
        </Flex>
      </PortalCard>
      <div style={{ padding: '0 12px 16px' }}>
        <Button type="primary" block size="large" loading={saving} disabled={blocked !== null} onClick={() => void save()}>
          保存
        </Button>
        {p && blocked ? (
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 13 }}>
            {blocked}
          </Typography.Text>
        ) : null}
      </div>
    </PortalPage>
  );
}
