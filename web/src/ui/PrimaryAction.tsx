// The one primary action of a record's page (its next step), disabled with the reason when it
// cannot be taken yet; the reason shows on hover.
import { Button } from 'antd';

export type PrimaryStep = { label: string; onClick: () => void; disabled: boolean; why?: string };

export function PrimaryAction({ step, busy }: { step: PrimaryStep | null; busy: boolean }) {
  if (!step) return null;
  return (
    <Button type="primary" loading={busy} disabled={step.disabled} title={step.why} onClick={step.onClick}>
      {step.label}
    </Button>
  );
}
