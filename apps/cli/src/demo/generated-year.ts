/**
 * A year of a province's work ending today, from a seed: the annual programme in January, plans,
 * decisions, directives and meeting conclusions all year, and their tasks' lives — received,
 * reported on, extended or not, done on time or late, returned, some still overdue, some due
 * in the next days. Agencies differ in diligence, so the per-agency table has a shape.
 */
import { addDays, calendarDate, dateParts, daysInMonth, fromParts } from '@chidao/domain';
import { assignmentOf, type DemoDirective } from './demo-directive';
import { DEPARTMENTS, DISTRICTS, PROVINCE, PROVINCE_ISSUER, type DemoAgency } from './province';
import type { Random } from './random';
import type { TaskLife } from './task-life';

const GENERATED_DIRECTIVES = 60;
const GENERATED_TASKS = 1500;

const day = (date: string, days: number): string => addDays(calendarDate(date), days);
const min = (a: string, b: string) => (a < b ? a : b);
const max = (a: string, b: string) => (a > b ? a : b);
const span = (from: string, to: string) =>
  Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

const LEADERS = [
  'Chủ tịch UBND tỉnh',
  'Phó Chủ tịch UBND tỉnh phụ trách khối Kinh tế',
  'Phó Chủ tịch UBND tỉnh phụ trách khối Văn xã',
  'Phó Chủ tịch UBND tỉnh phụ trách khối Nội chính',
];

const SUBJECTS = [
  'chuyển đổi số và phát triển chính quyền số',
  'cải cách hành chính, nâng cao chỉ số PCI, PAR INDEX, SIPAS',
  'phát triển kinh tế - xã hội, bảo đảm quốc phòng - an ninh',
  'giải ngân vốn đầu tư công',
  'xây dựng nông thôn mới nâng cao, nông thôn mới kiểu mẫu',
  'phòng, chống thiên tai và tìm kiếm cứu nạn',
  'thu ngân sách nhà nước và tiết kiệm chi',
  'bảo vệ môi trường và quản lý tài nguyên khoáng sản',
  'phát triển du lịch và bảo tồn di sản văn hóa',
  'bảo đảm trật tự an toàn giao thông',
  'chăm sóc sức khỏe nhân dân và y tế cơ sở',
  'đổi mới giáo dục, xây dựng trường chuẩn quốc gia',
  'giải quyết việc làm, giảm nghèo bền vững',
  'thu hút đầu tư vào Khu kinh tế Vũng Áng',
  'giải quyết khiếu nại, tố cáo, tiếp công dân',
  'phòng, chống dịch bệnh trên gia súc, gia cầm',
];

const ACTIONS = [
  'Xây dựng kế hoạch triển khai',
  'Tham mưu UBND tỉnh ban hành quy định về',
  'Rà soát, báo cáo kết quả thực hiện',
  'Tổ chức kiểm tra, đôn đốc việc thực hiện',
  'Hoàn thiện hồ sơ trình phê duyệt đề án về',
  'Tổng hợp, đề xuất giải pháp tháo gỡ khó khăn về',
  'Chủ trì tổ chức hội nghị sơ kết',
  'Hướng dẫn các địa phương triển khai',
  'Đánh giá tình hình và đề xuất nhiệm vụ năm sau về',
  'Tuyên truyền, phổ biến chủ trương về',
];

const KINDS: readonly { type: string; weight: number; tasks: [number, number]; title: string }[] = [
  { type: 'KH', weight: 16, tasks: [15, 35], title: 'Kế hoạch triển khai' },
  { type: 'QĐ', weight: 14, tasks: [8, 25], title: 'Quyết định ban hành Kế hoạch thực hiện' },
  { type: 'CT', weight: 8, tasks: [15, 30], title: 'Chỉ thị về tăng cường' },
  { type: 'TB', weight: 21, tasks: [3, 14], title: 'Thông báo kết luận của Chủ tịch UBND tỉnh về' },
];

interface Agency extends DemoAgency {
  /** Share of tasks done by the deadline. */
  readonly diligence: number;
}

