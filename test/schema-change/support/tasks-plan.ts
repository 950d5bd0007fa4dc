/** The tasks of 32/KH-UBND, the digital transformation plan, assigned on 05/02/2024. */
import { requestIdOf, task, type TaskLife } from './task-life';
import {
  approve,
  cancel,
  confirm,
  hold,
  progress,
  reassign,
  receive,
  reject,
  reportDone,
  requestExtension,
  requestWithdrawal,
  resume,
  urge,
} from './task-steps';

export const PLAN: TaskLife[] = [
  // Extension rejected; done late.
  task(
    'T15',
    {
      title: 'Nâng cấp Cổng dịch vụ công và Hệ thống thông tin giải quyết TTHC tỉnh',
      leadAgency: 'STTTT',
      supportAgencies: [],
      deadline: '2024-05-31',
      keyTask: true,
    },
    [
      receive('2024-02-06'),
      requestExtension('2024-05-20', requestIdOf('T15', 1), '2024-07-31', 'Nhà thầu chậm tiến độ'),
      reject('2024-05-24', requestIdOf('T15', 1), 'Không có lý do chính đáng'),
      reportDone('2024-06-11', '2024-06-10', '980/STTTT-CNTT'),
      confirm('2024-06-14'),
    ],
  ),
  // Withdrawn on request.
  task(
    'T16',
    {
      title: 'Xây dựng kho dữ liệu dùng chung của tỉnh',
      leadAgency: 'STTTT-CNTT',
      supportAgencies: [],
      deadline: '2024-09-30',
    },
    [
      receive('2024-02-07'),
      requestWithdrawal('2024-04-10', requestIdOf('T16', 1), 'Đã thực hiện trong Đề án hạ tầng số'),
      approve('2024-04-15', requestIdOf('T16', 1)),
    ],
  ),
  // On hold, resumed with a new deadline; done on time.
  task(
    'T17',
    {
      title: 'Triển khai sổ sức khoẻ điện tử cho người dân',
      leadAgency: 'SYT',
      supportAgencies: ['STTTT'],
      deadline: '2024-07-31',
    },
    [
      receive('2024-02-07'),
      hold('2024-03-01', 'Chờ hướng dẫn của Bộ Y tế'),
      resume('2024-05-02', '2024-10-31'),
      reportDone('2024-10-21', '2024-10-20', '2045/SYT-KHTC'),
      confirm('2024-10-25'),
    ],
  ),
  // Cancelled.
  task(
    'T18',
    {
      title: 'Thí điểm camera giám sát giao thông tại trung tâm huyện',
      leadAgency: 'UBND-HUYEN-A',
      supportAgencies: [],
      deadline: '2024-06-30',
    },
    [receive('2024-02-08'), cancel('2024-03-20', 'Không còn phù hợp, đã lồng ghép dự án khác')],
  ),
  // Urged before and after its deadline; done late.
  task(
    'T19',
    {
      title: 'Bố trí vốn đối ứng cho dự án Chính quyền điện tử',
      leadAgency: 'STC',
      supportAgencies: [],
      deadline: '2024-04-30',
    },
    [
      receive('2024-02-06'),
      urge('2024-04-26', 'before_deadline', 'Còn 4 ngày đến hạn'),
      urge('2024-05-06', 'overdue', 'Nhiệm vụ quá hạn'),
      reportDone('2024-05-21', '2024-05-20', '1401/STC-ĐT'),
      confirm('2024-05-23'),
    ],
  ),
  // On hold, reassigned while on hold to its supporter STTTT, resumed; done late.
  task(
    'T20',
    {
      title: 'Xây dựng nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP)',
      leadAgency: 'SKHDT',
      supportAgencies: ['STTTT'],
      deadline: '2024-08-31',
    },
    [
      receive('2024-02-06'),
      hold('2024-04-01', 'Chờ ý kiến của Bộ Kế hoạch và Đầu tư'),
      reassign('2024-04-20', 'tracker', 'STTTT', 'Đúng chức năng quản lý nhà nước về CNTT'),
      resume('2024-05-06'),
      receive('2024-05-07'),
      reportDone('2024-09-11', '2024-09-10', '1690/STTTT-CNTT'),
      confirm('2024-09-12'),
    ],
  ),
  // No deadline, never done.
  task(
    'T21',
    {
      title: 'Tổng hợp, báo cáo định kỳ tình hình thực hiện Kế hoạch',
      leadAgency: 'VP-UBND',
      supportAgencies: [],
      deadline: null,
    },
    [
      receive('2024-02-06'),
      progress('2024-03-30', 25, 'Báo cáo quý I'),
      progress('2024-09-30', 60, 'Báo cáo quý III'),
    ],
  ),
  // Urged as overdue, then the completion dated before the deadline is entered in January.
  task(
    'T22',
    {
      title: 'Cấp chữ ký số cho cán bộ, công chức cấp xã',
      leadAgency: 'STTTT',
      supportAgencies: [],
      deadline: '2024-12-15',
    },
    [
      receive('2024-02-07'),
      progress('2024-11-20', 70, 'Đã cấp 1.250/1.800 chữ ký số'),
      urge('2024-12-20', 'overdue', 'Nhiệm vụ quá hạn'),
      reportDone('2024-12-12', '2024-12-10', '2399/STTTT-BCVT', { entered: '2025-01-08 09:15' }),
      confirm('2024-12-13', { entered: '2025-01-08 10:40' }),
    ],
  ),
];
