// SQL of the portal's attachments: the files of an appeal uploaded by accounts of its enterprise.
import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.ts';
import { pgInstant } from '../appeals/appeals.repository.ts';

export type EnterpriseAttachment = {
  id: string;
  name: string;
  ext: string;
  mime: string;
  size: number;
  sha256: string;
  note: string;
  uploadedByName: string;
  createdAt: Date;
};

const byEnterprise = (enterpriseId: string) =>
  sql`EXISTS (SELECT 1 FROM users u WHERE u.id = t.uploaded_by AND u.enterprise_id = ${enterpriseId} AND 'enterprise' = ANY(u.roles))`;

export async function enterpriseAttachments(db: DbOrTx, tenantId: string, appealId: string, enterpriseId: string): Promise<EnterpriseAttachment[]> {
  const rows = await queryRows<Record<string, unknown>>(db, sql`
    SELECT t.id, t.name, t.ext, t.mime, t.size, t.sha256, t.note, t.uploaded_by_name, t.created_at
    FROM appeal_attachments t
    WHERE t.appeal_id = ${appealId} AND t.tenant_id = ${tenantId} AND ${byEnterprise(enterpriseId)}
    ORDER BY t.created_at, t.id`);
  return rows.map((r) => ({
    id: String(r.id),
    name: String(r.name),
    ext: String(r.ext),
    mime: String(r.mime),
    size: Number(r.size),
    sha256: String(r.sha256),
    note: String(r.note),
    uploadedByName: String(r.uploaded_by_name),
    createdAt: pgInstant(r.created_at)!,
  }));
}

export async function enterpriseAttachmentData(db: DbOrTx, tenantId: string, appealId: string, enterpriseId: string, id: string) {
  const [r] = await queryRows<{ name: string; ext: string; mime: string; data: Buffer }>(db, sql`
    SELECT t.name, t.ext, t.mime, d.data FROM appeal_attachments t JOIN appeal_attachment_data d ON d.attachment_id = t.id
    WHERE t.id = ${id} AND t.appeal_id = ${appealId} AND t.tenant_id = ${tenantId} AND ${byEnterprise(enterpriseId)}`);
  return r ?? null;
}
