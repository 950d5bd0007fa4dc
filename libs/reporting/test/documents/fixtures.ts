import { formatPercentCut, summaryVi, type CompletionStats, type Rate } from '@chidao/domain';
import { viDate } from '../../src/documents/document-format';
import type { ReportPeriod, ReportSnapshot } from '../../src/report.types';

/**
 * Snapshots built from the numbers of real reports (DOMAIN.md "Numbers from real reports"), with
 * CompletionStats computed the way the domain computes them, so displays are the domain's own.
 */

interface Counts {
  onTime?: number;
  late?: number;
  doneNoDeadline?: number;
  within?: number;
  overdue?: number;
  notDoneNoDeadline?: number;
  awaiting?: number;
  deadlineChanged?: number;
  over30?: number;
  over120?: number;
}

const rate = (numerator: number, denominator: number): Rate => ({
  numerator,
  denominator,
  ...formatPercentCut(numerator, denominator),
});

export function stats(c: Counts): CompletionStats {
  const onTime = c.onTime ?? 0;
  const late = c.late ?? 0;
  const doneNoDeadline = c.doneNoDeadline ?? 0;
  const within = c.within ?? 0;
  const overdue = c.overdue ?? 0;
  const notDoneNoDeadline = c.notDoneNoDeadline ?? 0;
  const done = onTime + late + doneNoDeadline;
  const notDone = within + overdue + notDoneNoDeadline;
  const base = {
    total: done + notDone,
    done: { total: done, onTime, late, noDeadline: doneNoDeadline },
    notDone: {
      total: notDone,
      withinDeadline: within,
      overdue,
      noDeadline: notDoneNoDeadline,
      awaitingConfirmation: c.awaiting ?? 0,
    },
    deadlineChanged: c.deadlineChanged ?? 0,
    overdueOver30Days: c.over30 ?? 0,
    overdueOver120Days: c.over120 ?? 0,
    rates: {
      doneOfAssigned: rate(done, done + notDone),
      doneOfDue: rate(done, done + overdue),
      onTimeOfDone: rate(onTime, onTime + late),
      overdueShare: rate(overdue, done + notDone),
    },
  };
  return { ...base, summaryVi: summaryVi(base) };
}

const DIGEST = '5f0c6d1e9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d';

/** Hà Tĩnh, Sở TT&TT, 2024: 27 tasks received, 27/27 done (100%) as of 27/5/2024. */
export function haTinh2024(): ReportSnapshot {
  return {
    id: 'snap-ha-tinh-2024-05-27',
    period: asOf('2024-05-27'),
    scope: {
      agency: 'SO-TTTT',
      includeUnits: false,
      directive: null,
      leadAgencies: ['SO-TTTT'],
      agencyName: 'Sở Thông tin và Truyền thông',
      directiveReference: null,
    },
    position: 1834,
    // 10:00 in Hà Tĩnh (UTC+7): the report is dated 27/5/2024.
    takenAt: '2024-05-27T03:00:00.000Z',
    takenBy: { userId: 'u-vp-stttt', displayName: 'Văn phòng Sở' },
    trigger: 'manual',
    figures: {
      scope: stats({ onTime: 27 }),
      byAgency: [
        { key: 'SO-TTTT', label: 'Sở Thông tin và Truyền thông', stats: stats({ onTime: 27 }) },
      ],
      overdue: { total: 0, entries: [], truncated: false },
      doneLate: { total: 0, entries: [], truncated: false },
      deadlineChanges: { total: 0, entries: [], truncated: false },
      previous: null,
    },
    digest: DIGEST,
  };
}

/** An as-of period labelled as libs/reporting/src/periods labels them. */
export const asOf = (date: string): ReportPeriod => ({
  id: `..${date}`,
  type: 'as_of',
  convention: 'calendar',
  cutoffDay: null,
  start: `${date.slice(0, 4)}-01-01`,
  end: date,
  labelVi: `năm ${date.slice(0, 4)} (tính đến ngày ${viDate(date)})`,
});

/**
 * The Government tracking office to 25/12/2017: 21.914 tasks, 14.068 on time, 1.983 late,
 * 5.640 within deadline, 223 overdue; 98,62% of due tasks done. The previous period is made up
 * so the changes are: overdue −3, done/assigned +2,15 points, done/due +0,19, on time +1,84.
 */
