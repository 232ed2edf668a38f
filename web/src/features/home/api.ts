// API call of the home page's to-do panel (GET /api/home/todo, issue 17).
import { api } from '../../api/client.ts';
import type { HomeTodo, TodoItem, TodoKey } from '../../../../shared/api/home.ts';

export type { HomeTodo, TodoItem, TodoKey };
export const homeTodo = (signal?: AbortSignal) => api.get<HomeTodo>('/home/todo', undefined, signal);
