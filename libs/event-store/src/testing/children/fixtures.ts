import type { EventMetadata, NewEvent } from '../../event-store.port';

/** Events for the contract suite and its children: realistic shape, distinct data per index. */
export function testEvent(index: number, overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    type: 'TaskProgressReported',
    schemaVersion: 1,
    data: { taskId: `task-${index}`, percent: index % 101, note: `Báo cáo tiến độ lần ${index}` },
    metadata: testMetadata(index),
    occurredOn: '2024-05-27',
    ...overrides,
  };
}

function testMetadata(index = 0): EventMetadata {
  return {
    actor: `user-${index % 7}`,
    agency: 'SO-TNMT',
    correlationId: `corr-${index}`,
    causationId: null,
  };
}