export function government2017(): ReportSnapshot {
  const scope = stats({
    onTime: 14068,
    late: 1983,
    within: 5640,
    overdue: 223,
    awaiting: 41,
    deadlineChanged: 1204,
    over30: 97,
    over120: 12,
  });
  const before = stats({ onTime: 12200, late: 2018, within: 5556, overdue: 226 });
  const change = (now: Rate, then: Rate): number | null =>
    now.percent === null || then.percent === null ? null : now.percent - then.percent;
  return {
    id: 'snap-vpcp-2017',
    period: asOf('2017-12-25'),
    scope: {
      agency: null,
      includeUnits: true,
      directive: null,
      leadAgencies: null,
      agencyName: null,
      directiveReference: null,
    },
    position: 1_250_311,
    // 09:00 on 26/12/2017 in Vietnam.
    takenAt: '2017-12-26T02:00:00.000Z',
    takenBy: { userId: 'u-vp-theo-doi', displayName: null },
    trigger: 'schedule:year',
    figures: {
      scope,
      byAgency: [
        {
          key: 'BO-KHDT',
          label: 'Bộ Kế hoạch và Đầu tư',
          stats: stats({ onTime: 5000, late: 700, within: 2000, overdue: 100 }),
        },
        {
          key: 'BO-TC',
          label: 'Bộ Tài chính',
          stats: stats({ onTime: 4068, late: 683, within: 1640, overdue: 23 }),
        },
        {
          key: 'BO-TTTT',
          label: 'Bộ Thông tin và Truyền thông',
          stats: stats({ onTime: 5000, late: 600, within: 2000, overdue: 100 }),
        },
      ],
      overdue: {
        total: 223,
        truncated: true,
        entries: [
          {
            taskId: 't-0001',
            title: 'Xây dựng Đề án phát triển Chính phủ điện tử',
            leadAgency: 'Bộ Thông tin và Truyền thông',
            directiveReference: '09/CT-TTg',
            assignedOn: '2017-02-06',
            deadline: '2017-06-30',
            daysOverdue: 178,
          },
          {
            taskId: 't-0002',
            title: 'Trình Chính phủ Nghị định sửa đổi về quản lý đầu tư công',
            leadAgency: 'Bộ Kế hoạch và Đầu tư',
            directiveReference: '45/2016/QĐ-TTg',
            assignedOn: '2017-01-09',
            deadline: '2017-09-05',
            daysOverdue: 111,
          },
          {
            taskId: 't-0003',
            title: 'Hướng dẫn cơ chế tài chính cho hệ thống theo dõi nhiệm vụ',
            leadAgency: 'Bộ Tài chính',
            directiveReference: '2926/UBND-TH',
            assignedOn: '2017-10-02',
            deadline: '2017-12-01',
            daysOverdue: 24,
          },
        ],
      },
      doneLate: {
        total: 1983,
        truncated: true,
        entries: [
          {
            taskId: 't-0101',
            title: 'Báo cáo sơ kết Chỉ thị 09/CT-TTg',
            leadAgency: 'Bộ Tài chính',
            directiveReference: '09/CT-TTg',
            deadline: '2017-03-31',
            completedOn: '2017-04-12',
            daysLate: 12,
          },
        ],
      },
      deadlineChanges: {
        total: 2,
        truncated: false,
        entries: [
          {
            taskId: 't-0201',
            title: 'Rà soát thủ tục hành chính lĩnh vực đầu tư',
            leadAgency: 'Bộ Kế hoạch và Đầu tư',
            directiveReference: '1022/TB-TU',
            originalDeadline: '2017-05-15',
            deadline: '2017-08-15',
          },
          {
            taskId: 't-0202',
            title: 'Cập nhật cơ sở dữ liệu văn bản chỉ đạo',
            leadAgency: 'Bộ Thông tin và Truyền thông',
            directiveReference: '05-NQ/TU',
            originalDeadline: null,
            deadline: '2017-11-30',
          },
        ],
      },
      previous: {
        period: asOf('2016-12-25'),
        scope: before,
        overdueChange: scope.notDone.overdue - before.notDone.overdue,
        rateChangePoints: {
          doneOfAssigned: change(scope.rates.doneOfAssigned, before.rates.doneOfAssigned),
          doneOfDue: change(scope.rates.doneOfDue, before.rates.doneOfDue),
          onTimeOfDone: change(scope.rates.onTimeOfDone, before.rates.onTimeOfDone),
        },
      },
    },
    digest: DIGEST,
  };
}

/** The Hà Tĩnh letterhead of the brief: the provincial office reports. */
export const HA_TINH_OFFICE = {
  parentBody: 'UBND tỉnh Hà Tĩnh',
  body: 'Văn phòng',
  symbol: 'VP',
  place: 'Hà Tĩnh',
  recipients: ['Thường trực Tỉnh ủy', 'Chủ tịch, các PCT UBND tỉnh', 'Lưu: VT, TH'],
  signerTitle: 'KT. Chánh Văn phòng\nPhó Chánh Văn phòng',
  signerName: 'Nguyễn Văn A',
} as const;
