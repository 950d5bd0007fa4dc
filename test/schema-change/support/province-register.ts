/**
 * Who and what the province story is about: the agency register, the accounts that act, and the
 * three documents that assign the tasks. Ids are fixed so the log comes out the same every time.
 */
import type { Actor } from '@chidao/domain';
import type { AgencyEntry, DirectiveEntry } from './province-writer';

/** An instant in Vietnam time (UTC+7): `vn('2024-01-22 09:30')`. */
export const vn = (dayAndTime: string): string =>
  new Date(`${dayAndTime.replace(' ', 'T')}:00+07:00`).toISOString();

export const PROVINCE = 'UBND-TINH';
const ISSUER = 'UBND tỉnh Hà Tĩnh';

/** Parents before their units: the register refuses a parent it does not know yet. */
export const AGENCIES: readonly AgencyEntry[] = [
  { code: PROVINCE, name: ISSUER, parent: null, kind: 'province' },
  { code: 'VP-UBND', name: 'Văn phòng UBND tỉnh', parent: PROVINCE, kind: 'other' },
  { code: 'STTTT', name: 'Sở Thông tin và Truyền thông', parent: PROVINCE, kind: 'department' },
  {
    code: 'STTTT-CNTT',
    name: 'Phòng Công nghệ thông tin, Sở TT&TT',
    parent: 'STTTT',
    kind: 'unit',
  },
  { code: 'STC', name: 'Sở Tài chính', parent: PROVINCE, kind: 'department' },
  { code: 'SKHDT', name: 'Sở Kế hoạch và Đầu tư', parent: PROVINCE, kind: 'department' },
  { code: 'SYT', name: 'Sở Y tế', parent: PROVINCE, kind: 'department' },
  { code: 'UBND-HUYEN-A', name: 'UBND huyện Can Lộc', parent: PROVINCE, kind: 'district' },
];

export const ADMIN: Actor = {
  userId: '0a1d0000-7c2e-4f00-8a00-000000000001',
  roles: ['admin'],
  agency: null,
};
/** Phó Chủ tịch UBND tỉnh: decides on reassignments, holds, deadlines. */
export const LEADER: Actor = {
  userId: '0a1d0000-7c2e-4f00-8a00-000000000002',
  roles: ['leader'],
  agency: PROVINCE,
};
/** The tracking office's clerk, acting for UBND tỉnh. */
export const TRACKER: Actor = {
  userId: '0a1d0000-7c2e-4f00-8a00-000000000003',
  roles: ['tracker'],
  agency: PROVINCE,
};

const STAFF_IDS: Readonly<Record<string, string>> = {
  'VP-UBND': '0a1d0000-7c2e-4f00-8a00-000000000101',
  STTTT: '0a1d0000-7c2e-4f00-8a00-000000000102',
  'STTTT-CNTT': '0a1d0000-7c2e-4f00-8a00-000000000103',
  STC: '0a1d0000-7c2e-4f00-8a00-000000000104',
  SKHDT: '0a1d0000-7c2e-4f00-8a00-000000000105',
  SYT: '0a1d0000-7c2e-4f00-8a00-000000000106',
  'UBND-HUYEN-A': '0a1d0000-7c2e-4f00-8a00-000000000107',
};

/** The clerk (chuyên viên) of an agency who receives and reports its tasks. */
export function staffOf(agency: string): Actor {
  const userId = STAFF_IDS[agency];
  if (!userId) throw new Error(`No staff account for ${agency}`);
  return { userId, roles: ['staff'], agency };
}

export const CTR_ID = '5d1e0000-24c7-4b00-9000-000000000001';
export const KH_ID = '5d1e0000-24c7-4b00-9000-000000000002';
export const TB_ID = '5d1e0000-24c7-4b00-9000-000000000003';

/** The documents, each with the day it was entered and when (the tracker enters them). */
export const DIRECTIVES: readonly { entry: DirectiveEntry; on: string; at: string }[] = [
  {
    entry: {
      directiveId: CTR_ID,
      reference: '24/CTr-UBND',
      issuedOn: '2024-01-19',
      issuer: ISSUER,
      title: 'Chương trình công tác năm 2024 của UBND tỉnh',
      summary: 'Chương trình khung: các nhiệm vụ trọng tâm của các sở, ngành, địa phương',
    },
    on: '2024-01-22',
    at: vn('2024-01-22 08:40'),
  },
  {
    entry: {
      directiveId: KH_ID,
      reference: '32/KH-UBND',
      issuedOn: '2024-02-02',
      issuer: ISSUER,
      title: 'Kế hoạch chuyển đổi số tỉnh Hà Tĩnh năm 2024',
      summary: null,
    },
    on: '2024-02-05',
    at: vn('2024-02-05 08:15'),
  },
  {
    entry: {
      directiveId: TB_ID,
      reference: '105/TB-UBND',
      issuedOn: '2024-04-10',
      issuer: ISSUER,
      title:
        'Thông báo kết luận của Chủ tịch UBND tỉnh tại cuộc họp giao ban, "đánh giá tiến độ" quý I',
      summary: 'Họp ngày 10/4/2024; nhập vào hệ thống ngày 12/4/2024',
    },
    on: '2024-04-12',
    at: vn('2024-04-12 14:05'),
  },
];