/** The programme (January) and 59 other documents issued over the year ending `today`. */
export function generatedYear(random: Random, today: string): DemoDirective[] {
  const start = day(today, -364);
  const agencies: Agency[] = [...DEPARTMENTS, ...DISTRICTS].map((agency) => ({
    ...agency,
    diligence: 0.6 + random.next() * 0.35,
  }));

  // The annual programme: the latest January 19th the year covers, a few days before today.
  const thisYear = dateParts(calendarDate(today)).year;
  const programmeOn =
    day(`${thisYear}-01-19`, 0) <= day(today, -3) ? `${thisYear}-01-19` : `${thisYear - 1}-01-19`;
  const others = Array.from({ length: GENERATED_DIRECTIVES - 1 }, () => {
    const kind = weighted(random, KINDS);
    return { kind, issuedOn: day(start, random.int(0, span(start, today) - 3)) };
  }).sort((a, b) => (a.issuedOn < b.issuedOn ? -1 : a.issuedOn > b.issuedOn ? 1 : 0));

  // Task counts: the programme lists many; the others by kind; then scaled to exactly 1 500,
  // keeping a dozen for tasks assigned lately and due in the coming week.
  const dueSoon = 12;
  const wanted = [140, ...others.map(({ kind }) => random.int(kind.tasks[0], kind.tasks[1]))];
  const counts = scale(wanted, GENERATED_TASKS - dueSoon);
  counts[counts.length - 1] += dueSoon;

  // One register of numbers per year, shared by every type, as a document book is kept.
  const numbers = new Map<number, number>();
  const numberOn = (issuedOn: string): number => {
    const { year, month, day: d } = dateParts(calendarDate(issuedOn));
    const dayOfYear = (month - 1) * 30.5 + d;
    const next = Math.max(
      (numbers.get(year) ?? 0) + random.int(3, 40),
      Math.round(dayOfYear * 1.2),
    );
    numbers.set(year, next);
    return next;
  };
  const plans = [
    {
      type: 'CTr',
      issuedOn: programmeOn,
      title: `Chương trình công tác năm ${dateParts(calendarDate(programmeOn)).year} của UBND tỉnh`,
    },
    ...others.map(({ kind, issuedOn }) => ({
      type: kind.type,
      issuedOn,
      title: `${kind.title} ${random.pick(SUBJECTS)}`,
    })),
  ].sort((a, b) => (a.issuedOn < b.issuedOn ? -1 : a.issuedOn > b.issuedOn ? 1 : 0));
  // The programme keeps its 140 wherever the sort put it.
  const programmeIndex = plans.findIndex((plan) => plan.type === 'CTr');
  const ordered = [...counts.slice(1)];
  ordered.splice(programmeIndex, 0, counts[0]);

  return plans.map((plan, index) => {
    const number = numberOn(plan.issuedOn);
    const directive = { id: random.uuid(), reference: `${number}/${plan.type}-UBND` };
    const enteredOn = min(day(plan.issuedOn, random.int(0, 2)), today);
    const last = index === plans.length - 1;
    const tasks: TaskLife[] = [];
    for (let i = 0; i < ordered[index]; i += 1) {
      const soon = last && i >= ordered[index] - dueSoon;
      const assignedOn = soon ? max(enteredOn, day(today, -random.int(3, 12))) : enteredOn;
      tasks.push(
        taskLife(random, directive, {
          assignedOn,
          programme: plan.type === 'CTr',
          agencies,
          today,
          deadline: soon ? max(assignedOn, day(today, random.int(1, 7))) : undefined,
        }),
      );
    }
    return {
      ...directive,
      issuedOn: plan.issuedOn,
      enteredOn,
      issuer: PROVINCE_ISSUER,
      title: plan.title,
      tasks,
    };
  });
}

