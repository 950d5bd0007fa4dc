import { withDigest } from '../../src/snapshots/report-digest';
import { takeSnapshot } from '../../src/snapshots/take-snapshot';
import { verifySnapshot } from '../../src/snapshots/verify-snapshot';
import type { ReportSnapshot } from '../../src/report.types';
import {
  appendStories,
  snapshotRequest as request,
  TempFiles,
  type Stores,
  type TaskStory,
} from './support';

const STORIES: TaskStory[] = [
  { id: 't1', leadAgency: 'SO-TC', assignedOn: '2024-05-04', deadline: '2024-05-12' },
  { id: 't2', leadAgency: 'SO-TC', assignedOn: '2024-05-05', deadline: '2024-06-25' },
  { id: 't3', leadAgency: 'SO-TTTT', assignedOn: '2024-05-06', deadline: null },
  {
    id: 't4',
    leadAgency: 'SO-TTTT',
    assignedOn: '2024-05-02',
    deadline: '2024-05-20',
    completion: { completedOn: '2024-05-15', reportedOn: '2024-05-15', confirmedOn: '2024-05-16' },
  },
];

/** A snapshot as stored before the overdue share existed: no `overdueShare` in any `rates`. */
function olderShape(snapshot: ReportSnapshot): ReportSnapshot {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value === null || typeof value !== 'object') return value;
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (key === 'overdueShare') continue;
      copy[key] = strip(item);
    }
    return copy;
  };
  const { digest: _digest, ...fields } = strip(snapshot) as ReportSnapshot;
  return withDigest(fields);
}

describe('the overdue share in report snapshots', () => {
  const temp = new TempFiles();
  let s: Stores;

  beforeEach(async () => {
    s = await temp.open();
    await appendStories(s.eventStore, STORIES);
    await s.project();
  });
  afterEach(() => temp.cleanup());

  it('stores overdue not done ÷ all tasks beside the three rates, and verifies it', async () => {
    const snapshot = await takeSnapshot(
      { tasks: s.tasks, snapshots: s.snapshots, eventStore: s.eventStore },
      request('r-share'),
    );
    // 1 of 4 overdue at 31/05/2024 (t1); t2 is within its deadline, t3 has none, t4 is done.
    expect(snapshot.figures.scope.rates.overdueShare).toEqual({
      numerator: 1,
      denominator: 4,
      percent: 25,
      display: '25%',
    });
    const byAgency = Object.fromEntries(
      snapshot.figures.byAgency.map((g) => [g.key, g.stats.rates.overdueShare.display]),
    );
    expect(byAgency).toEqual({ 'SO-TC': '50%', 'SO-TTTT': '0%' });
    const result = await verifySnapshot(
      snapshot,
      { eventStore: s.eventStore },
      { scratchDir: temp.dir() },
    );
    expect(result).toMatchObject({ identical: true, digestValid: true, differences: [] });
  });

  it('still verifies a snapshot stored before the overdue share existed', async () => {
    const taken = await takeSnapshot(
      { tasks: s.tasks, snapshots: s.snapshots, eventStore: s.eventStore },
      request('r-old'),
    );
    const old = olderShape(taken);
    expect('overdueShare' in old.figures.scope.rates).toBe(false);
    const result = await verifySnapshot(
      old,
      { eventStore: s.eventStore },
      { scratchDir: temp.dir() },
    );
    expect(result).toMatchObject({ identical: true, digestValid: true, differences: [] });
  });

  it('still finds a changed count in a snapshot of the older shape', async () => {
    const taken = await takeSnapshot(
      { tasks: s.tasks, snapshots: s.snapshots, eventStore: s.eventStore },
      request('r-old-2'),
    );
    const old = olderShape(taken);
    const scope = old.figures.scope;
    const forged = withDigest({
      ...old,
      figures: { ...old.figures, scope: { ...scope, total: scope.total + 1 } },
    });
    const result = await verifySnapshot(
      forged,
      { eventStore: s.eventStore },
      { scratchDir: temp.dir() },
    );
    expect(result.identical).toBe(false);
    expect(result.differences).toEqual([{ path: 'figures.scope.total', stored: 5, recomputed: 4 }]);
  });
});
