// Every capability registers its routes here.
import type { ZApp } from '../http/context.ts';
import { appealRoutes } from './appeals/appeals.routes.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { escalationRoutes } from './escalation/escalation.routes.ts';
import { enterpriseRoutes } from './enterprises/enterprises.routes.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { calendarRoutes } from './calendar/calendar.routes.ts';
import { portalRoutes } from './portal/portal.routes.ts';
import { portalAttachmentRoutes } from './portal/portal.attachments.routes.ts';
import { portalMessageRoutes } from './portal/portal.messages.routes.ts';
import { portalLinkRoutes } from './portal/portal.links.routes.ts';
import { notificationRoutes } from './notifications/notifications.routes.ts';
import { leaderRoutes } from './leaders/leaders.routes.ts';
import { tenantRoutes } from './tenants/tenants.routes.ts';
import { unitRoutes } from './units/units.routes.ts';
import { userRoutes } from './users/users.routes.ts';

export function registerModules(app: ZApp) {
  authRoutes(app);
  tenantRoutes(app);
  unitRoutes(app);
  leaderRoutes(app);
  userRoutes(app);
  auditRoutes(app);
  enterpriseRoutes(app);
  calendarRoutes(app);
  notificationRoutes(app);
  appealRoutes(app);
  escalationRoutes(app);
  portalRoutes(app);
  portalMessageRoutes(app);
  portalLinkRoutes(app);
  portalAttachmentRoutes(app);
}
