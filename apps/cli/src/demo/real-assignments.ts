/**
 * The assignments DOMAIN.md quotes from Hà Tĩnh's reports ("Numbers from real reports"), with
 * their real references, agency and figures: programme 04/CTr-UBND (06/01/2020) and its 3
 * tasks to the Sở TT&TT, "hoàn thành 3/3" in 2021, the IPv6 plan done by 32/KH-UBND of
 * 02/02/2021; programme 24/CTr-UBND (19/01/2024) and its 1 task, in progress at mid-year; and the
 * 27 tasks the Sở received on the provincial tracking system in 2024, 27/27 done (100%) by
 * 27/5/2024. What the reports do not give (deadlines, the other 2024 documents, task titles,
 * result documents other than 32/KH-UBND) is filled in plausibly and marked so in
 * docs/operations.md.
 */
import { addDays, calendarDate } from '@chidao/domain';
import { assignmentOf, type DemoDirective } from './demo-directive';
import { PROVINCE, PROVINCE_ISSUER } from './province';
import type { Random } from './random';
import type { TaskLife } from './task-life';

const STTTT = 'STTTT';
const day = (date: string, days: number): string => addDays(calendarDate(date), days);

/** The Sở TT&TT's 2024 cut-off in DOMAIN.md: 27/27 done as of this day. */
export const REAL_2024_CUT_OFF = '2024-05-27';

function finished(
  directive: Pick<DemoDirective, 'id' | 'reference'>,
  taskId: string,
  title: string,
  dates: { assignedOn: string; deadline: string; completedOn: string },
  resultDocument: string,
  options: { keyTask?: boolean; workProgrammeItem?: boolean } = {},
): TaskLife {
  const { assignedOn, deadline, completedOn } = dates;
  return {
    assignedOn,
    assignment: assignmentOf(
      directive,
      {
        taskId,
        title,
        leadAgency: STTTT,
        supportAgencies: [],
        deadline,
        keyTask: options.keyTask ?? false,
        workProgrammeItem: options.workProgrammeItem ?? false,
        leaderInCharge: 'Phó Chủ tịch UBND tỉnh phụ trách khối Văn xã',
      },
      PROVINCE,
    ),
    receivedOn: day(assignedOn, 1),
    progress: [
      {
        on: day(
          assignedOn,
          Math.max(2, Math.floor((Date.parse(completedOn) - Date.parse(assignedOn)) / 172_800_000)),
        ),
        percent: 60,
        note: 'Đã xây dựng dự thảo, đang lấy ý kiến các sở, ngành liên quan.',
      },
    ],
    completions: [
      {
        completedOn,
        reportedOn: day(completedOn, 1),
        resultDocument,
        confirmedOn: day(completedOn, 3),
      },
    ],
  };
}

const TRACKED_2024_TITLES = [
  'Triển khai Kế hoạch chuyển đổi số tỉnh Hà Tĩnh năm 2024',
  'Rà soát, cập nhật Kiến trúc Chính quyền điện tử tỉnh phiên bản 3.0',
  'Đánh giá, xếp hạng mức độ chuyển đổi số các sở, ngành, địa phương năm 2023',
  'Báo cáo kết quả triển khai Đề án 06 trên lĩnh vực thông tin và truyền thông quý I/2024',
  'Tổ chức diễn tập ứng cứu sự cố an toàn thông tin mạng cấp tỉnh',
  'Hướng dẫn các cơ quan bảo đảm an toàn hệ thống thông tin theo cấp độ',
  'Nâng cấp Hệ thống quản lý văn bản và điều hành tỉnh',
  'Kết nối Cổng dịch vụ công tỉnh với Cổng dịch vụ công quốc gia các thủ tục mới',
  'Tổ chức tuyên truyền Ngày Chuyển đổi số tỉnh năm 2024',
  'Phát triển tổ công nghệ số cộng đồng tại các xã, phường, thị trấn',
  'Xây dựng kế hoạch phát triển hạ tầng viễn thông thụ động năm 2024',
  'Rà soát, xử lý các điểm lõm sóng thông tin di động trên địa bàn tỉnh',
  'Tham mưu kế hoạch thuê dịch vụ công nghệ thông tin năm 2024',
  'Triển khai nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP) giai đoạn 2',
  'Báo cáo tình hình triển khai chữ ký số cho cán bộ, công chức',
  'Cấp phát chứng thư số chuyên dùng cho các cơ quan nhà nước',
  'Tổng hợp báo cáo thông tin cơ sở và hệ thống đài truyền thanh cấp xã',
  'Hướng dẫn nghiệp vụ báo chí, xuất bản năm 2024',
  'Tổ chức Giải báo chí tỉnh Hà Tĩnh năm 2024',
  'Kiểm tra việc chấp hành quy định về quảng cáo trên môi trường mạng',
  'Rà soát, công bố thủ tục hành chính lĩnh vực thông tin và truyền thông',
  'Xây dựng cơ sở dữ liệu dùng chung của tỉnh theo danh mục được phê duyệt',
  'Triển khai hệ thống giám sát an toàn thông tin tập trung (SOC)',
  'Thúc đẩy thanh toán không dùng tiền mặt trong dịch vụ công trực tuyến',
  'Báo cáo kết quả thực hiện Chỉ thị số 09/CT-TTg về tăng cường kỷ luật, kỷ cương hành chính',
  'Tổng hợp kết quả chấm điểm Chỉ số cải cách hành chính lĩnh vực TT&TT',
  'Báo cáo sơ kết 6 tháng công tác chuyển đổi số (dự thảo trình UBND tỉnh)',
];

