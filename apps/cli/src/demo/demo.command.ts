/**
 * `chidao demo` (`npm run demo`): loads the demo province into the deployment's own stores, so
 * that `npm start` right after shows a living dashboard. Writes only into an empty log; on a
 * log that already holds the demo it says so and writes nothing.
 */
import { STREAMS, calendarDate, vietnamDateOf, type TaskTimeline } from '@chidao/domain';
import { readDomainEvents, type EventStore } from '@chidao/event-store';
import {
  ALL_PROJECTIONS,
  completionStats,
  ensureProjection,
  type ReadModelStore,
} from '@chidao/projections';
import {
  ConfigError,
  describeDeployment,
  loadDeploymentConfig,
  openStores,
  SQLITE_FILE,
} from '@chidao/runtime';
import * as fs from 'node:fs';
import * as path from 'node:path';
// The API's own hasher: the demo's password hashes must be exactly what its login verifies.
import { hashPassword } from '../../../api/src/identity/password-hasher';
import { EXIT, line, parseOptions, UsageError, vn, type CliIo } from '../cli-io';
import { printImportHint, writeDemoSample } from './demo-sample';
import { demoDays, type DemoPlan } from './demo-writer';
import { generatedYear } from './generated-year';
import { AGENCIES, DEMO_ADMIN, DEMO_PASSWORD, demoAccounts, PROVINCE } from './province';
import { Random } from './random';
import { REAL_2024_CUT_OFF, realAssignments } from './real-assignments';

export const DEMO_USAGE = `chidao demo [--seed N] [--reset --yes]

  Nạp dữ liệu mẫu của một tỉnh (UBND tỉnh Hà Tĩnh, 17 sở, ngành, 13 UBND cấp huyện, các văn bản
  và nhiệm vụ thật nêu trong DOMAIN.md và một năm công việc đến hôm nay) vào kho dữ liệu cấu hình
  bởi CHIDAO_DATA_DIR / CHIDAO_EVENT_STORE / CHIDAO_DATABASE_URL. Chỉ ghi vào kho còn trống; chạy
  lại trên kho đã có dữ liệu mẫu thì không ghi gì.
  Loads the demo province (the real assignments DOMAIN.md quotes plus a generated year ending
  today) into the configured stores, through the domain, and brings the read models up to date.
  Writes only into an empty log; a second run says the demo is there and writes nothing.
  --seed N       the generated year's seed (default 2024): the same seed and day, the same data
  --reset --yes  SQLite only: delete the data directory first, then load
`;

