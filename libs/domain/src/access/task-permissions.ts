import { hasRole, type Actor, type Role } from '../shared/actor';
import type { DomainError } from '../shared/domain-error';
import { auditorsReadOnly, forbidden, isOnlyAuditor } from './access.errors';
import type { AgencyScope } from './agency-scope';

/** Who may do what to a task: the table "Who may do what" in DOMAIN.md. */
export type TaskAction =
  | 'assign'
  | 'reassign'
  | 'cancel'
  | 'hold'
  | 'resume'
  | 'decide_deadline_change'
  | 'receive'
  | 'refuse'
  | 'report_progress'
  | 'request_deadline_change'
  | 'report_completion'
  | 'confirm_completion'
  | 'return_completion'
  | 'urge'
  | 'read';

/** The parts of a task the rules look at. */
export interface TaskAccessTarget {
  /** The body that assigned the task: its leadership and tracking office (or those above) decide. */
  readonly assigningAgency: string;
  readonly leadAgency: string;
  readonly supportAgencies: readonly string[];
}

// Leadership of the assigning body, and the tracking office on its behalf.
const ASSIGNER_ACTIONS: readonly TaskAction[] = [
  'assign',
  'reassign',
  'cancel',
  'hold',
  'resume',
  'decide_deadline_change',
];
const TRACKING_ACTIONS: readonly TaskAction[] = ['confirm_completion', 'return_completion', 'urge'];
// The leadership of the assigning body chases its own tasks too (issue 17: "leaders can urge");
// confirming a completion stays with the tracking office, which checks the result document.
const LEADER_TRACKING_ACTIONS: readonly TaskAction[] = ['urge'];
const LEAD_AGENCY_ACTIONS: readonly TaskAction[] = [
  'receive',
  'refuse',
  'report_progress',
  'request_deadline_change',
  'report_completion',
];

const VI_ACTION: Record<TaskAction, string> = {
  assign: 'giao nhiệm vụ',
  reassign: 'giao lại nhiệm vụ',
  cancel: 'hủy nhiệm vụ',
  hold: 'tạm hoãn nhiệm vụ',
  resume: 'cho tiếp tục nhiệm vụ đang tạm hoãn',
  decide_deadline_change: 'duyệt đề nghị điều chỉnh thời hạn',
  receive: 'tiếp nhận nhiệm vụ',
  refuse: 'từ chối nhiệm vụ',
  report_progress: 'cập nhật tiến độ',
  request_deadline_change: 'đề nghị điều chỉnh thời hạn',
  report_completion: 'báo cáo hoàn thành',
  confirm_completion: 'xác nhận hoàn thành',
  return_completion: 'trả lại kết quả',
  urge: 'đôn đốc',
  read: 'xem nhiệm vụ',
};

/**
 * Returns null when the actor may perform the action on the task, or a `forbidden` error that
 * says why. `reportingAgency` is the agency a progress report is made for (lead or supporter);
 * `newLeadAgency` and `newSupportAgencies` are where a reassignment sends the task.
 */
