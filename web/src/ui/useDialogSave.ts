import { useState } from 'react';
import type { FormInstance } from 'antd';
import { useApiError } from './useApiError.ts';

/**
 * The save path of a record card's dialogs: validate the form, call the API for the open dialog, then
 * close and reload; field errors land on the form, a stale version (409) closes the dialog and reloads
 * the record so the user sees what changed. `dialog` names which dialog is open (null: none).
 */
export function useDialogSave<D, V>(opts: {
  form: FormInstance;
  /** The API call of the open dialog with the form's values. */
  save: (dialog: D, values: V) => Promise<unknown>;
  /** Reload the record after a save or a conflict. */
  reload: () => void;
  /** Tell the page around the card (e.g. the appeal's timeline) after a save. */
  onSaved?: () => void;
}) {
  const onError = useApiError();
  const [dialog, setDialog] = useState<D | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    if (dialog === null) return;
    const values = (await opts.form.validateFields()) as V;
    setSaving(true);
    try {
      await opts.save(dialog, values);
      setDialog(null);
      opts.reload();
      opts.onSaved?.();
    } catch (e) {
      onError(e, {
        form: opts.form,
        onConflict: () => {
          setDialog(null);
          opts.reload();
        },
      });
    } finally {
      setSaving(false);
    }
  };
  return { dialog, setDialog, close: () => setDialog(null), saving, submit };
}
