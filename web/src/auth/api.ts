// API calls of signing in and out (server/src/modules/auth/auth.routes.ts); types from shared/api/auth.ts.
import { api, request } from '../api/client.ts';
import type { Me, Session, SessionState } from '../../../shared/api/auth.ts';

export type { Me, Session, SessionState };

/** POST /auth/login; `quiet`: a refusal is the form's to show, not a signed-out broadcast. */
export const login = (body: { username: string; password: string }) => request<Session>('POST', '/auth/login', { body, quiet: true });

/** The first call of the app: always 200, `user` null when signed out. */
export const currentSession = () => request<SessionState>('GET', '/auth/session', { quiet: true });

export const logout = () => api.post<void>('/auth/logout');

export const changePassword = (body: { currentPassword: string; newPassword: string }) => api.post<void>('/auth/change-password', body);
