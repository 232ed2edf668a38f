// The data guards of the appeal actions (R3.2, R6.2): what must already be on file before an action
// the transition table allows in this state may be taken (a result before the reply, an opinion
// before the result…). Pure: the service gathers the facts from the locked row and refuses with
// the reason (409); the appeal's GET answer lists the same reasons beside each action, so the page
// disables a button with the very words the server would answer (issue 17). One source, no copy
// in the web.
import type { AppealAction, AppealState } from '../../../../shared/appeals.ts';
import type { Party } from './transitions.ts';

export type PendingRequest = { kind: string; status: string };

/** What the guards read of one appeal at one instant. */
export type GuardFacts = {
  contactDone: boolean;
  opinionDone: boolean;
  /** 办理结果 recorded (solved or service confirmed). */
  resultRecorded: boolean;
  /** The resolution deadline is known (the holiday calendar was loaded when the cycle started). */
  resolutionDueKnown: boolean;
  resolutionDone: boolean;
  /** Co-handling units that have not submitted their part (names). */
  pendingCoUnits: readonly string[];
  /** Extension / pause requests still awaiting a decision. */
  pendingRequests: readonly PendingRequest[];
  /** 退单 only within returnLimitHours of dispatch. */
  returnDeadlinePassed: boolean;
  returnLimitHours: number;
  /** 未评价办结 only once the evaluation window after the reply has passed. */
  evaluationWindowPassed: boolean;
  evaluationWindowWorkdays: number;
};

/**
 * Why the caller may not take `action` now although the transition table allows it in this state
 * (null: nothing missing). The first missing precondition, worded as what to do first.
 */
export function actionBlock(action: AppealAction, f: GuardFacts, parties: readonly Party[] = []): string | null {
  switch (action) {
    // R6.2 the order of the milestones: contact → opinion → result → reply.
    case 'opinion':
      return f.contactDone ? null : '请先记录与企业的联系情况，再反馈初步意见';
    case 'result':
      if (!f.opinionDone) return '请先反馈初步意见，再登记办理结果';
      if (f.pendingCoUnits.length) return `协办处室尚未提交意见：${f.pendingCoUnits.join('、')}`;
      return null;
    case 'reply':
      if (!f.resultRecorded) return '请先登记办理结果（已解决或服务确认），再答复企业';
      if (f.pendingRequests.length) return '有待审批的延期或挂起申请，请先审批或等待审批完成';
      return null;
    // R6.2 extension and pause: only while the resolution clock runs, one pending request of a kind.
    case 'request_extension':
    case 'request_pause': {
      const what = action === 'request_extension' ? '延期' : '挂起';
      if (!f.resolutionDueKnown) return `时限尚未计算（节假日安排未载入），暂不能申请${what}`;
      if (f.resolutionDone) return `已登记办理结果，无需${what}`;
      const kind = action === 'request_extension' ? 'extension' : 'pause';
      if (f.pendingRequests.some((r) => r.kind === kind)) return `已有待审批的${what}申请`;
      return null;
    }
    case 'decide_request': {
      if (!f.pendingRequests.length) return '没有待审批的延期或挂起申请';
      const mine = f.pendingRequests.some(
        (r) => (r.status === 'pending' && parties.includes('lead_head')) || (r.status === 'pending_coordinator' && parties.includes('coordinator')),
      );
      if (mine) return null;
      return f.pendingRequests.some((r) => r.status === 'pending') ? '该申请须由主办处室负责人审批' : '该申请已由处室负责人同意，须由统筹处室审批';
    }
    // R3.2 退单 within the tenant's limit after dispatch.
    case 'return':
      return f.returnDeadlinePassed ? `已超过退单时限（派单后${f.returnLimitHours}小时内），请联系诉求受理人员转办` : null;
    case 'close_unevaluated':
      return f.evaluationWindowPassed ? null : `评价期限（答复后${f.evaluationWindowWorkdays}个工作日）尚未届满`;
    default:
      return null;
  }
}

/**
 * The next step of the handling loop for this caller (the page's one primary button), among the
 * actions the table allows them now: the first milestone not yet done (R6.2 2115), then the reply,
 * the evaluation, a decision awaiting them. Null when nothing of the loop is theirs to do.
 */
export function nextStep(state: AppealState, allowed: readonly AppealAction[], f: GuardFacts, parties: readonly Party[] = []): AppealAction | null {
  const may = (a: AppealAction) => allowed.includes(a);
  // A pending request the caller decides comes first: it holds the reply back.
  if (may('decide_request') && actionBlock('decide_request', f, parties) === null) return 'decide_request';
  switch (state) {
    case 'received':
    case 'returned':
      return may('dispatch') ? 'dispatch' : null;
    case 'dispatched':
      return may('accept') ? 'accept' : null;
    case 'handling':
      if (may('contact') && !f.contactDone) return 'contact';
      if (may('opinion') && !f.opinionDone) return 'opinion';
      if (may('result') && !f.resultRecorded) return 'result';
      if (may('reply')) return 'reply';
      return may('submit_part') ? 'submit_part' : null;
    case 'paused':
      if (may('resume')) return 'resume';
      return may('submit_part') ? 'submit_part' : null;
    case 'replied':
      if (may('evaluate')) return 'evaluate';
      return null;
    default:
      return null;
  }
}
