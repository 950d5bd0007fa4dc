/**
 * export-log and import-log stream: a log of 80 000 events (a 43 MB archive) goes out and back in
 * with a 32 MB heap, which could not hold the log, only a batch and one entry per stream.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { appendTaskStories, type TaskStory } from '@chidao/projections/testing';
import { runCli, TempDataDirs } from './support';

const STORIES = 20_000;
const HEAP = ['--max-old-space-size=32'];

function* stories(): Generator<TaskStory> {
  for (let i = 0; i < STORIES; i += 1) {
    const month = String(1 + (i % 6)).padStart(2, '0');
    yield {
      id: `t${i}`,
      leadAgency: ['STTTT', 'STC', 'SKHDT', 'SNV'][i % 4],
      title: `Nhiệm vụ số ${i}: triển khai chuyển đổi số, "giai đoạn" ${i % 3} `.repeat(4),
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

describe('chidao export-log / import-log in bounded memory', () => {
  const dirs = new TempDataDirs();
  afterAll(() => dirs.cleanup());

  it('moves 80 000 events through one archive in a 32 MB heap', async () => {
    const source = dirs.create();
    await source.withLog((events) =>
      appendTaskStories(events, stories(), { receivedAt: '2024-06-30T03:00:00.000Z' }),
    );
    const archive = path.join(dirs.create().dir, 'log.ndjson');
    const exported = await runCli(['export-log', '--out', archive, '--data-dir', source.dir], HEAP);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain(`exported ${STORIES * 4} events`);
    expect(fs.statSync(archive).size).toBeGreaterThan(40 * 2 ** 20);

    const target = dirs.create();
    const imported = await runCli(['import-log', archive, '--data-dir', target.dir], HEAP);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(`INTACT: ${STORIES * 4} events in ${STORIES} streams`);
  });
});
