import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { App } from 'antd';
import { ApiError, onAuthEvent, setCsrfToken } from '../api/client.ts';
import { currentSession, logout as signOut, type Me, type Session } from './api.ts';
import { SessionContext } from './session.ts';
import type { SessionState } from './session.ts';

export function SessionProvider({ children }: { children: ReactNode }) {
  const { message } = App.useApp();
  const [status, setStatus] = useState<SessionState['status']>('loading');
  const [user, setUser] = useState<Me | null>(null);
  const userRef = useRef<Me | null>(null);
  useEffect(() => {
    userRef.current = user;
  }, [user]);

  const setSession = useCallback((session: Session) => {
    setCsrfToken(session.csrfToken);
    setUser(session.user);
    setStatus('ready');
  }, []);

  const refresh = useCallback(async (): Promise<Me | null> => {
    try {
      // /auth/session answers 200 with `{ user: null }` when signed out, which keeps the browser
      // console free of a failed request on the login page.
      const session = await currentSession();
      if (!session.user || !session.csrfToken) {
        setCsrfToken(null);
        setUser(null);
        setStatus('ready');
        return null;
      }
      setSession({ user: session.user, csrfToken: session.csrfToken });
      return session.user;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        setCsrfToken(null);
        setUser(null);
        setStatus('ready');
        return null;
      }
      setStatus('ready');
      throw err;
    }
  }, [setSession]);

  const logout = useCallback(async () => {
    try {
      await signOut();
    } catch {
      // Signing out locally is enough when the session is already gone.
    }
    setCsrfToken(null);
    setUser(null);
  }, []);

  useEffect(() => {
    refresh().catch((err: unknown) => {
      message.error(err instanceof ApiError ? err.message : '无法连接服务器');
    });
  }, [refresh, message]);

  useEffect(
    () =>
      onAuthEvent((event) => {
        if (event === 'unauthenticated') {
          if (userRef.current) message.warning('登录已失效，请重新登录');
          setCsrfToken(null);
          setUser(null);
        } else {
          setUser((u) => (u ? { ...u, mustChangePassword: true } : u));
        }
      }),
    [message],
  );

  const value = useMemo<SessionState>(() => ({ status, user, setSession, refresh, logout }), [status, user, setSession, refresh, logout]);
  return <SessionContext value={value}>{children}</SessionContext>;
}
