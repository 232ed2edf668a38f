// R6.1: a reply to an appeal saved as a draft knowledge article of the caller's unit in one step.
import { useState } from 'react';
import { Button } from 'antd';
import { useNavigate } from 'react-router';
import { useSession } from '../../auth/session.ts';
import { STAFF_ROUTES, toPath } from '../../routes.ts';
import { useApiError } from '../../ui/useApiError.ts';
import { knowledgeFromAppeal } from './api.ts';

const WRITERS = ['unit_staff', 'liaison', 'unit_head'];

export function SaveAsArticle({ appealId }: { appealId: string }) {
  const { user } = useSession();
  const navigate = useNavigate();
  const onError = useApiError();
  const [busy, setBusy] = useState(false);
  if (!user?.unit || !user.roles.some((r) => WRITERS.includes(r))) return null;
  return (
    <Button
      size="small"
      type="link"
      loading={busy}
      data-testid="save-as-article"
      onClick={async () => {
        setBusy(true);
        try {
          const a = await knowledgeFromAppeal(appealId);
          navigate(toPath(STAFF_ROUTES.knowledgeEdit, { id: a.id }));
        } catch (e) {
          onError(e);
        } finally {
          setBusy(false);
        }
      }}
    >
      保存为知识条目
    </Button>
  );
}