const OPTIONS = {
  seed: { type: 'string' },
  reset: { type: 'boolean' },
  yes: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const DEFAULT_DEMO_SEED = 2024;

export async function demoCommand(
  args: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const started = performance.now();
  const values = parseOptions(args, OPTIONS);
  if (values.help) {
    io.stdout.write(DEMO_USAGE);
    return EXIT.ok;
  }
  const seed = values.seed === undefined ? DEFAULT_DEMO_SEED : Number(values.seed);
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new UsageError(
      `--seed must be a whole number, not "${values.seed}"`,
      `--seed phải là số nguyên không âm, không phải "${values.seed}"`,
    );
  }
  let config;
  try {
    config = loadDeploymentConfig(env, { process: 'cli' });
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message, error.message);
    throw error;
  }
  if (values.reset) resetDataDir(config, values.yes === true, io);

  line(io.stdout, describeDeployment(config));
  const now = new Date();
  let clock = now;
  const stores = await openStores(config, { now: () => clock, applicationName: 'chidao-demo' });
  try {
    const { eventStore, readStore } = stores;
    if ((await eventStore.headPosition()) > 0) {
      if (await holdsDemo(eventStore)) {
        line(
          io.stdout,
          'Dữ liệu mẫu đã có sẵn, không nạp lại / the demo is already loaded: nothing written',
        );
        printLogins(io, env);
        printImportHint(io, await writeDemoSample(config.dataDir));
        return EXIT.ok;
      }
      throw new UsageError(
        'The store already holds data that is not the demo: the demo loads into an empty store only',
        'Kho dữ liệu đã có dữ liệu khác: chỉ nạp dữ liệu mẫu vào kho còn trống',
      );
    }

    const today = vietnamDateOf(now);
    const random = new Random(seed);
    const directives = [...realAssignments(random), ...generatedYear(random, today)];
    const plan: DemoPlan = {
      firstDay: directives.reduce<string>(
        (first, d) => (d.enteredOn < first ? d.enteredOn : first),
        today,
      ),
      agencies: AGENCIES,
      accounts: demoAccounts(),
      // Every demo account has the same documented password: hashed once, not ninety times.
      passwordHash: await hashPassword(DEMO_PASSWORD),
      directives,
    };
    let events = 0;
    for (const day of demoDays(plan, random, { today, now })) {
      clock = day.at;
      for (const credential of day.credentials) await stores.credentials.save(credential, day.at);
      await eventStore.appendMany(day.writes);
      events += day.writes.reduce((sum, write) => sum + write.events.length, 0);
    }
    clock = new Date();
    const written = performance.now();
    const head = await eventStore.headPosition();
    // The read models are brought up to date here, so the first page after `npm start` is instant.
    await catchUpProjections(eventStore, readStore, head);

    const tasks = directives.reduce((sum, d) => sum + d.tasks.length, 0);
    line(
      io.stdout,
      `Đã nạp / loaded: ${vn(AGENCIES.length)} cơ quan, đơn vị · ${vn(plan.accounts.length)} tài khoản · ` +
        `${vn(directives.length)} văn bản · ${vn(tasks)} nhiệm vụ · ${vn(events)} sự kiện / events ` +
        `(${plan.firstDay} → ${today})`,
    );
    const stats = await completionStats(readStore.documents<TaskTimeline>('tasks'), {
      from: plan.firstDay,
      to: today,
      asOf: today,
    });
    line(io.stdout, `Tính đến ngày ${today}: ${stats.scope.summaryVi}`);
    const real = await completionStats(readStore.documents<TaskTimeline>('tasks'), {
      from: '2024-01-01',
      to: REAL_2024_CUT_OFF,
      asOf: REAL_2024_CUT_OFF,
      leadAgencies: ['STTTT'],
      groupBy: 'directive',
    });
    const tracked = real.groups.filter((group) => group.label !== '24/CTr-UBND');
    const trackedDone = tracked.reduce((sum, g) => sum + g.stats.done.total, 0);
    const trackedTotal = tracked.reduce((sum, g) => sum + g.stats.total, 0);
    line(
      io.stdout,
      `Sở TT&TT 2024 (tính đến ${calendarDate(REAL_2024_CUT_OFF).split('-').reverse().join('/')}), ` +
        `nhiệm vụ trên hệ thống theo dõi: hoàn thành ${trackedDone}/${trackedTotal}`,
    );
    printLogins(io, env);
    printImportHint(io, await writeDemoSample(config.dataDir));
    line(
      io.stdout,
      `Ghi nhật ký / log written in ${((written - started) / 1000).toFixed(1)} s, ` +
        `bảng đọc / read models in ${((performance.now() - written) / 1000).toFixed(1)} s, ` +
        `tổng / total ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    return EXIT.ok;
  } finally {
    await stores.close();
  }
}

/** The register's root and the demo administrator: what the first day of the demo writes. */
async function holdsDemo(eventStore: EventStore): Promise<boolean> {
  return (
    (await eventStore.streamVersion(STREAMS.agency.of(PROVINCE))) > 0 &&
    (await eventStore.streamVersion(STREAMS.username.of(DEMO_ADMIN))) > 0
  );
}

async function catchUpProjections(
  eventStore: EventStore,
  readStore: ReadModelStore,
  head: number,
): Promise<void> {
  for (const projection of ALL_PROJECTIONS) {
    let failed: (error: unknown) => void = () => undefined;
    const failure = new Promise<never>((_, reject) => (failed = reject));
    const { runner } = await ensureProjection(
      projection,
      { eventStore: readDomainEvents(eventStore), readStore },
      { onError: (error) => failed(error) },
    );
    try {
      await Promise.race([runner.waitFor(head), failure]);
    } finally {
      await runner.stop();
    }
  }
}

function resetDataDir(
  config: ReturnType<typeof loadDeploymentConfig>,
  confirmed: boolean,
  io: CliIo,
): void {
  if (config.eventStore.kind !== 'sqlite' || config.readStore.kind !== 'sqlite') {
    throw new UsageError(
      '--reset deletes the embedded SQLite data directory only; empty a PostgreSQL database yourself',
      '--reset chỉ xóa thư mục dữ liệu SQLite; cơ sở dữ liệu PostgreSQL phải tự làm trống',
    );
  }
  if (!confirmed) {
    throw new UsageError(
      `--reset deletes ${config.dataDir} and everything in it: add --yes to confirm`,
      `--reset xóa thư mục ${config.dataDir} và toàn bộ dữ liệu trong đó: thêm --yes để xác nhận`,
    );
  }
  // Only a directory that is a Chidao data directory (or nothing yet) is deleted.
  if (fs.existsSync(config.dataDir)) {
    if (!fs.existsSync(path.join(config.dataDir, SQLITE_FILE))) {
      throw new UsageError(
        `${config.dataDir} holds no ${SQLITE_FILE}: not deleting a directory that is not Chidao's`,
        `Thư mục ${config.dataDir} không có ${SQLITE_FILE}: không xóa thư mục không phải của Chidao`,
      );
    }
    fs.rmSync(config.dataDir, { recursive: true, force: true });
    line(io.stdout, `Đã xóa / deleted ${config.dataDir}`);
  }
}

function printLogins(io: CliIo, env: NodeJS.ProcessEnv): void {
  line(io.stdout, `Mật khẩu mọi tài khoản / every account's password: ${DEMO_PASSWORD}`);
  line(
    io.stdout,
    '  admin (quản trị) · lanhdao (lãnh đạo UBND tỉnh) · theodoi (văn phòng theo dõi) · thanhtra (kiểm toán)',
  );
  line(
    io.stdout,
    '  mỗi đơn vị / each agency: <mã>.lanhdao, <mã>.vanphong, <mã>.canbo (vd. stttt.canbo, ubnd-canloc.canbo)',
  );
  line(
    io.stdout,
    `Mở / open http://localhost:${env.PORT ?? 3000}/ sau khi chạy / after \`npm start\``,
  );
}
