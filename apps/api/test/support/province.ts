import { bearer, type TestApp, ADMIN } from './test-app';

/**
 * A small province: UBND-TINH with departments STTTT and STC, STTTT's unit PHONG-CNTT, and a
 * second province UBND-KHAC with SO-X, plus one user per role that the permission table names.
 */
export const AGENCIES = [
  { code: 'UBND-TINH', name: 'UBND tỉnh Hà Tĩnh', parent: null, kind: 'province' },
  { code: 'STTTT', name: 'Sở Thông tin và Truyền thông', parent: 'UBND-TINH', kind: 'department' },
  { code: 'STC', name: 'Sở Tài chính', parent: 'UBND-TINH', kind: 'department' },
  { code: 'SKHDT', name: 'Sở Kế hoạch và Đầu tư', parent: 'UBND-TINH', kind: 'department' },
  { code: 'PHONG-CNTT', name: 'Phòng Công nghệ thông tin', parent: 'STTTT', kind: 'unit' },
  { code: 'UBND-KHAC', name: 'UBND tỉnh khác', parent: null, kind: 'province' },
  { code: 'SO-X', name: 'Sở X tỉnh khác', parent: 'UBND-KHAC', kind: 'department' },
] as const;

export const USERS = {
  leader: { roles: ['leader'], agency: 'UBND-TINH', displayName: 'Phó Chủ tịch UBND tỉnh' },
  tracker: {
    roles: ['tracker'],
    agency: 'UBND-TINH',
    displayName: 'Chuyên viên Văn phòng UBND tỉnh',
  },
  staffTTTT: { roles: ['staff'], agency: 'STTTT', displayName: 'Chuyên viên Sở TT&TT' },
  staffTC: { roles: ['staff'], agency: 'STC', displayName: 'Chuyên viên Sở Tài chính' },
  staffKHDT: { roles: ['staff'], agency: 'SKHDT', displayName: 'Chuyên viên Sở KH&ĐT' },
  leaderTTTT: { roles: ['leader'], agency: 'STTTT', displayName: 'Giám đốc Sở TT&TT' },
  auditor: { roles: ['auditor'], agency: null, displayName: 'Thanh tra tỉnh' },
  leaderKhac: { roles: ['leader'], agency: 'UBND-KHAC', displayName: 'Lãnh đạo tỉnh khác' },
  staffX: { roles: ['staff'], agency: 'SO-X', displayName: 'Chuyên viên Sở X' },
} as const;

export type UserName = keyof typeof USERS | 'admin';
// Distinct per user, strong enough for the password policy, and never containing the username.
export const passwordOf = (name: string) => `Song-Hong-${[...name].reverse().join('')}-1975`;

export interface Province {
  tokens: Record<UserName, string>;
  userIds: Record<UserName, string>;
  headers(name: UserName): Record<string, string>;
}

export async function seedProvince(t: TestApp): Promise<Province> {
  const adminToken = await t.login(ADMIN.username, ADMIN.password);
  for (const agency of AGENCIES) {
    const response = await t.http.post('/api/agencies').set(bearer(adminToken)).send(agency);
    if (response.status !== 201)
      throw new Error(`agency ${agency.code}: ${JSON.stringify(response.body)}`);
  }
  const tokens = { admin: adminToken } as Record<UserName, string>;
  const userIds = {} as Record<UserName, string>;
  for (const [name, user] of Object.entries(USERS)) {
    const response = await t.http
      .post('/api/users')
      .set(bearer(adminToken))
      .send({ username: name.toLowerCase(), password: passwordOf(name), ...user });
    if (response.status !== 201) throw new Error(`user ${name}: ${JSON.stringify(response.body)}`);
    userIds[name as UserName] = response.body.id;
    tokens[name as UserName] = await t.login(name.toLowerCase(), passwordOf(name));
  }
  return { tokens, userIds, headers: (name) => bearer(tokens[name]) };
}