function taskLife(
  random: Random,
  directive: { id: string; reference: string },
  options: {
    assignedOn: string;
    programme: boolean;
    agencies: readonly Agency[];
    today: string;
    deadline?: string;
  },
): TaskLife {
  const { assignedOn, agencies, today } = options;
  const lead = random.pick(agencies);
  const supports = random.chance(0.35)
    ? random
        .sample(
          agencies.filter((a) => a.code !== lead.code),
          random.int(1, 2),
        )
        .map((a) => a.code)
    : [];
  const deadline = options.deadline ?? deadlineFor(random, assignedOn, options.programme);
  const taskId = random.uuid();
  const title = `${random.pick(ACTIONS)} ${random.pick(SUBJECTS)}${lead.kind === 'district' ? ` trên địa bàn ${lead.name.replace('UBND ', '')}` : ''}`;
  const assignment = assignmentOf(
    directive,
    {
      taskId,
      title,
      leadAgency: lead.code,
      supportAgencies: supports,
      deadline,
      keyTask: random.chance(0.2),
      workProgrammeItem: options.programme && random.chance(0.3),
      leaderInCharge: random.pick(LEADERS),
    },
    PROVINCE,
  );

  let cursor = day(assignedOn, random.int(0, 4));
  let leadCode = lead.code;
  let diligence = lead.diligence;
  const life: { -readonly [K in keyof TaskLife]: TaskLife[K] } = { assignedOn, assignment };
  if (random.chance(0.02)) {
    const other = random.pick(
      agencies.filter((a) => a.code !== lead.code && !supports.includes(a.code)),
    );
    const reassignedOn = day(cursor, random.int(2, 6));
    life.refusal = {
      on: cursor,
      reason: 'Nội dung không thuộc chức năng, nhiệm vụ của đơn vị',
      reassignedOn,
      newLead: other.code,
      receivedOn: day(reassignedOn, random.int(0, 3)),
    };
    cursor = life.refusal.receivedOn;
    leadCode = other.code;
    diligence = other.diligence;
  } else {
    life.receivedOn = cursor;
  }
  const receivedOn = cursor;

  if (random.chance(0.01)) {
    life.cancelled = {
      on: day(receivedOn, random.int(10, 60)),
      reason: 'Không còn phù hợp do thay đổi chủ trương',
    };
    life.progress = [
      { on: day(receivedOn, 5), percent: 10, note: 'Đã phân công phòng chuyên môn chủ trì.' },
    ];
    return life;
  }

  // When the work gets done, measured against the deadline in force.
  let inForce = deadline;
  if (deadline !== null && span(receivedOn, deadline) >= 14 && random.chance(0.12)) {
    const requestedOn = day(deadline, -random.int(3, Math.min(20, span(receivedOn, deadline) - 2)));
    const proposedDeadline = day(deadline, random.int(30, 90));
    const rejected = random.chance(0.3)
      ? 'Nhiệm vụ cấp bách, đề nghị đơn vị tập trung hoàn thành đúng hạn'
      : undefined;
    life.extension = {
      requestedOn,
      proposedDeadline,
      reason: random.pick([
        'Cần thêm thời gian lấy ý kiến các sở, ngành và địa phương',
        'Chờ hướng dẫn của bộ, ngành Trung ương',
        'Khối lượng công việc lớn, phải khảo sát thực địa',
      ]),
      decidedOn: day(requestedOn, random.int(2, 7)),
      rejected,
    };
    if (!rejected) inForce = proposedDeadline;
  }
  const notBefore = life.extension ? day(life.extension.decidedOn, 1) : day(receivedOn, 1);
  let completedOn: string | null;
  if (inForce === null) {
    completedOn = random.chance(0.55) ? day(receivedOn, random.int(20, 200)) : null;
  } else if (random.chance(diligence)) {
    const length = Math.max(1, span(receivedOn, inForce));
    completedOn = day(receivedOn, Math.round(length * (0.45 + random.next() * 0.55)));
  } else {
    completedOn = random.chance(0.75) ? day(inForce, random.int(1, 75)) : null;
  }
  if (completedOn !== null) completedOn = max(completedOn, notBefore);

  // Progress reports up to the completion (or today), from the lead; one from a supporter.
  const until = completedOn ?? day(today, 1);
  const room = span(receivedOn, until) - 1;
  const reports = random.int(1, 5);
  const progress: { on: string; percent: number; note: string; supporter?: string }[] = [];
  life.progress = progress;
  for (let i = 1; i <= reports && room >= 2; i += 1) {
    progress.push({
      on: day(receivedOn, Math.max(1, Math.floor((room * i) / (reports + 1)))),
      percent: Math.min(90, Math.round((90 * i) / (reports + 1)) + random.int(0, 9)),
      note: random.pick([
        'Đã ban hành văn bản triển khai, giao các phòng chuyên môn thực hiện.',
        'Đang tổng hợp số liệu từ các địa phương.',
        'Đã tổ chức họp lấy ý kiến, đang hoàn thiện dự thảo.',
        'Đang thẩm định hồ sơ, dự kiến trình trong tháng.',
        'Đã hoàn thành khảo sát thực địa.',
      ]),
    });
  }
  if (supports.length > 0 && room >= 4 && random.chance(0.5)) {
    progress.push({
      on: day(receivedOn, Math.floor(room / 2)),
      percent: 100,
      note: 'Đã gửi ý kiến, số liệu phần việc được phân công.',
      supporter: supports[0],
    });
  }

  // Reminders: before the deadline for some, after it when the work is late.
  const urges: { on: string; kind: 'before_deadline' | 'overdue'; message: string }[] = [];
  const reportedOn = completedOn === null ? null : day(completedOn, random.int(0, 3));
  if (inForce !== null) {
    const before = day(inForce, -3);
    if (before > receivedOn && (reportedOn === null || before < reportedOn) && random.chance(0.2)) {
      urges.push({
        on: before,
        kind: 'before_deadline',
        message: 'Nhiệm vụ sắp đến hạn, đề nghị khẩn trương hoàn thành.',
      });
    }
    const after = day(inForce, random.int(3, 10));
    if (reportedOn === null || after < reportedOn) {
      urges.push({
        on: after,
        kind: 'overdue',
        message: `Nhiệm vụ đã quá hạn (${inForce}), đề nghị ${leadCode} báo cáo kết quả.`,
      });
    }
  }
  life.urges = urges;

  if (completedOn !== null && reportedOn !== null) {
    const resultDocument = `${random.int(20, 3900)}/BC-${leadCode.replace(/^UBND-.*/, 'UBND')}`;
    if (random.chance(0.06)) {
      const returnedOn = day(reportedOn, random.int(1, 5));
      const again = day(returnedOn, random.int(5, 20));
      life.completions = [
        {
          completedOn,
          reportedOn,
          resultDocument,
          returned: {
            on: returnedOn,
            reason: 'Báo cáo chưa đầy đủ nội dung theo yêu cầu, đề nghị bổ sung.',
          },
        },
        {
          completedOn:
            day(again, -random.int(0, 2)) < returnedOn ? returnedOn : day(again, -random.int(0, 2)),
          reportedOn: again,
          resultDocument: `${resultDocument}-bs`,
          confirmedOn: day(again, random.int(1, 5)),
        },
      ];
    } else {
      life.completions = [
        { completedOn, reportedOn, resultDocument, confirmedOn: day(reportedOn, random.int(1, 6)) },
      ];
    }
  }
  return life;
}

