/** The tasks of 105/TB-UBND, conclusions of the meeting of 10/04/2024, entered on 12/04/2024. */
import { CT, task, type TaskLife } from './task-life';
import {
  confirm,
  progress,
  reassign,
  receive,
  refuse,
  reportDone,
  supportProgress,
  urge,
} from './task-steps';

export const CONCLUSIONS: TaskLife[] = [
  // SYT → the district with two supporters; the completion is entered 12 days late; on time.
  task(
    'T23',
    {
      title: 'Tiêm chủng mở rộng tại các xã vùng khó khăn',
      leadAgency: 'SYT',
      supportAgencies: [],
      deadline: '2024-05-31',
      leaderInCharge: CT,
    },
    [
      receive('2024-04-12'),
      reassign('2024-05-15', 'tracker', 'UBND-HUYEN-A', 'Địa phương trực tiếp tổ chức', {
        supportAgencies: ['SYT', 'STC'],
      }),
      receive('2024-05-16'),
      supportProgress('2024-05-25', 'STC', 100, 'Đã cấp kinh phí'),
      reportDone('2024-05-31', '2024-05-30', '77/BC-UBND', { entered: '2024-06-12 11:00' }),
      confirm('2024-06-13'),
    ],
  ),
  // Refused by STC, reassigned to SKHDT (entered 18 days late) with STC supporting; overdue.
  task(
    'T24',
    {
      title: 'Đề xuất danh mục dự án kêu gọi đầu tư năm 2025',
      leadAgency: 'STC',
      supportAgencies: [],
      deadline: '2024-06-15',
      leaderInCharge: CT,
    },
    [
      refuse('2024-04-15', 'Đề nghị giao Sở Kế hoạch và Đầu tư chủ trì'),
      reassign('2024-04-18', 'leader', 'SKHDT', 'Giao lại theo ý kiến Chủ tịch UBND tỉnh', {
        supportAgencies: ['STC'],
        entered: '2024-05-06 09:45',
      }),
      receive('2024-05-07'),
      progress('2024-06-01', 30, 'Đã tổng hợp đề xuất của 5 sở'),
      urge('2024-06-20', 'overdue', 'Nhiệm vụ quá hạn'),
    ],
  ),
  // Reassigned from STTTT to STC two days before mid-year; done late.
  task(
    'T25',
    {
      title: 'Bố trí kinh phí thuê dịch vụ công nghệ thông tin cho các sở',
      leadAgency: 'STTTT',
      supportAgencies: ['SKHDT'],
      deadline: '2024-07-15',
    },
    [
      receive('2024-04-12'),
      progress('2024-05-20', 30, 'Đã tổng hợp nhu cầu thuê dịch vụ'),
      reassign('2024-06-28', 'leader', 'STC', 'Nội dung chủ yếu về bố trí kinh phí'),
      receive('2024-07-01'),
      reportDone('2024-07-31', '2024-07-30', '2150/STC-HCSN'),
      confirm('2024-08-02'),
    ],
  ),
  task(
    'T26',
    {
      title: 'Hoàn thiện quy hoạch hạ tầng viễn thông thụ động',
      leadAgency: 'SKHDT',
      supportAgencies: ['STTTT'],
      deadline: '2024-10-15',
    },
    [
      receive('2024-04-15'),
      progress('2024-07-20', 50, 'Đã lấy ý kiến các huyện'),
      reportDone('2024-10-11', '2024-10-10', '2280/SKHDT-QH'),
      confirm('2024-10-14'),
    ],
  ),
  task(
    'T27',
    {
      title: 'Giải phóng mặt bằng tuyến cáp quang liên xã',
      leadAgency: 'UBND-HUYEN-A',
      supportAgencies: [],
      deadline: '2024-05-10',
    },
    [
      receive('2024-04-16'),
      urge('2024-05-20', 'overdue', 'Nhiệm vụ quá hạn'),
      reportDone('2024-06-06', '2024-06-05', '91/BC-UBND'),
      confirm('2024-06-07'),
    ],
  ),
  // Refused and never reassigned.
  task(
    'T28',
    {
      title: 'Kiểm tra công tác phòng, chống dịch bệnh mùa hè',
      leadAgency: 'SYT',
      supportAgencies: [],
      deadline: null,
    },
    [refuse('2024-04-13', 'Đã có kế hoạch riêng của Bộ Y tế, đề nghị rút khỏi danh mục')],
  ),
  // Never received.
  task(
    'T29',
    {
      title: 'Rà soát, chuẩn hoá danh mục thủ tục hành chính, "4 tại chỗ"',
      leadAgency: 'STTTT',
      supportAgencies: [],
      deadline: '2024-09-30',
    },
    [urge('2024-10-07', 'overdue', 'Nhiệm vụ quá hạn, chưa tiếp nhận')],
  ),
];
