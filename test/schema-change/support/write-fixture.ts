/**
 * Writes the version-1 fixture: fixture/province-log.v1.ndjson (the province story's log) and
 * fixture/answers.v1.json (what Chidao answered on it).
 *
 * These files were written once, by the code of commit 2cd778fc847cd910850b64c592776ab1894a33dd.
 * They are what an existing deployment's log looks like, with every TaskReassigned at schema
 * version 1, and must never be regenerated: running this script later writes the event versions
 * of its own day, and the answers of its own code, which is exactly what they must be checked
 * against. It therefore refuses to overwrite them.
 *
 *   node -r ./tools/ts-register.js test/schema-change/support/write-fixture.ts   (repository root)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format, resolveConfig } from 'prettier';
import { ManualClock } from '@chidao/audit/testing';
import { SqliteEventStore } from '@chidao/event-store';
import { computeAnswers } from './answers';
import { dumpLog, FIXTURE_ANSWERS_FILE, FIXTURE_LOG_FILE, toNdjson } from './fixture-log';
import { writeProvinceStory } from './province-story';

async function main(): Promise<void> {
  for (const file of [FIXTURE_LOG_FILE, FIXTURE_ANSWERS_FILE]) {
    if (fs.existsSync(file)) throw new Error(`${file} exists: the fixture is frozen`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chidao-fixture-'));
  const clock = new ManualClock('2024-01-02T00:00:00.000Z');
  const store = SqliteEventStore.open({ path: path.join(dir, 'chidao.db'), now: clock.now });
  try {
    await writeProvinceStory(store, clock);
    const events = await dumpLog(store);
    const answers = await computeAnswers(store, path.join(dir, 'scratch'));
    fs.mkdirSync(path.dirname(FIXTURE_LOG_FILE), { recursive: true });
    fs.writeFileSync(FIXTURE_LOG_FILE, toNdjson(events));
    // Formatted as the repository formats JSON (2 spaces), so `npm run format:check` passes.
    const options = await resolveConfig(FIXTURE_ANSWERS_FILE);
    fs.writeFileSync(
      FIXTURE_ANSWERS_FILE,
      await format(JSON.stringify(answers, null, 2), {
        ...options,
        filepath: FIXTURE_ANSWERS_FILE,
      }),
    );
    const reassignments = events.filter((event) => event.type === 'TaskReassigned').length;
    const tasks = new Set(events.filter((e) => e.type === 'TaskAssigned').map((e) => e.streamId));
    console.log(
      `${events.length} events, ${tasks.size} tasks, ${reassignments} reassignments written to ` +
        path.dirname(FIXTURE_LOG_FILE),
    );
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
