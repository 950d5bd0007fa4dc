/**
 * The tasks of 24/CTr-UBND, the year's framework programme: fourteen assigned on 22/01/2024, one
 * added in November.
 */
import { CT, PCT, requestIdOf, task, type TaskLife } from './task-life';
import {
  approve,
  confirm,
  giveBack,
  progress,
  reassign,
  receive,
  refuse,
  reportDone,
  requestExtension,
  supportProgress,
  urge,
} from './task-steps';

export const PROGRAMME: TaskLife[] = [
  task(
    'T01',
    {
      title: 'Xây dựng Đề án phát triển hạ tầng số tỉnh Hà Tĩnh giai đoạn 2024–2025',
      leadAgency: 'STTTT',
      supportAgencies: ['STC'],
      deadline: '2024-06-30',
      keyTask: true,
      workProgrammeItem: true,
      leaderInCharge: PCT,
    },
    [
      receive('2024-01-24'),
      progress('2024-03-15', 50, 'Đã xây dựng dự thảo Đề án, lấy ý kiến các sở, ngành', {
        documents: ['215/STTTT-BCVT'],
      }),
      supportProgress('2024-03-20', 'STC', 30, 'Đã cho ý kiến về nguồn kinh phí'),
      reportDone('2024-06-21', '2024-06-20', '88/QĐ-UBND'),
      confirm('2024-06-25'),
    ],
  ),
  task(
    'T02',
    {
      title: 'Trình phương án phân bổ kinh phí sự nghiệp chuyển đổi số năm 2024',
      leadAgency: 'STC',
      supportAgencies: [],
      deadline: '2024-03-31',
      leaderInCharge: PCT,
    },
    [
      receive('2024-01-23'),
      urge('2024-03-27', 'before_deadline', 'Còn 4 ngày đến hạn, đề nghị khẩn trương hoàn thành'),
      reportDone('2024-04-16', '2024-04-15', '412/STC-NS'),
      confirm('2024-04-18'),
    ],
  ),
  task(
    'T03',
    {
      title: 'Rà soát danh mục dự án đầu tư công trung hạn lĩnh vực thông tin, truyền thông',
      leadAgency: 'SKHDT',
      supportAgencies: [],
      deadline: '2024-05-31',
      keyTask: true,
      leaderInCharge: CT,
    },
    [
      receive('2024-01-24'),
      progress('2024-04-20', 20, 'Đang tổng hợp đề xuất của các sở'),
      urge('2024-06-05', 'overdue', 'Nhiệm vụ đã quá hạn, đề nghị báo cáo lý do'),
      urge('2024-07-10', 'overdue', 'Đôn đốc lần 2'),
      progress('2024-09-15', 45, 'Đã hoàn thành dự thảo danh mục', {
        entered: '2024-10-02 16:20',
      }),
    ],
  ),
  task(
    'T04',
    {
      title: 'Triển khai bệnh án điện tử tại các bệnh viện tuyến tỉnh',
      leadAgency: 'SYT',
      supportAgencies: [],
      deadline: '2024-12-31',
    },
    [
      receive('2024-01-29'),
      progress('2024-09-10', 30, 'Hai bệnh viện đã triển khai thí điểm'),
      reportDone('2025-01-03', '2024-12-30', '15/BC-SYT'),
      confirm('2025-01-06'),
    ],
  ),
  task(
    'T05',
    {
      title: 'Duy trì bộ phận một cửa hiện đại cấp huyện (thường xuyên)',
      leadAgency: 'UBND-HUYEN-A',
      supportAgencies: [],
      deadline: null,
    },
    [
      receive('2024-01-25'),
      progress('2024-07-01', 50, 'Duy trì hoạt động ổn định 6 tháng đầu năm'),
      urge('2024-10-15', 'no_report', 'Quá 3 tháng chưa cập nhật tiến độ'),
    ],
  ),
  task(
    'T06',
    {
      title: 'Vận hành Trung tâm giám sát an toàn thông tin (SOC) của tỉnh',
      leadAgency: 'STTTT-CNTT',
      supportAgencies: [],
      deadline: null,
    },
    [
      receive('2024-01-23'),
      reportDone('2024-08-21', '2024-08-20', '37/BC-CNTT'),
      confirm('2024-08-23'),
    ],
  ),
  // Refused by SKHDT, reassigned to STC keeping SYT as supporter; done on time.
  task(
    'T07',
    {
      title: 'Xây dựng cơ chế hỗ trợ tài chính cho doanh nghiệp công nghệ số',
      leadAgency: 'SKHDT',
      supportAgencies: ['SYT'],
      deadline: '2024-05-31',
    },
    [
      refuse('2024-01-25', 'Nội dung thuộc chức năng quản lý của Sở Tài chính'),
      reassign('2024-01-30', 'tracker', 'STC', 'Giao lại theo đề nghị của Sở KH&ĐT'),
      receive('2024-02-01'),
      reportDone('2024-05-10', '2024-05-10', '1188/STC-TCDN'),
      confirm('2024-05-14'),
    ],
  ),
  // Reassigned from STC to its supporter SKHDT (supporters kept minus the new lead); done late.
  task(
    'T08',
    {
      title: 'Thu hút đầu tư vào khu công nghệ thông tin tập trung',
      leadAgency: 'STC',
      supportAgencies: ['SKHDT', 'SYT'],
      deadline: '2024-09-30',
      keyTask: true,
      leaderInCharge: PCT,
    },
    [
      receive('2024-01-24'),
      progress('2024-03-10', 20, 'Đã làm việc với 2 nhà đầu tư'),
      reassign('2024-04-02', 'leader', 'SKHDT', 'Đúng chức năng xúc tiến đầu tư'),
      receive('2024-04-05'),
      progress('2024-08-10', 60, 'Đã cấp chủ trương đầu tư cho 1 dự án'),
      reportDone('2024-10-16', '2024-10-15', '2301/SKHDT-ĐT'),
      confirm('2024-10-20'),
    ],
  ),
  // Reassigned to the district with STTTT as supporter, entered 15 days after its date; overdue.
  task(
    'T09',
    {
      title: 'Phổ cập dịch vụ công trực tuyến toàn trình tại cấp xã',
      leadAgency: 'STTTT',
      supportAgencies: [],
      deadline: '2024-04-30',
    },
    [
      receive('2024-01-24'),
      progress('2024-02-20', 10, 'Đã ban hành hướng dẫn'),
      reassign('2024-03-05', 'leader', 'UBND-HUYEN-A', 'Theo kết luận cuộc họp ngày 05/3/2024', {
        supportAgencies: ['STTTT'],
        entered: '2024-03-20 10:10',
      }),
      receive('2024-03-21'),
      supportProgress('2024-04-10', 'STTTT', 50, 'Đã tập huấn cho cán bộ cấp xã'),
      urge('2024-05-06', 'overdue', 'Nhiệm vụ quá hạn'),
      progress('2024-05-10', 40, 'Đang triển khai tại 8/15 xã'),
    ],
  ),
  // Reassigned twice: SYT → STTTT (new supporters given) → STTTT-CNTT (entered late); on time.
  task(
    'T10',
    {
      title: 'Kết nối liên thông dữ liệu y tế với Cơ sở dữ liệu quốc gia về dân cư',
      leadAgency: 'SYT',
      supportAgencies: [],
      deadline: '2024-07-31',
      leaderInCharge: PCT,
    },
    [
      receive('2024-01-25'),
      reassign(
        '2024-02-20',
        'leader',
        'STTTT',
        'Nhiệm vụ mang tính kỹ thuật, giao Sở TT&TT chủ trì',
        {
          supportAgencies: ['SYT'],
        },
      ),
      receive('2024-02-22'),
      progress('2024-04-15', 40, 'Đã thống nhất giải pháp kết nối'),
      supportProgress('2024-04-20', 'SYT', 50, 'Đã chuẩn hoá dữ liệu bệnh nhân'),
      progress('2024-06-15', 60, 'Đang thử nghiệm kết nối'),
      reassign(
        '2024-06-10',
        'tracker',
        'STTTT-CNTT',
        'Sở TT&TT giao phòng CNTT trực tiếp thực hiện',
        {
          entered: '2024-06-24 15:30',
        },
      ),
      receive('2024-06-25'),
      reportDone('2024-07-26', '2024-07-25', '52/BC-CNTT'),
      confirm('2024-07-29'),
    ],
  ),
  // Reassigned from the district to SYT with no supporters; stays overdue.
  task(
    'T11',
    {
      title: 'Đầu tư trang thiết bị cho trạm y tế xã đạt chuẩn quốc gia',
      leadAgency: 'UBND-HUYEN-A',
      supportAgencies: ['STC'],
      deadline: '2024-10-31',
    },
    [
      receive('2024-01-26'),
      progress('2024-05-10', 20, 'Đã khảo sát nhu cầu 12 trạm y tế'),
      reassign('2024-08-15', 'leader', 'SYT', 'Chuyển Sở Y tế chủ trì mua sắm tập trung', {
        supportAgencies: [],
      }),
      receive('2024-08-19'),
      urge('2024-11-05', 'overdue', 'Nhiệm vụ quá hạn'),
      urge('2024-12-02', 'overdue', 'Đôn đốc lần 2, báo cáo Chủ tịch UBND tỉnh'),
    ],
  ),
  // Reported done, never confirmed.
  task(
    'T12',
    {
      title: 'Quyết toán kinh phí chương trình mục tiêu công nghệ thông tin năm 2023',
      leadAgency: 'STC',
      supportAgencies: [],
      deadline: '2024-11-30',
    },
    [receive('2024-01-24'), reportDone('2024-11-25', '2024-11-22', '3350/STC-HCSN')],
  ),
  // Returned once, redone on time.
  task(
    'T13',
    {
      title: 'Báo cáo đánh giá mức độ chuyển đổi số cấp tỉnh (DTI) năm 2023',
      leadAgency: 'STTTT',
      supportAgencies: [],
      deadline: '2024-08-31',
    },
    [
      receive('2024-01-24'),
      reportDone('2024-08-20', '2024-08-19', '1502/STTTT-CĐS'),
      giveBack('2024-08-23', 'Thiếu phụ lục số liệu, đề nghị bổ sung'),
      reportDone('2024-09-03', '2024-08-30', '1580/STTTT-CĐS', { note: 'Đã bổ sung phụ lục' }),
      confirm('2024-09-05'),
    ],
  ),
  // Extension approved, done on time against the new deadline.
  task(
    'T14',
    {
      title: 'Xây dựng bộ chỉ số đánh giá hiệu quả đầu tư công',
      leadAgency: 'SKHDT',
      supportAgencies: [],
      deadline: '2024-06-30',
    },
    [
      receive('2024-01-25'),
      requestExtension('2024-06-20', requestIdOf('T14', 1), '2024-09-30', 'Chờ hướng dẫn của Bộ'),
      approve('2024-06-25', requestIdOf('T14', 1)),
      reportDone('2024-09-16', '2024-09-15', '2110/SKHDT-TH'),
      confirm('2024-09-20'),
    ],
  ),
];

/** Added to the programme in November; its extension request is still undecided. */
export const PROGRAMME_NOVEMBER: TaskLife[] = [
  task(
    'T30',
    {
      title: 'Xây dựng dự toán ngân sách cho hạ tầng số năm 2025',
      leadAgency: 'STC',
      supportAgencies: ['SKHDT'],
      deadline: '2025-03-31',
    },
    [
      receive('2024-11-07'),
      requestExtension('2024-12-20', requestIdOf('T30', 1), '2025-06-30', 'Chờ giao dự toán'),
    ],
  ),
];
