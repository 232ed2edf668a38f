// How to make one resource of each policy resource type in a given tenant. The authorization
// matrix fails when a route names a resource type that has no fixture here.
import type { Db } from '../../src/db/client.ts';
import { createLeader, createUnit, createUser } from './factory.ts';
import { enterpriseFixture, importJobFixture } from '../enterprises/fixtures.ts';
import { appealFixture } from '../appeals/fixtures.ts';
import { portalAppealFixture, registrationFixture } from '../portal/fixtures.ts';
import { notificationFixture } from '../notifications/fixtures.ts';
import { agendaActionFixture, agendaItemFixture, executiveItemFixture, instructionFixture } from '../escalation/fixtures.ts';
import { reportFixture } from '../reports/fixtures.ts';
import { roundtableFixture } from '../roundtables/fixtures.ts';
import { researchFixture } from '../research/fixtures.ts';
import { policyDraftFixture } from '../policies/fixtures.ts';
import { knowledgeArticleFixture } from '../assistance/fixtures.ts';
import { contactPointFixture, fieldFollowUpFixture, fieldRecordFixture } from '../contacts/fixtures.ts';
import { surveyFixture } from '../surveys/fixtures.ts';
import { rectificationItemFixture, supervisionItemFixture } from '../supervision/fixtures.ts';
import { proposalFixture } from '../proposals/fixtures.ts';
import { webhookFixture } from '../webhooks/fixtures.ts';
import { integrationClientFixture, integrationTokenFixture } from '../integrations/fixtures.ts';

/** `unitId`: the unit the matrix's users belong to, for resources seen by unit scope (appeal). */
export const resourceFixtures: Record<string, (db: Db, tenantId: string, unitId?: string) => Promise<string>> = {
  unit: async (db, tenantId) => (await createUnit(db, tenantId)).id,
  user: async (db, tenantId) => (await createUser(db, tenantId, { signIn: false })).id,
  leader: async (db, tenantId) => (await createLeader(db, tenantId, [])).id,
  enterprise: enterpriseFixture,
  enterpriseImport: importJobFixture,
  appeal: appealFixture,
  notification: notificationFixture,
  agendaItem: agendaItemFixture,
  agendaAction: agendaActionFixture,
  executiveItem: executiveItemFixture,
  instruction: instructionFixture,
  portalAppeal: portalAppealFixture,
  enterpriseRegistration: registrationFixture,
  report: reportFixture,
  roundtable: roundtableFixture,
  research: researchFixture,
  policyDraft: policyDraftFixture,
  knowledgeArticle: knowledgeArticleFixture,
  contactPoint: contactPointFixture,
  fieldRecord: fieldRecordFixture,
  fieldFollowUp: fieldFollowUpFixture,
  survey: surveyFixture,
  supervisionItem: supervisionItemFixture,
  rectificationItem: rectificationItemFixture,
  proposal: proposalFixture,
  webhook: webhookFixture,
  integrationClient: integrationClientFixture,
  integrationToken: integrationTokenFixture,
  enterpriseAccount: async (db, tenantId) => (await createUser(db, tenantId, { roles: ['enterprise'], scope: 'unit', signIn: false })).id,
};
