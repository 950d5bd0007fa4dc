/** The users screen as a file (administrators): roles and agencies in words, phones as dialled. */
import type { ContactChannel } from '@chidao/domain';
import type { ExportColumn } from '../exports/table-file';
import type { UserView } from './user.view';

/** The web app's words for the roles (apps/web dictionary `role.*`). */
export const ROLE_LABELS_VI: Readonly<Record<string, string>> = {
  admin: 'Quản trị',
  leader: 'Lãnh đạo',
  tracker: 'Văn phòng theo dõi',
  staff: 'Chuyên viên',
  auditor: 'Thanh tra, kiểm tra',
};

const CHANNEL_LABELS_VI: Readonly<Record<ContactChannel, string>> = {
  email: 'Thư điện tử',
  sms: 'Tin nhắn SMS',
  in_app: 'Trong ứng dụng',
};

/** "+84912345678" → "0912345678", as people in Vietnam write it; other countries as stored. */
export const phoneAsDialled = (phone: string | null): string =>
  phone === null ? '' : phone.startsWith('+84') ? `0${phone.slice(3)}` : phone;

export const userExportColumns = (
  agencyName: (code: string) => string,
): readonly ExportColumn<UserView>[] => [
  { header: 'STT', width: 6, value: (_u, i) => i + 1 },
  { header: 'Họ và tên', width: 30, value: (u) => u.displayName },
  { header: 'Tên đăng nhập', width: 18, value: (u) => u.username },
  {
    header: 'Vai trò',
    width: 24,
    value: (u) => u.roles.map((r) => ROLE_LABELS_VI[r] ?? r).join('; '),
  },
  { header: 'Cơ quan, đơn vị', width: 30, value: (u) => (u.agency ? agencyName(u.agency) : '') },
  {
    header: 'Trạng thái',
    width: 18,
    value: (u) => (u.active ? 'Đang hoạt động' : 'Đã khóa tài khoản'),
  },
  { header: 'Thư điện tử', width: 28, value: (u) => u.email },
  { header: 'Số điện thoại', width: 14, value: (u) => phoneAsDialled(u.phone) },
  {
    header: 'Nhận nhắc việc qua',
    width: 28,
    value: (u) => u.channels.map((c) => CHANNEL_LABELS_VI[c as ContactChannel] ?? c).join('; '),
  },
];