/** The real 2021 and 2024 assignments, ids drawn from `random` (the same ids on every run). */
export function realAssignments(random: Random): DemoDirective[] {
  const programme2020 = {
    id: random.uuid(),
    reference: '04/CTr-UBND',
    issuedOn: '2020-01-06',
  };
  const directives: DemoDirective[] = [
    {
      ...programme2020,
      enteredOn: '2020-01-07',
      issuer: PROVINCE_ISSUER,
      title: 'Chương trình công tác của UBND tỉnh (nhiệm vụ giao Sở Thông tin và Truyền thông)',
      tasks: [
        finished(
          programme2020,
          random.uuid(),
          'Xây dựng Kế hoạch chuyển đổi sang giao thức Internet thế hệ mới IPv6 trên địa bàn tỉnh',
          { assignedOn: '2020-01-07', deadline: '2021-03-31', completedOn: '2021-02-02' },
          '32/KH-UBND',
          { keyTask: true },
        ),
        finished(
          programme2020,
          random.uuid(),
          'Tham mưu Ban Thường vụ Tỉnh ủy ban hành Nghị quyết về xây dựng chính quyền số',
          { assignedOn: '2020-01-07', deadline: '2021-06-30', completedOn: '2021-06-15' },
          '86/TTr-STTTT',
          { keyTask: true, workProgrammeItem: true },
        ),
        finished(
          programme2020,
          random.uuid(),
          'Tham mưu sửa đổi, bổ sung Quyết định số 56/2016/QĐ-UBND của UBND tỉnh',
          { assignedOn: '2020-01-07', deadline: '2021-09-30', completedOn: '2021-09-20' },
          '118/TTr-STTTT',
          { workProgrammeItem: true },
        ),
      ],
    },
  ];

  const programme2024 = { id: random.uuid(), reference: '24/CTr-UBND', issuedOn: '2024-01-19' };
  const programmeTaskId = random.uuid();
  directives.push({
    ...programme2024,
    enteredOn: '2024-01-22',
    issuer: PROVINCE_ISSUER,
    title: 'Chương trình công tác năm 2024 của UBND tỉnh',
    tasks: [
      {
        assignedOn: '2024-01-22',
        assignment: assignmentOf(
          programme2024,
          {
            taskId: programmeTaskId,
            title: 'Xây dựng Đề án phát triển hạ tầng số tỉnh Hà Tĩnh giai đoạn 2024-2030',
            leadAgency: STTTT,
            supportAgencies: ['SKHDT', 'STC'],
            deadline: '2024-12-31',
            keyTask: true,
            workProgrammeItem: true,
            leaderInCharge: 'Phó Chủ tịch UBND tỉnh phụ trách khối Văn xã',
          },
          PROVINCE,
        ),
        receivedOn: '2024-01-23',
        progress: [
          { on: '2024-03-29', percent: 20, note: 'Đã thành lập tổ biên tập, xây dựng đề cương.' },
          {
            on: '2024-06-14',
            percent: 45,
            note: 'Đang khảo sát hiện trạng hạ tầng số các địa phương.',
          },
          {
            on: '2024-06-20',
            percent: 100,
            note: 'Đã có ý kiến về nhu cầu vốn.',
            supporter: 'SKHDT',
          },
          {
            on: '2024-10-10',
            percent: 80,
            note: 'Đã lấy ý kiến các sở, ngành; hoàn thiện dự thảo.',
          },
        ],
        completions: [
          {
            completedOn: '2024-12-16',
            reportedOn: '2024-12-17',
            resultDocument: '2650/TTr-STTTT',
            confirmedOn: '2024-12-20',
          },
        ],
      },
    ],
  });

  // The 27 tasks of 2024 from four of the province's documents, all done on time by 27/5/2024.
  const documents = [
    {
      reference: '16/KH-UBND',
      issuedOn: '2024-01-12',
      count: 8,
      title: 'Kế hoạch chuyển đổi số tỉnh Hà Tĩnh năm 2024',
    },
    {
      reference: '45/KH-UBND',
      issuedOn: '2024-02-20',
      count: 7,
      title: 'Kế hoạch bảo đảm an toàn thông tin mạng năm 2024',
    },
    {
      reference: '112/TB-UBND',
      issuedOn: '2024-03-11',
      count: 6,
      title:
        'Thông báo kết luận của Chủ tịch UBND tỉnh tại buổi làm việc với Sở Thông tin và Truyền thông',
    },
    {
      reference: '08/CT-UBND',
      issuedOn: '2024-04-02',
      count: 6,
      title: 'Chỉ thị về đẩy mạnh cung cấp và sử dụng dịch vụ công trực tuyến',
    },
  ];
  let titleIndex = 0;
  for (const doc of documents) {
    const directive = { id: random.uuid(), reference: doc.reference };
    const enteredOn = day(doc.issuedOn, 1);
    const tasks: TaskLife[] = [];
    for (let i = 0; i < doc.count; i += 1) {
      const assignedOn = enteredOn;
      const deadline = day(assignedOn, 30 + 5 * i);
      // Work done a little before its deadline, and in every case confirmed by the cut-off.
      const latestDone = day(REAL_2024_CUT_OFF, -4);
      const target = day(deadline, -random.int(2, 10));
      const completedOn = target < latestDone ? target : latestDone;
      tasks.push(
        finished(
          directive,
          random.uuid(),
          TRACKED_2024_TITLES[titleIndex],
          {
            assignedOn,
            deadline,
            completedOn: completedOn > assignedOn ? completedOn : day(assignedOn, 1),
          },
          `${100 + titleIndex * 7}/BC-STTTT`,
        ),
      );
      titleIndex += 1;
    }
    directives.push({
      ...directive,
      issuedOn: doc.issuedOn,
      enteredOn,
      issuer: PROVINCE_ISSUER,
      title: doc.title,
      tasks,
    });
  }
  return directives;
}
