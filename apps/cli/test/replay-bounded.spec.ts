import * as path from 'node:path';
import { spawnTypeScript } from '@chidao/event-store/testing';
import { appendTaskStories, type TaskStory } from '@chidao/projections/testing';
import { TempDataDirs } from './support';

const MB = 2 ** 20;
const STORIES = 25_000;
/** Assigned, received, completion reported, completion confirmed. */
const EVENTS = STORIES * 4;

function* stories(): Generator<TaskStory> {
  for (let i = 0; i < STORIES; i += 1) {
    const month = String(1 + (i % 6)).padStart(2, '0');
    yield {
      id: `t${i}`,
      leadAgency: ['STTTT', 'STC', 'SKHDT', 'SNV'][i % 4],
      title: `Nhiệm vụ số ${i}: triển khai chuyển đổi số, "giai đoạn" ${i % 3}`,
      assignedOn: `2024-${month}-02`,
      deadline: '2024-12-31',
      completion: {
        completedOn: `2024-${month}-20`,
        reportedOn: `2024-${month}-21`,
        confirmedOn: `2024-${month}-25`,
      },
    };
  }
}

describe('chidao audit replay in bounded memory', () => {
  const dirs = new TempDataDirs();
  afterAll(() => dirs.cleanup());

  it('replays a period of 100 000 events in a 64 MB heap, holding about one batch', async () => {
    const data = dirs.create();
    const seeded = Date.now();
    await data.withLog((events) =>
      appendTaskStories(events, stories(), { receivedAt: '2024-06-30T03:00:00.000Z' }),
    );
    const seedMs = Date.now() - seeded;

    const child = spawnTypeScript(
      path.join(__dirname, 'children', 'replay-bounded.ts'),
      {
        argv: [
          'audit',
          'replay',
          '--from',
          '2024-01-01',
          '--to',
          '2024-06-30',
          '--data-dir',
          data.dir,
        ],
      },
      ['--max-old-space-size=64', '--expose-gc'],
    );
    const report = await child.nextJson<{
      code: number;
      lines: number;
      chunks: number;
      baseline: number;
      peakHeapUsed: number;
      peakRetained: number;
      heapSizeLimit: number;
      ms: number;
      stderr: string;
    }>();
    await child.succeeded();
    console.info(
      `seeded ${EVENTS} events in ${seedMs} ms; replayed in ${report.ms} ms, ${report.chunks} chunks, ` +
        `peak heapUsed ${(report.peakHeapUsed / MB).toFixed(1)} MB, peak retained after GC ` +
        `${(report.peakRetained / MB).toFixed(1)} MB (${(report.baseline / MB).toFixed(1)} MB before), ` +
        `heap limit ${(report.heapSizeLimit / MB).toFixed(0)} MB`,
    );
    expect(report.code).toBe(0);
    expect(report.lines).toBe(EVENTS);
    expect(report.stderr).toContain(`scanned ${EVENTS}, matched ${EVENTS}, position ${EVENTS}`);
    // The flag took effect: 100 000 events as objects and text (hundreds of MB) cannot fit.
    expect(report.heapSizeLimit).toBeLessThan(128 * MB);
    // What the replay itself holds at its peak, garbage not yet collected included: measured
    // above the heap in use before it started, so the modules the CLI loads (more with every
    // command it gains) do not count against the replay.
    expect(report.peakHeapUsed - report.baseline).toBeLessThan(28 * MB);
    expect(report.peakRetained - report.baseline).toBeLessThan(8 * MB);
  });
});
