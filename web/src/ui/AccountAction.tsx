// A row action on an account, enabled or disabled by the one 三权分立 rule the server applies
// (shared/account-rules.ts): a refused action stays visible, disabled, with the reason on hover.
import type { ReactNode } from 'react';
import { Button, Popconfirm, Tooltip } from 'antd';

export function AccountAction({
  refusal,
  confirm,
  description,
  danger,
  onClick,
  children,
}: {
  refusal: string | null;
  confirm?: string;
  description?: string;
  danger?: boolean;
  onClick: () => void | Promise<void>;
  children: ReactNode;
}) {
  if (refusal) {
    return (
      <Tooltip title={refusal}>
        <span>
          <Button type="link" size="small" disabled aria-label={`${String(children)}（${refusal}）`}>
            {children}
          </Button>
        </span>
      </Tooltip>
    );
  }
  if (confirm) {
    return (
      <Popconfirm title={confirm} description={description} onConfirm={onClick}>
        <Button type="link" size="small" danger={danger}>
          {children}
        </Button>
      </Popconfirm>
    );
  }
  return (
    <Button type="link" size="small" danger={danger} onClick={() => void onClick()}>
      {children}
    </Button>
  );
}
