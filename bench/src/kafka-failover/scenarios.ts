/**
 * The three failures an operator meets, each timed from the moment it happens until the
 * projections serve again:
 *
 * - `kill`: two projectors share the partitions; one is killed with SIGKILL (no leaving the
 *   group, no handing the relay lease over). Until when does nobody consume its partitions, and
 *   when does an event appended at the kill reach the read models?
 * - `restart`: one projector, killed and started again at once (a container restarted by its
 *   orchestrator).
 * - `outage`: a projector and reporting run; the broker stops for a while and comes back. Until
 *   when after its return do the groups hold their partitions again and have consumed the
 *   events appended meanwhile?
 */
import { execFile } from 'node:child_process';
import { ALL_PROJECTIONS } from '@chidao/projections';
import type { Running } from '../../../test/distributed/support/processes';
import type { Deployment, Role } from './deployment';
import { settledOn, type GroupWatch } from './group-watch';

export type ScenarioName = 'kill' | 'restart' | 'outage';

/** One run's figures, in milliseconds from the failure (or the broker's return). */
export type Figures = Record<string, number | string>;

export interface ScenarioContext {
  readonly deployment: Deployment;
  readonly watch: GroupWatch;
  readonly runs: number;
  readonly outageMs: number;
  /** The broker's control script (start|stop), for `outage`. */
  readonly control: string;
  readonly say: (line: string) => void;
}

const POLL_MS = 100;
const TIMEOUT_MS = 180_000;

/** Milliseconds from `since` until `holds()`; fails after TIMEOUT_MS saying what. */
async function timeUntil(
  holds: () => Promise<boolean>,
  since: number,
  what: string,
): Promise<number> {
  while (!(await holds())) {
    if (performance.now() - since > TIMEOUT_MS) throw new Error(`no ${what} in ${TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return Math.round(performance.now() - since);
}

function groupsOf(ctx: ScenarioContext, roles: readonly Role[]): string[] {
  return Object.entries(ctx.deployment.groups)
    .filter(([, { role }]) => roles.includes(role))
    .map(([group]) => group);
}

/** Every group of `roles` is stable with exactly `members` sharing all partitions. */
function settled(ctx: ScenarioContext, roles: readonly Role[], members: () => string[]) {
  const partitions = ctx.deployment.options.partitions;
  return async () => {
    for (const group of groupsOf(ctx, roles)) {
      if (!settledOn(await ctx.watch.membership(group), members(), partitions)) return false;
    }
    return true;
  };
}

/** The relay published everything up to `position`. */
const relayed = (ctx: ScenarioContext, position: number) => async () =>
  (await ctx.watch.relayPosition()) >= position;

/** Every projection's documents include everything up to `position`. */
const applied = (ctx: ScenarioContext, position: number) => async () => {
  for (const { name } of ALL_PROJECTIONS) {
    if ((await ctx.watch.position(name)) < position) return false;
  }
  return true;
};

/** The relay published `position`, and every group of `roles` committed up to the end. */
const committed = (ctx: ScenarioContext, roles: readonly Role[], position: number) => async () => {
  if (!(await relayed(ctx, position)())) return false;
  for (const group of groupsOf(ctx, roles)) {
    if (!(await ctx.watch.committedToEnd(group))) return false;
  }
  return true;
};

const clientIdOf = (process: Running) => process.name;

async function holdsRelay(ctx: ScenarioContext, process: Running): Promise<boolean> {
  const owner = await ctx.watch.relayOwner();
  return owner !== null && owner.split(':')[1] === String(process.child.pid);
}

async function kill(ctx: ScenarioContext): Promise<Figures[]> {
  const { deployment } = ctx;
  const names = ['projector-a', 'projector-b'];
  const projectors = [
    await deployment.start('projector', names[0]),
    await deployment.start('projector', names[1]),
  ];
  const both = () => projectors.map(clientIdOf);
  await timeUntil(settled(ctx, ['projector'], both), performance.now(), 'two members');
  await timeUntil(applied(ctx, await deployment.head()), performance.now(), 'caught-up start');
  const figures: Figures[] = [];
  for (let run = 0; run < ctx.runs; run += 1) {
    // Every other run kills the relay's holder: its lease (15 s) then delays publishing too.
    const relayHolder = (await holdsRelay(ctx, projectors[0])) ? 0 : 1;
    const victimIndex = run % 2 === 0 ? relayHolder : 1 - relayHolder;
    const victim = projectors[victimIndex];
    const survivor = projectors[1 - victimIndex];
    const since = performance.now();
    deployment.kill(victim);
    const position = await deployment.append();
    const [published, reassigned, readable] = await Promise.all([
      timeUntil(relayed(ctx, position), since, 'event published'),
      timeUntil(
        settled(ctx, ['projector'], () => [clientIdOf(survivor)]),
        since,
        'reassignment to the survivor',
      ),
      timeUntil(applied(ctx, position), since, 'event applied'),
    ]);
    const killedRelay = victimIndex === relayHolder ? 'yes' : 'no';
    figures.push({ 'killed the relay': killedRelay, published, reassigned, readable });
    ctx.say(`kill ${run + 1}: ${JSON.stringify(figures[figures.length - 1])}`);
    projectors[victimIndex] = await deployment.start('projector', names[victimIndex]);
    await timeUntil(settled(ctx, ['projector'], both), performance.now(), 'two members again');
  }
  return figures;
}

async function restart(ctx: ScenarioContext): Promise<Figures[]> {
  const { deployment } = ctx;
  let projector = await deployment.start('projector', 'projector-a');
  const one = () => [clientIdOf(projector)];
  await timeUntil(settled(ctx, ['projector'], one), performance.now(), 'one member');
  const figures: Figures[] = [];
  for (let run = 0; run < ctx.runs; run += 1) {
    const since = performance.now();
    deployment.kill(projector);
    const position = await deployment.append();
    projector = await deployment.start('projector', 'projector-a');
    const started = Math.round(performance.now() - since);
    const [published, reassigned, readable] = await Promise.all([
      timeUntil(relayed(ctx, position), since, 'event published'),
      timeUntil(settled(ctx, ['projector'], one), since, 'the new member'),
      timeUntil(applied(ctx, position), since, 'event applied'),
    ]);
    figures.push({ started, published, reassigned, readable });
    ctx.say(`restart ${run + 1}: ${JSON.stringify(figures[figures.length - 1])}`);
  }
  return figures;
}

function control(ctx: ScenarioContext, command: 'start' | 'stop'): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile(ctx.control, [command], { timeout: 300_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${ctx.control} ${command}: ${stdout}${stderr}`)) : resolve(),
    ),
  );
}