/** End of quarter, 30/6 or 31/12, a number of days, or none (thường xuyên). */
function deadlineFor(random: Random, assignedOn: string, programme: boolean): string | null {
  const roll = random.next();
  if (roll < (programme ? 0.25 : 0.12)) return null;
  const { year, month } = dateParts(calendarDate(assignedOn));
  const earliest = day(assignedOn, 20);
  if (roll < 0.45) {
    for (let quarterEnd = Math.ceil(month / 3) * 3, y = year; ; quarterEnd += 3) {
      if (quarterEnd > 12) {
        quarterEnd -= 12;
        y += 1;
      }
      const end = fromParts(y, quarterEnd, daysInMonth(y, quarterEnd));
      if (end >= earliest) return end;
    }
  }
  if (roll < 0.6) {
    for (const candidate of [`${year}-06-30`, `${year}-12-31`, `${year + 1}-06-30`]) {
      if (candidate >= earliest) return candidate;
    }
  }
  return day(assignedOn, random.pick([10, 15, 20, 30, 30, 45, 60, 90]));
}

function weighted<T extends { weight: number }>(random: Random, items: readonly T[]): T {
  let roll = random.next() * items.reduce((sum, item) => sum + item.weight, 0);
  for (const item of items) {
    roll -= item.weight;
    if (roll < 0) return item;
  }
  return items[items.length - 1];
}

/** Whole numbers proportional to `weights`, summing to `total` (largest remainders). */
function scale(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w * total) / sum);
  const counts = exact.map(Math.floor);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; counts.reduce((a, b) => a + b, 0) < total; k += 1) counts[order[k][1]] += 1;
  return counts;
}
