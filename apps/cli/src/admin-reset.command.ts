/**
 * `chidao admin reset <username>`: on the server, gives an account back what managing users
 * needs (the admin role, enabled) and optionally a new password, when no administrator can log
 * in any more. Decided by the user decider like any change and recorded in the log with the
 * actor `system:cli-admin-reset`; the password is read from a file or stdin, never argv (which
 * other local users can read in the process list).
 */
import {
  decideChange,
  foldWith,
  isDomainError,
  normaliseUsername,
  parseUserCommand,
  STREAMS,
  userDecider,
  vietnamDateOf,
  type CommandInput,
  type UserCommand,
  type UserEvent,
} from '@chidao/domain';
import { readDomainEvents, type EventMetadata } from '@chidao/event-store';
import { ConfigError, describeDeployment, loadDeploymentConfig, openStores } from '@chidao/runtime';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import { hashPassword } from '../../api/src/identity/password-hasher';
import { passwordProblem } from '../../api/src/identity/password-policy';
import { EXIT, line, parseOptions, UsageError, type CliIo } from './cli-io';

export const ADMIN_RESET_USAGE = `chidao admin reset <tên đăng nhập / username> [--password-file FILE | --password-stdin]

  Khôi phục quyền quản trị khi không còn quản trị viên nào đăng nhập được: cấp lại vai trò admin,
  mở khóa tài khoản và, nếu có, đặt mật khẩu mới (đọc từ tệp hoặc stdin, không bao giờ từ dòng
  lệnh). Ghi vào nhật ký với người thực hiện system:cli-admin-reset.
  Restores administrator access: gives the account the admin role, enables it and, when given,
  sets a new password (from a file or stdin, never the command line). Recorded in the log with
  the actor system:cli-admin-reset. Reads the deployment from the same variables as the API.
  --password-file FILE  the new password is the file's first line
  --password-stdin      the new password is stdin's first line
`;

const OPTIONS = {
  'password-file': { type: 'string' },
  'password-stdin': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const ADMIN_RESET_ACTOR = 'system:cli-admin-reset';

export async function adminResetCommand(
  args: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
  stdin: () => string = () => fs.readFileSync(0, 'utf8'),
): Promise<number> {
  const [username, ...rest] = args;
  if (username === '--help' || username === '-h') {
    io.stdout.write(ADMIN_RESET_USAGE);
    return EXIT.ok;
  }
  if (username === undefined || username.startsWith('-')) {
    throw new UsageError('The username is required', 'Thiếu tên đăng nhập');
  }
  const values = parseOptions(rest, OPTIONS);
  if (values['password-file'] !== undefined && values['password-stdin']) {
    throw new UsageError(
      'Give --password-file or --password-stdin, not both',
      'Chỉ dùng một trong --password-file hoặc --password-stdin',
    );
  }
  const password =
    values['password-file'] !== undefined
      ? firstLine(fs.readFileSync(values['password-file'], 'utf8'))
      : values['password-stdin']
        ? firstLine(stdin())
        : undefined;

  let config;
  try {
    config = loadDeploymentConfig(env, { process: 'cli' });
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message, error.message);
    throw error;
  }
  line(io.stdout, describeDeployment(config));
  const stores = await openStores(config, { now: () => new Date(), applicationName: 'chidao-cli' });
  try {
    const { eventStore } = stores;
    const name = normaliseUsername(username);
    const events = readDomainEvents(eventStore);
    const reservation = await events.readStream(STREAMS.username.of(name));
    const userId = (reservation[0]?.data as { userId?: string } | undefined)?.userId;
    if (userId === undefined) {
      throw new UsageError(`No user "${name}"`, `Không có người dùng "${name}"`);
    }
    const streamId = userDecider.stream.of(userId);
    const recorded = await events.readStream(streamId);
    const state = foldWith(userDecider, recorded);
    if (password !== undefined) {
      const problem = passwordProblem(password, state.username);
      if (problem) throw new UsageError(problem.message, problem.messageVi);
    }

    const now = new Date();
    const meta = {
      actor: { userId: ADMIN_RESET_ACTOR, roles: ['admin' as const], agency: null },
      occurredOn: vietnamDateOf(now),
      receivedAt: now.toISOString(),
    };
    const inputs: CommandInput<UserCommand['type']>[] = [];
    const done: string[] = [];
    if (!state.active) {
      inputs.push({ type: 'EnableUser', meta });
      done.push('mở khóa tài khoản / enabled the account');
    }
    if (!state.roles.includes('admin')) {
      inputs.push({ type: 'ChangeUserRoles', data: { roles: [...state.roles, 'admin'] }, meta });
      done.push('cấp vai trò admin / gave the admin role');
    }
    // Locked out by failed logins (perhaps an attacker's): the reset lifts the lock too.
    if (state.loginLockedUntil !== null) {
      inputs.push({ type: 'UnlockUserLogin', meta });
      done.push('gỡ khóa đăng nhập / lifted the login lock');
    }
    if (password !== undefined) {
      const credentialId = randomUUID();
      // Saved before the event that names it, as the API does: a refusal leaves an orphan row.
      await stores.credentials.save(
        { credentialId, userId, passwordHash: await hashPassword(password) },
        now,
      );
      inputs.push({ type: 'SetUserPassword', data: { credentialId }, meta });
      done.push('đặt mật khẩu mới / set a new password');
    }
    if (inputs.length === 0) {
      line(
        io.stdout,
        `"${name}" đã là quản trị viên đang hoạt động, không ghi gì / ` +
          `"${name}" is already an active administrator: nothing written`,
      );
      return EXIT.ok;
    }
    // No agency changes here: the register is not needed to decide these commands.
    const decision = decideChange(userDecider, parseUserCommand, inputs, state, {
      get: () => undefined,
    });
    if (isDomainError(decision)) throw new UsageError(decision.message, decision.messageVi);
    const metadata: EventMetadata = {
      actor: ADMIN_RESET_ACTOR,
      actorRoles: ['admin'],
      agency: null,
      correlationId: randomUUID(),
      causationId: null,
    };
    const version = recorded.length === 0 ? 0 : recorded[recorded.length - 1].streamVersion;
    const written = await eventStore.append(
      streamId,
      decision.map(({ type, schemaVersion, data, occurredOn }: UserEvent) => ({
        type,
        schemaVersion,
        data,
        metadata,
        occurredOn,
      })),
      { expectedVersion: version },
    );
    // The log's epoch already refuses the user's older tokens; this ends the rows at once too.
    const after = decision.reduce(userDecider.evolve, state);
    if (after.sessionEpoch !== state.sessionEpoch) {
      await stores.sessions.endAllOf(userId, 'superseded', now);
    }
    line(io.stdout, `Đã khôi phục / restored "${name}": ${done.join(' · ')}`);
    line(
      io.stdout,
      `Ghi nhật ký / recorded at position ${written.lastPosition} by ${ADMIN_RESET_ACTOR}`,
    );
    return EXIT.ok;
  } finally {
    await stores.close();
  }
}

const firstLine = (text: string): string => text.split(/\r?\n/)[0];
