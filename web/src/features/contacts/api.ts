// API calls of contact points (联系点), field records and the year at a glance (issue 14);
// response types from shared/api/contacts.ts.
import { api } from '../../api/client.ts';
import { download, uploadFile } from '../../api/files.ts';
import type { List } from '../../../../shared/api/common.ts';
import type { ContactPoint, ContactPointDetail, FieldRecord, FollowUp, YearView } from '../../../../shared/api/contacts.ts';
import type { AppealCategory } from '../../../../shared/appeals.ts';
import type { FieldKind, PointAction, PointKind, PointState, ServiceRating, VisitForm } from '../../../../shared/contacts.ts';

export type { ContactPoint, ContactPointDetail, FieldRecord, FollowUp, YearView };
export type Person = { id: string; name: string; unitId: string | null; liaison: boolean };

export const listPoints = (q: { kind?: PointKind; state?: PointState; enterpriseId?: string; all?: boolean } = {}, signal?: AbortSignal) =>
  api.get<List<ContactPoint>>(
    '/contact-points',
    {
      ...(q.kind ? { kind: q.kind } : {}),
      ...(q.state ? { state: q.state } : {}),
      ...(q.enterpriseId ? { enterpriseId: q.enterpriseId } : {}),
      ...(q.all ? { all: 'true' } : {}),
    },
    signal,
  );
export const getPoint = (id: string, signal?: AbortSignal) => api.get<ContactPointDetail>(`/contact-points/${id}`, undefined, signal);
export const people = (signal?: AbortSignal) => api.get<List<Person>>('/contact-points/people', undefined, signal);
export const yearView = (year: number, signal?: AbortSignal) => api.get<YearView>('/contact-points/year', { year: String(year) }, signal);

export interface ProposeInput {
  kind: PointKind;
  leaderId?: string | null;
  unitId: string;
  enterpriseId: string;
  liaisonUserId?: string | null;
  reason?: string | null;
}
export const proposePoint = (body: ProposeInput) => api.post<ContactPointDetail>('/contact-points', body);
export const pointAction = (
  id: string,
  body: {
    version: number;
    action: Exclude<PointAction, 'expire'>;
    reason?: string | null;
    enterpriseId?: string | null;
    liaisonUserId?: string | null;
    acceptOverlap?: boolean;
  },
) => api.post<ContactPointDetail>(`/contact-points/${id}/actions`, body);

export interface RecordInput {
  kind: FieldKind;
  pointId?: string | null;
  enterpriseId?: string | null;
  unitId?: string | null;
  visitedOn: string;
  form: VisitForm;
  leaderIds?: string[];
  staffNames?: string;
  policies?: string;
  difficulties?: string;
  suggestions?: string;
  findings: string;
  reference?: string | null;
  serviceRating?: ServiceRating | null;
  serviceComment?: string | null;
  statement?: string | null;
  followUps: { description: string; ownerUserId: string; dueOn: string }[];
  appeals?: { category: AppealCategory; title: string; content: string; contactName: string; contactPhone: string; ownBusiness?: boolean }[];
}
export const listRecords = (q: { pointId?: string; enterpriseId?: string; kind?: FieldKind } = {}, signal?: AbortSignal) =>
  api.get<List<FieldRecord>>('/field-records', { ...q }, signal);
export const getRecord = (id: string, signal?: AbortSignal) => api.get<FieldRecord>(`/field-records/${id}`, undefined, signal);
export const createRecord = (body: RecordInput) => api.post<FieldRecord>('/field-records', body);
export const completeFollowUp = (id: string, body: { version: number; note: string }) => api.post<FieldRecord>(`/field-follow-ups/${id}/done`, body);
export const uploadRecordFile = (recordId: string, file: File) => uploadFile<FieldRecord>(`/field-records/${recordId}/files`, file);
export const downloadRecordFile = (recordId: string, fileId: string, name: string) => download(`/field-records/${recordId}/files/${fileId}`, undefined, name);
