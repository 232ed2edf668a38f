// The one primary action of a record's page (its next step), disabled with the reason when it
// cannot be taken yet; the reason shows on hover and focus (a tooltip), and is also the button's
// accessible description. `action` names the button for tests (data-action).
import { Button, Tooltip } from 'antd';

export type PrimaryStep = { label: string; onClick: () => void; disabled: boolean; why?: string; action?: string };

export function PrimaryAction({ step, busy, primary = true }: { step: PrimaryStep | null; busy: boolean; primary?: boolean }) {
  if (!step) return null;
  const button = (
    <Button
      type={primary ? 'primary' : 'default'}
      loading={busy}
      disabled={step.disabled}
      aria-description={step.disabled ? step.why : undefined}
      onClick={step.onClick}
      data-action={step.action}
    >
      {step.label}
    </Button>
  );
  return step.disabled && step.why ? <Tooltip title={step.why}>{button}</Tooltip> : button;
}
