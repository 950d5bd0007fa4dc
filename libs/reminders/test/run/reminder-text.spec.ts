import { digestText, messageIdOf, urgeText } from '@chidao/reminders';

describe('what a digest and an urge say', () => {
  it('lists the tasks numbered, and counts those beyond the digest', () => {
    const { subject, text } = digestText(
      'Nguyễn Văn A',
      '2027-02-01',
      ['«A» — quá hạn 3 ngày.'],
      5,
    );
    expect(subject).toBe('Nhắc việc ngày 01/02/2027: 6 nhiệm vụ cần chú ý');
    expect(text).toContain('Kính gửi Nguyễn Văn A,');
    expect(text).toContain('1. «A» — quá hạn 3 ngày.');
    expect(text).toContain('… và 5 nhiệm vụ khác: xem danh sách đầy đủ trên hệ thống.');
    expect(digestText('B', '2027-02-01', ['x']).text).not.toContain('nhiệm vụ khác');
  });

  it('says who urged, which task, its deadline and the words they wrote', () => {
    const { subject, text } = urgeText({
      recipientName: 'Trần Thị B',
      urgedBy: 'Văn phòng UBND tỉnh',
      title: 'Kế hoạch chuyển đổi số',
      directiveReference: '24/CTr-UBND',
      deadline: '2027-01-29',
      kind: 'overdue',
      message: '  Báo cáo trước 05/02  ',
    });
    expect(subject).toBe('Đôn đốc: Kế hoạch chuyển đổi số');
    expect(text).toContain(
      'Văn phòng UBND tỉnh đôn đốc nhiệm vụ «Kế hoạch chuyển đổi số» (24/CTr-UBND; thời hạn 29/01/2027): nhiệm vụ đã quá hạn.',
    );
    expect(text).toContain('Nội dung: Báo cáo trước 05/02');
  });

  it('names a message the same way every time, as a lower-case UUID with no @ or brackets', () => {
    const id = messageIdOf('run', 'r-1', 'u-1', 'email');
    expect(id).toBe(messageIdOf('run', 'r-1', 'u-1', 'email'));
    expect(id).not.toBe(messageIdOf('run', 'r-1', 'u-1', 'sms'));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