async function outage(ctx: ScenarioContext): Promise<Figures[]> {
  const { deployment } = ctx;
  const projector = await deployment.start('projector', 'projector-a');
  const reporting = await deployment.start('reporting', 'reporting-a');
  const membersOf = (role: Role) => () => [
    clientIdOf(role === 'projector' ? projector : reporting),
  ];
  const allSettled = async () =>
    (await settled(ctx, ['projector'], membersOf('projector'))()) &&
    (await settled(ctx, ['reporting'], membersOf('reporting'))());
  await timeUntil(allSettled, performance.now(), 'members before the outage');
  const figures: Figures[] = [];
  for (let run = 0; run < ctx.runs; run += 1) {
    await timeUntil(applied(ctx, await deployment.head()), performance.now(), 'caught up before');
    const stopping = performance.now();
    await control(ctx, 'stop');
    const stopped = performance.now();
    // Commands go on during the outage: the log is in PostgreSQL.
    await deployment.append();
    await new Promise((resolve) => setTimeout(resolve, ctx.outageMs - (stopped - stopping)));
    await deployment.append();
    await control(ctx, 'start');
    const since = performance.now();
    const position = await deployment.append();
    // Not "settled": the coordinator comes back with the members it had, which look settled
    // until the new ones (kafkajs rejoins as a new member after a crash) join.
    const [published, readable, caughtUp] = await Promise.all([
      timeUntil(relayed(ctx, position), since, 'events published'),
      timeUntil(applied(ctx, position), since, 'events applied'),
      timeUntil(
        committed(ctx, ['projector', 'reporting'], position),
        since,
        'groups committed to the end',
      ),
    ]);
    figures.push({
      'broker away': Math.round(since - stopping),
      published,
      readable,
      'groups caught up': caughtUp,
    });
    ctx.say(`outage ${run + 1}: ${JSON.stringify(figures[figures.length - 1])}`);
  }
  return figures;
}

export const SCENARIOS: Record<ScenarioName, (ctx: ScenarioContext) => Promise<Figures[]>> = {
  kill,
  restart,
  outage,
};
