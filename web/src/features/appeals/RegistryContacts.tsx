// Intake (issue 17): the contact persons the registry holds for the picked enterprise, one click to
// use one. The full mobile number comes from the audited reveal (查看联系人完整手机号码), so picking an
// enterprise alone records nothing; only a click on 使用 does.
import { useState } from 'react';
import { Button, Flex, Typography } from 'antd';
import { useFetch } from '../../ui/useFetch.ts';
import { useApiError } from '../../ui/useApiError.ts';
import { getEnterprise, revealContacts } from '../enterprises/api.ts';

export function RegistryContacts({ enterpriseId, onPick }: { enterpriseId: string; onPick: (name: string, phone: string) => void }) {
  const onError = useApiError();
  const [busy, setBusy] = useState<string | null>(null);
  const { data } = useFetch((signal) => getEnterprise(enterpriseId, signal), [enterpriseId], { quietForbidden: true });
  const contacts = data?.contacts ?? [];
  if (!data || !contacts.length) return null;
  const use = async (contactId: string) => {
    setBusy(contactId);
    try {
      const full = data.canReveal ? (await revealContacts(enterpriseId)).contacts : contacts;
      const c = full.find((x) => x.id === contactId);
      if (c) onPick(c.name, (data.canReveal ? c.mobile : null) ?? c.landline ?? '');
    } catch (err) {
      onError(err);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Flex wrap gap={8} align="center" style={{ margin: '-8px 0 16px' }} data-testid="registry-contacts">
      <Typography.Text type="secondary">名录联系人：</Typography.Text>
      {contacts.map((c) => (
        <Flex key={c.id} gap={4} align="center">
          <Typography.Text>
            {c.name}
            {c.post ? `（${c.post}）` : ''} {c.mobile ?? c.landline ?? ''}
          </Typography.Text>
          <Button size="small" type="link" loading={busy === c.id} onClick={() => void use(c.id)} aria-label={`使用联系人${c.name}`}>
            使用
          </Button>
        </Flex>
      ))}
    </Flex>
  );
}
