// HTTP API of the home page (issue 17): the caller's to-do counts.
import { ADMIN_ROLES, STAFF_BUSINESS_ROLES } from '../../../../shared/roles.ts';
import { HomeTodoSchema } from '../../../../shared/api/home.ts';
import { authedCtx, type ZApp } from '../../http/context.ts';
import * as service from './home.service.ts';

export function homeRoutes(app: ZApp) {
  app.get(
    '/api/home/todo',
    {
      // Every staff account; the administrators get no items (their home page shows shortcuts).
      config: { policy: { roles: [...STAFF_BUSINESS_ROLES, ...ADMIN_ROLES] } },
      schema: {
        tags: ['home'],
        summary: '首页待办：待派单、待签收、今日到期、已逾期、待审批、待评价、待报送（按角色和数据范围计数）',
        response: { 200: HomeTodoSchema },
      },
    },
    async (request) => service.todo(authedCtx(request)),
  );
}
