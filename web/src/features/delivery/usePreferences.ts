// The state of a user's notification preferences (issue 18), for the staff 通知设置 page and the
// portal's: what was read, the choices being edited, and saving with the version read (409 → reread).
import { useEffect, useState } from 'react';
import { App } from 'antd';
import { useApiError } from '../../ui/useApiError.ts';
import { useFetch } from '../../ui/useFetch.ts';
import { getPreferences, savePreferences } from './api.ts';

export function usePreferences() {
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

  const toggle = (channel: 'sms' | 'mail', type: string, on: boolean) => {
    const [list, set] = channel === 'sms' ? [sms, setSms] : [mail, setMail];
    set(on ? [...list.filter((x) => x !== type), type] : list.filter((x) => x !== type));
  };
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
  /** Why saving is not possible yet, or null. */
  const blocked = !p ? '正在读取' : mail.length > 0 && !email.trim() ? '选择了邮件通知，请先填写接收邮箱。' : null;
  /** The notice about channels not configured on this installation, or null. */
  const unconfigured =
    p && (!p.smsConfigured || !p.emailConfigured)
      ? `${!p.smsConfigured ? '短信网关' : ''}${!p.smsConfigured && !p.emailConfigured ? '和' : ''}${!p.emailConfigured ? '邮件服务器' : ''}尚未配置：相应通知会暂存，配置后发出。`
      : null;
  return { prefs: p, loading: prefs.loading, sms, mail, email, setEmail, digest, setDigest, toggle, save, saving, blocked, unconfigured };
}
