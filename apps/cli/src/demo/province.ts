/**
 * The demo province: Hà Tĩnh's people's committee, its departments (Sở, ngành) and its districts
 * (UBND cấp huyện), and the accounts that work in them. Codes follow the register's format
 * (upper-case ASCII, `-` inside), as the API's own examples write them (STTTT, UBND-TINH).
 */
import type { AgencyKind, Role } from '@chidao/domain';

export interface DemoAgency {
  readonly code: string;
  readonly name: string;
  readonly parent: string | null;
  readonly kind: AgencyKind;
  /** Short form used in titles and account names ("Sở TT&TT"). */
  readonly short: string;
}

export const PROVINCE = 'UBND-TINH';
export const PROVINCE_ISSUER = 'UBND tỉnh Hà Tĩnh';

const department = (code: string, name: string, short: string): DemoAgency => ({
  code,
  name,
  parent: PROVINCE,
  kind: 'department',
  short,
});
const district = (code: string, name: string): DemoAgency => ({
  code,
  name: `UBND ${name}`,
  parent: PROVINCE,
  kind: 'district',
  short: `UBND ${name}`,
});

export const DEPARTMENTS: readonly DemoAgency[] = [
  department('STTTT', 'Sở Thông tin và Truyền thông', 'Sở TT&TT'),
  department('STC', 'Sở Tài chính', 'Sở Tài chính'),
  department('SKHDT', 'Sở Kế hoạch và Đầu tư', 'Sở KH&ĐT'),
  department('SNV', 'Sở Nội vụ', 'Sở Nội vụ'),
  department('STP', 'Sở Tư pháp', 'Sở Tư pháp'),
  department('SCT', 'Sở Công Thương', 'Sở Công Thương'),
  department('SNNPTNT', 'Sở Nông nghiệp và Phát triển nông thôn', 'Sở NN&PTNT'),
  department('STNMT', 'Sở Tài nguyên và Môi trường', 'Sở TN&MT'),
  department('SXD', 'Sở Xây dựng', 'Sở Xây dựng'),
  department('SGTVT', 'Sở Giao thông vận tải', 'Sở GTVT'),
  department('SGDDT', 'Sở Giáo dục và Đào tạo', 'Sở GD&ĐT'),
  department('SYT', 'Sở Y tế', 'Sở Y tế'),
  department('SLDTBXH', 'Sở Lao động - Thương binh và Xã hội', 'Sở LĐ-TB&XH'),
  department('SVHTTDL', 'Sở Văn hóa, Thể thao và Du lịch', 'Sở VH-TT&DL'),
  department('SKHCN', 'Sở Khoa học và Công nghệ', 'Sở KH&CN'),
  department('TTT', 'Thanh tra tỉnh', 'Thanh tra tỉnh'),
  department('BQLKKT', 'Ban Quản lý Khu kinh tế tỉnh', 'BQL Khu kinh tế'),
];

export const DISTRICTS: readonly DemoAgency[] = [
  district('UBND-TPHT', 'thành phố Hà Tĩnh'),
  district('UBND-TXHL', 'thị xã Hồng Lĩnh'),
  district('UBND-TXKA', 'thị xã Kỳ Anh'),
  district('UBND-NGHIXUAN', 'huyện Nghi Xuân'),
  district('UBND-DUCTHO', 'huyện Đức Thọ'),
  district('UBND-HUONGSON', 'huyện Hương Sơn'),
  district('UBND-VUQUANG', 'huyện Vũ Quang'),
  district('UBND-CANLOC', 'huyện Can Lộc'),
  district('UBND-LOCHA', 'huyện Lộc Hà'),
  district('UBND-THACHHA', 'huyện Thạch Hà'),
  district('UBND-CAMXUYEN', 'huyện Cẩm Xuyên'),
  district('UBND-KYANH', 'huyện Kỳ Anh'),
  district('UBND-HUONGKHE', 'huyện Hương Khê'),
];

/** Parents before their units: the register refuses a parent it does not know yet. */
export const AGENCIES: readonly DemoAgency[] = [
  { code: PROVINCE, name: PROVINCE_ISSUER, parent: null, kind: 'province', short: 'UBND tỉnh' },
  ...DEPARTMENTS,
  ...DISTRICTS,
];

export interface DemoAccount {
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly agency: string | null;
}

/** Every demo account logs in with this password (printed by the command, in the docs). */
export const DEMO_PASSWORD = 'chidao-demo';

/** Written first: a store holding this account holds the demo. */
export const DEMO_ADMIN = 'admin';

const ROLE_ACCOUNTS: readonly { role: Role; suffix: string; title: string }[] = [
  { role: 'leader', suffix: 'lanhdao', title: 'Lãnh đạo' },
  { role: 'tracker', suffix: 'vanphong', title: 'Văn phòng' },
  { role: 'staff', suffix: 'canbo', title: 'Chuyên viên' },
];

/** The four province-wide accounts, then one per role per agency (`stttt.canbo`, …). */
export function demoAccounts(): DemoAccount[] {
  const accounts: DemoAccount[] = [
    { username: DEMO_ADMIN, displayName: 'Quản trị hệ thống', roles: ['admin'], agency: null },
    {
      username: 'lanhdao',
      displayName: 'Phó Chủ tịch UBND tỉnh',
      roles: ['leader'],
      agency: PROVINCE,
    },
    {
      username: 'theodoi',
      displayName: 'Chuyên viên Văn phòng UBND tỉnh (theo dõi nhiệm vụ)',
      roles: ['tracker'],
      agency: PROVINCE,
    },
    { username: 'thanhtra', displayName: 'Thanh tra, kiểm toán', roles: ['auditor'], agency: null },
  ];
  for (const agency of [...DEPARTMENTS, ...DISTRICTS]) {
    for (const { role, suffix, title } of ROLE_ACCOUNTS) {
      accounts.push({
        username: `${agency.code.toLowerCase()}.${suffix}`,
        displayName: `${title} ${agency.short}`,
        roles: [role],
        agency: agency.code,
      });
    }
  }
  return accounts;
}
