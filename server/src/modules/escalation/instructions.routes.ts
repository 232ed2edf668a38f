// HTTP API of 领导批示 (R6.3/leader 批示, docs/APPEALS.md §10) and of the escalation page's lists
// across appeals (R6.3 厅长办公会议题, 批示). An instruction is seen like its appeal (and by the unit
// that must acknowledge it): another tenant's id answers 404 like a missing one.
import { z } from 'zod';
import type { Role } from '../../../../shared/roles.ts';
import { AGENDA_STATES, INSTRUCTION_STATES, INSTRUCTION_TEXT_MAX } from '../../../../shared/escalation.ts';
import { AgendaListSchema, AppealInstructionsSchema, InstructionListSchema, InstructionViewSchema } from '../../../../shared/api/escalation.ts';
import { isIsoDate } from '../../domain/calendar/index.ts';
import { authedCtx, type ZApp } from '../../http/context.ts';
import { idParams, optionalText, text, version } from '../../http/schemas.ts';
import { registerResource } from '../../plugins/policy.ts';
import * as lists from './escalation.lists.ts';
import * as service from './instructions.service.ts';

registerResource('instruction', { load: service.instructionOwner, visible: (actor, owner) => service.canSeeInstruction(actor, owner) });

const READERS = ['leader', 'unit_staff', 'liaison', 'unit_head', 'coordinator', 'intake', 'oversight'] as const satisfies readonly Role[];
const UNIT = ['unit_staff', 'liaison', 'unit_head'] as const satisfies readonly Role[];
const tags = ['escalation'];
const isoDate = z.string().refine((s) => isIsoDate(s), '日期格式应为 YYYY-MM-DD');

export function instructionRoutes(app: ZApp) {
  app.get(
    '/api/appeals/:id/instructions',
    {
      config: { policy: { roles: READERS, resource: { type: 'appeal' } } },
      schema: { tags, summary: '诉求的领导批示（含签收、落实情况）及当前用户能否批示', params: idParams, response: { 200: AppealInstructionsSchema } },
    },
    async (request) => service.ofAppeal(authedCtx(request), request.params.id),
  );

  app.post(
    '/api/appeals/:id/instructions',
    {
      config: { policy: { roles: ['leader'], resource: { type: 'appeal' } } },
      schema: {
        tags,
        summary: 'R6.3/leader 批示 厅领导对分管范围内的诉求作出批示（可要求完成日期，须为工作日且不早于今天）',
        params: idParams,
        body: z.strictObject({ text: text(INSTRUCTION_TEXT_MAX), dueDate: isoDate.nullable().optional() }),
        response: { 201: InstructionViewSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await service.issue(authedCtx(request), request.params.id, request.body)),
  );

  app.post(
    '/api/instructions/:id/acknowledge',
    {
      config: { policy: { roles: UNIT, resource: { type: 'instruction' } } },
      schema: {
        tags,
        summary: 'R6.3/leader 批示 主办处室签收批示（可说明落实安排）',
        params: idParams,
        body: z.strictObject({ version, note: optionalText(INSTRUCTION_TEXT_MAX) }),
        response: { 200: InstructionViewSchema },
      },
    },
    async (request) => service.acknowledge(authedCtx(request), request.params.id, request.body),
  );

  app.post(
    '/api/instructions/:id/report',
    {
      config: { policy: { roles: UNIT, resource: { type: 'instruction' } } },
      schema: {
        tags,
        summary: 'R6.3/leader 批示 主办处室反馈批示落实情况',
        params: idParams,
        body: z.strictObject({ version, report: text(INSTRUCTION_TEXT_MAX) }),
        response: { 200: InstructionViewSchema },
      },
    },
    async (request) => service.report(authedCtx(request), request.params.id, request.body),
  );

  app.get(
    '/api/escalation/instructions',
    {
      config: { policy: { roles: READERS } },
      schema: {
        tags,
        summary: '领导批示列表：厅领导本人的批示、处室待签收/已签收的批示、办公室等可见范围内的批示',
        querystring: z.strictObject({ state: z.enum(INSTRUCTION_STATES).optional() }),
        response: { 200: InstructionListSchema },
      },
    },
    async (request) => lists.instructionList(authedCtx(request), request.query.state),
  );

  app.get(
    '/api/escalation/agenda',
    {
      config: { policy: { roles: READERS } },
      schema: {
        tags,
        summary: 'R6.3 厅长办公会议题列表（跨诉求，按状态、会议日期筛选），含落实事项',
        querystring: z
          .strictObject({ state: z.enum(AGENDA_STATES).optional(), from: isoDate.optional(), to: isoDate.optional() })
          .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '结束日期不能早于开始日期', path: ['to'] }),
        response: { 200: AgendaListSchema },
      },
    },
    async (request) => lists.agendaList(authedCtx(request), request.query),
  );
}
