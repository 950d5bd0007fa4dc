/**
 * The benchmark's own tools, which its figures rest on: the generator is deterministic and
 * writes what the domain would, and a figure is the median of its runs with min and max.
 */
import { foldTask, isTaskAssigned, type TaskEvent } from '@chidao/domain';
import { GeneratedLog } from '../../bench/src/history/generated-log';
import { DEFAULT_SHAPE, generateTasks } from '../../bench/src/history/task-histories';
import { figure, median, percentile } from '../../bench/src/measure';
import { parseOptions, parseSize } from '../../bench/src/options';

const eventsOf = (seed: number, events: number) =>
  [...generateTasks(events, { ...DEFAULT_SHAPE, seed })].flatMap((task) =>
    task.events.map((event) => ({ streamId: task.streamId, ...event })),
  );

describe('the history generator', () => {
  it('gives the same history for the same seed, another for another seed', () => {
    expect(eventsOf(7, 3000)).toEqual(eventsOf(7, 3000));
    expect(eventsOf(8, 3000)).not.toEqual(eventsOf(7, 3000));
  });

  it('writes task lives the domain decided: each stream folds to an assigned task', () => {
    const tasks = [...generateTasks(5000)];
    const events = tasks.reduce((sum, task) => sum + task.events.length, 0);
    expect(events).toBeGreaterThanOrEqual(5000);
    expect(events - 5000).toBeLessThan(20); // stops within one task of the size
    for (const task of tasks) {
      const state = foldTask(task.events as unknown as TaskEvent[]);
      expect(isTaskAssigned(state) && state.id).toBe(task.taskId);
      expect(state.status).toBe(task.open ? 'in_progress' : 'completed');
    }
    const types = new Set(tasks.flatMap((task) => task.events.map((e) => e.type)));
    for (const type of [
      'TaskReceived',
      'TaskProgressReported',
      'TaskDeadlineChangeApproved',
      'TaskDeadlineChangeRejected',
      'TaskCompletionReturned',
      'TaskCompletionConfirmed',
    ]) {
      expect(types).toContain(type);
    }
  });

  it('serves the same history as a log with gap-free positions, batch by batch', async () => {
    const log = new GeneratedLog(200, DEFAULT_SHAPE.seed);
    const positions: number[] = [];
    for await (const batch of log.readAll({ batchSize: 64 })) {
      expect(batch.length).toBeLessThanOrEqual(64);
      positions.push(...batch.map((e) => e.position));
    }
    expect(positions).toEqual(positions.map((_, i) => i + 1));
    expect(await log.headPosition()).toBe(positions.length);
    const after = [];
    for await (const batch of log.readAll({ after: 100, upTo: 150 })) after.push(...batch);
    expect(after.map((e) => e.position)).toEqual(positions.slice(100, 150));
  });
});

describe('figures and options', () => {
  it('takes the median of the runs, with min and max, and nearest-rank percentiles', () => {
    expect(
      figure({ id: 'x', label: 'x', unit: 'ms', better: 'lower' }, [5, 1, 9, 3, 7]),
    ).toMatchObject({
      median: 5,
      min: 1,
      max: 9,
    });
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(hundred, 50), percentile(hundred, 99)]).toEqual([50, 99]);
  });

  it('reads sizes as people write them and refuses fewer than five runs', () => {
    expect([parseSize('10k'), parseSize('100k'), parseSize('1M'), parseSize('2500')]).toEqual([
      10_000, 100_000, 1_000_000, 2500,
    ]);
    expect(parseOptions(['--size', '1M', '--tasks', '100k'])).toMatchObject({
      size: 1_000_000,
      tasks: 100_000,
      runs: 5,
      warmups: 1,
    });
    expect(() => parseOptions(['--runs', '3'])).toThrow(/≥ 5/);
    expect(() => parseOptions(['--sise', '1k'])).toThrow(/unknown option --sise/);
  });
});
