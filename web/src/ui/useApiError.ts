import { useCallback } from 'react';
import { App } from 'antd';
import type { FormInstance } from 'antd';
import { ApiError, isAbortError } from '../api/client.ts';

export const VERSION_CONFLICT_MESSAGE = '数据已被他人修改，请刷新后重试';

export interface ApiErrorOptions {
  /** Form whose fields receive server `fields` messages. */
  form?: FormInstance;
  /** Maps a server field path ("settings.contactHours") to a form name path; return null to skip. */
  mapField?: (path: string) => (string | number)[] | null;
  /** Called after a VERSION_CONFLICT message (usually: reload the record). */
  onConflict?: () => void;
}

function defaultMapField(path: string): (string | number)[] {
  return path.split('.').map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg));
}

/**
 * Returns a handler that shows an API error the standard way: field messages on the form,
 * version conflicts as a warning + reload, anything else as a message toast.
 */
export function useApiError() {
  const { message } = App.useApp();
  return useCallback(
    (err: unknown, opts: ApiErrorOptions = {}) => {
      if (isAbortError(err)) return;
      if (!(err instanceof ApiError)) {
        console.warn(err);
        message.error('操作失败，请稍后重试');
        return;
      }
      // 401 / password change are handled globally by the session provider.
      if (err.code === 'UNAUTHENTICATED' || err.code === 'PASSWORD_CHANGE_REQUIRED') return;
      if (err.code === 'VERSION_CONFLICT') {
        message.warning(VERSION_CONFLICT_MESSAGE);
        opts.onConflict?.();
        return;
      }
      if (err.fields && opts.form) {
        const mapField = opts.mapField ?? defaultMapField;
        const fieldData = Object.entries(err.fields)
          .map(([path, msg]) => ({ name: mapField(path), errors: [msg] }))
          .filter((f): f is { name: (string | number)[]; errors: string[] } => f.name !== null);
        if (fieldData.length > 0) opts.form.setFields(fieldData);
        const unmatched = fieldData.length < Object.keys(err.fields).length;
        message.error(unmatched ? `${err.message}：${Object.values(err.fields).join('；')}` : err.message);
        return;
      }
      message.error(err.message);
    },
    [message],
  );
}