export function authorizeTaskAction(
  actor: Actor,
  action: TaskAction,
  task: TaskAccessTarget,
  scope: AgencyScope,
  extra: {
    reportingAgency?: string;
    newLeadAgency?: string;
    newSupportAgencies?: readonly string[];
  } = {},
): DomainError | null {
  const inScope = (role: Role, agency: string) =>
    hasRole(actor, role) && actor.agency !== null && scope.isSameOrBelow(agency, actor.agency);
  // Decisions belong to the assigning body (or a body above it), and work only goes downwards.
  const leadership = (role: Role) =>
    inScope(role, task.assigningAgency) &&
    inScope(role, task.leadAgency) &&
    (extra.newLeadAgency === undefined || inScope(role, extra.newLeadAgency));

  if (action === 'read') {
    if (hasRole(actor, 'auditor')) return null;
    const agencies = [task.leadAgency, ...task.supportAgencies];
    const overseen = [task.assigningAgency, ...agencies];
    if (overseen.some((agency) => inScope('leader', agency) || inScope('tracker', agency)))
      return null;
    if (hasRole(actor, 'staff') && actor.agency !== null && agencies.includes(actor.agency))
      return null;
    return refuse(
      actor,
      action,
      'the task is outside your agency',
      'nhiệm vụ không thuộc phạm vi đơn vị của bạn',
    );
  }

  if (ASSIGNER_ACTIONS.includes(action) && (leadership('leader') || leadership('tracker'))) {
    // Supporting agencies see the task: they are named within the same scope as the lead.
    const named = action === 'assign' ? task.supportAgencies : (extra.newSupportAgencies ?? []);
    const outside = named.find((code) => !inScope('leader', code) && !inScope('tracker', code));
    if (outside === undefined) return null;
    return refuse(
      actor,
      action,
      `supporting agency ${outside} is outside your agency's line`,
      `đơn vị phối hợp ${outside} không thuộc phạm vi cơ quan, đơn vị của bạn`,
      { field: 'supportAgencies', agency: outside },
    );
  }
  if (TRACKING_ACTIONS.includes(action) && inScope('tracker', task.assigningAgency)) return null;
  if (LEADER_TRACKING_ACTIONS.includes(action) && inScope('leader', task.assigningAgency))
    return null;
  if (LEAD_AGENCY_ACTIONS.includes(action) && hasRole(actor, 'staff') && actor.agency !== null) {
    if (actor.agency === task.leadAgency) {
      if (action !== 'report_progress' || (extra.reportingAgency ?? actor.agency) === actor.agency)
        return null;
    }
    // Supporting agencies report progress on their own part, and nothing else.
    if (
      action === 'report_progress' &&
      task.supportAgencies.includes(actor.agency) &&
      (extra.reportingAgency ?? actor.agency) === actor.agency
    ) {
      return null;
    }
  }
  return refuse(actor, action, whyNot(action), whyNotVi(action));
}

function whyNot(action: TaskAction): string {
  if (ASSIGNER_ACTIONS.includes(action)) {
    return 'only the leadership of the assigning body or its tracking office may do this, for agencies within their scope';
  }
  if (action === 'urge')
    return 'only the leadership or the tracking office of the assigning body may do this';
  if (TRACKING_ACTIONS.includes(action))
    return 'only the tracking office of the assigning body may do this';
  if (action === 'report_progress')
    return 'only staff of the lead agency or of a supporting agency (for its own part) may do this';
  return 'only staff of the lead agency may do this';
}

function whyNotVi(action: TaskAction): string {
  if (ASSIGNER_ACTIONS.includes(action)) {
    return 'chỉ lãnh đạo cơ quan giao nhiệm vụ hoặc văn phòng theo dõi (trong phạm vi phụ trách) được thực hiện';
  }
  if (action === 'urge')
    return 'chỉ lãnh đạo hoặc văn phòng theo dõi của cơ quan giao nhiệm vụ được thực hiện';
  if (TRACKING_ACTIONS.includes(action))
    return 'chỉ văn phòng theo dõi của cơ quan giao nhiệm vụ được thực hiện';
  if (action === 'report_progress') {
    return 'chỉ cán bộ đơn vị chủ trì, hoặc đơn vị phối hợp (đối với phần việc của mình) được thực hiện';
  }
  return 'chỉ cán bộ đơn vị chủ trì được thực hiện';
}

function refuse(
  actor: Actor,
  action: TaskAction,
  reasonEn: string,
  reasonVi: string,
  details: Record<string, unknown> = {},
): DomainError {
  if (isOnlyAuditor(actor.roles)) return auditorsReadOnly({ action });
  return forbidden(
    `You may not ${action.replace(/_/g, ' ')}: ${reasonEn}.`,
    `Bạn không có quyền ${VI_ACTION[action]}: ${reasonVi}.`,
    { action, ...details },
  );
}
