import * as fs from 'node:fs';
import * as path from 'node:path';
import { readDomainEvents, type EventStore } from '@chidao/event-store';
import {
  ALL_PROJECTIONS,
  applyBatch,
  projectionFingerprint,
  schemaOf,
  SqliteReadModelStore,
} from '@chidao/projections';
import { EXIT, line, parseOptions, required, UsageError, vn, type CliIo } from '../cli-io';
import { openAuditSource, SOURCE_OPTIONS } from '../open-source';

export const REBUILD_USAGE = `chidao audit rebuild --position P --into FILE [NGUỒN / SOURCE]

  Dựng lại mọi bảng đọc (read model) của ứng dụng từ vị trí 0 đến vị trí P của nhật ký, vào một tệp
  SQLite MỚI (không ghi đè tệp có sẵn), để so sánh với số liệu đang hiển thị hoặc đã báo cáo.
  Rebuilds every read model of the application from position 0 up to P into a NEW SQLite file
  (refused if FILE exists), for side-by-side comparison with the live read models or a report.
`;

const OPTIONS = {
  position: { type: 'string' },
  into: { type: 'string' },
  ...SOURCE_OPTIONS,
  help: { type: 'boolean', short: 'h' },
} as const;

interface RebuiltProjection {
  readonly projection: string;
  /** Events of 1..position that touched one of its documents. */
  readonly eventsApplied: number;
  /** Its checkpoint in the new file. */
  readonly position: number;
  readonly documents: number;
}

export async function rebuildCommand(args: readonly string[], io: CliIo): Promise<number> {
  const values = parseOptions(args, OPTIONS);
  if (values.help) {
    io.stdout.write(REBUILD_USAGE);
    return EXIT.ok;
  }
  const rawPosition = required(values.position, 'position');
  const position = /^\d+$/.test(rawPosition) ? Number(rawPosition) : NaN;
  if (!Number.isSafeInteger(position)) {
    throw new UsageError(
      `--position must be a whole number (a log position), not "${rawPosition}"`,
      `--position phải là một số nguyên (vị trí trong nhật ký), không phải "${rawPosition}"`,
    );
  }
  const into = path.resolve(required(values.into, 'into'));
  if (fs.existsSync(into)) {
    throw new UsageError(
      `${into} exists: rebuild writes a new file only, never over an existing one`,
      `Tệp ${into} đã tồn tại: lệnh chỉ ghi vào tệp mới, không ghi đè tệp có sẵn`,
    );
  }

  const source = await openAuditSource(values);
  try {
    const head = await source.eventStore.headPosition();
    if (position > head) {
      throw new UsageError(
        `The log ends at position ${head}, before ${position}`,
        `Nhật ký chỉ có đến vị trí ${vn(head)}, chưa tới vị trí ${vn(position)}`,
      );
    }
    line(io.stdout, `Nhật ký / log: ${source.label}, vị trí cuối / head ${head}`);
    const results = await rebuildInto(source.eventStore, into, position);
    for (const r of results) {
      line(
        io.stdout,
        `${r.projection}: ${vn(r.eventsApplied)} sự kiện được áp dụng, đến vị trí ${vn(r.position)}, ` +
          `${vn(r.documents)} bản ghi · events applied ${r.eventsApplied}, position ${r.position}, ` +
          `documents ${r.documents}`,
      );
    }
    line(io.stdout, `Đã ghi / written: ${into}`);
    return EXIT.ok;
  } finally {
    await source.close();
  }
}

/**
 * Projects positions 1..upTo with applyBatch (the code path of the live runners and rebuilds)
 * into a new file, reading the log once for all projections. Built under a temporary name and
 * renamed at the end, so a failed rebuild never leaves a file that looks complete.
 */
async function rebuildInto(
  eventStore: EventStore,
  into: string,
  upTo: number,
  batchSize = 1000,
): Promise<RebuiltProjection[]> {
  const partial = `${into}.partial-${process.pid}`;
  const projections = ALL_PROJECTIONS;
  const store = SqliteReadModelStore.open({ path: partial });
  const progress = projections.map((projection) => ({
    projection,
    fingerprint: projectionFingerprint(projection),
    eventsApplied: 0,
    position: 0,
  }));
  try {
    for (const p of progress) await store.register(schemaOf(p.projection), p.fingerprint);
    if (upTo > 0) {
      for await (const batch of readDomainEvents(eventStore).readAll({ upTo, batchSize })) {
        for (const p of progress) {
          const target = { kind: 'active', fingerprint: p.fingerprint } as const;
          const outcome = await applyBatch(p.projection, store, target, batch);
          if (outcome.kind !== 'applied') {
            throw new Error(
              `${p.projection.name}: batch from ${batch[0].position} was ${outcome.kind} at ${outcome.checkpoint}`,
            );
          }
          p.position = outcome.checkpoint;
          const { idOf } = p.projection.documents;
          p.eventsApplied += batch.filter((event) => idOf(event) !== null).length;
        }
      }
    }
    const results: RebuiltProjection[] = [];
    for (const p of progress) {
      results.push({
        projection: p.projection.name,
        eventsApplied: p.eventsApplied,
        position: p.position,
        documents: await store.documents(p.projection.name).count(),
      });
    }
    await store.close();
    fs.renameSync(partial, into);
    return results;
  } catch (error) {
    await store.close();
    for (const file of [partial, `${partial}-wal`, `${partial}-shm`])
      fs.rmSync(file, { force: true });
    throw error;
  }
}
