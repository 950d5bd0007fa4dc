import { relayCheckpoint, relayCheckpointName } from '../src/relay-checkpoint';
import { RelayLease } from '../src/relay-lease';
import { TempFiles } from './support';

const files = new TempFiles();
afterEach(() => files.cleanup());

describe('relay checkpoint name', () => {
  it('is a projection name, readable, and distinct for topics Kafka itself would confuse', () => {
    const names = ['chidao.events', 'chidao_events', 'Chidao-Events', '_', 'x'.repeat(249)].map(
      relayCheckpointName,
    );
    for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9_]{0,39}$/);
    expect(new Set(names).size).toBe(names.length);
    expect(names[0]).toMatch(/^kafka_relay_chidao_events_[0-9a-f]{12}$/);
  });
});

describe('relay lease', () => {
  it('lets one relay hold it; another takes over on release or expiry, never before', async () => {
    const file = files.file();
    let now = 1_000_000;
    const clock = () => now;
    const one = new RelayLease(
      files.readStore(file),
      relayCheckpointName('t'),
      'one',
      10_000,
      clock,
    );
    const two = new RelayLease(
      files.readStore(file),
      relayCheckpointName('t'),
      'two',
      10_000,
      clock,
    );
    expect(await relayCheckpoint(files.readStore(file), 't')).toBe(0);

    expect(await one.claim()).toEqual({ held: true, owner: 'one', expiresAt: now + 10_000 });
    expect(await two.claim()).toEqual({ held: false, owner: 'one', expiresAt: now + 10_000 });
    now += 6_000; // the holder's heartbeat extends it
    expect(await one.claim()).toMatchObject({ held: true, expiresAt: now + 10_000 });
    now += 9_999;
    expect(await two.claim()).toMatchObject({ held: false, owner: 'one' });
    now += 1; // expired: a relay that died is replaced
    expect(await two.claim()).toMatchObject({ held: true, owner: 'two' });
    expect(await one.claim()).toMatchObject({ held: false, owner: 'two' });

    await one.release(); // not its lease: changes nothing
    expect(await one.claim()).toMatchObject({ held: false, owner: 'two' });
    await two.release(); // a relay that stops hands over at once
    expect(await one.claim()).toMatchObject({ held: true, owner: 'one' });
  });

  it('is won by exactly one of many simultaneous claims', async () => {
    const file = files.file();
    await relayCheckpoint(files.readStore(file), 't');
    const claims = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        new RelayLease(files.readStore(file), relayCheckpointName('t'), `r${i}`, 10_000).claim(),
      ),
    );
    expect(claims.filter((claim) => claim.held)).toHaveLength(1);
    const winner = claims.find((claim) => claim.held)!.owner;
    expect(claims.every((claim) => claim.owner === winner)).toBe(true);
  });
});
