import { UpcasterError, createUpcasterRegistry } from '../../src/shared/upcasting';

interface V1 {
  name: string;
}
interface V2 {
  fullName: string;
}
interface V3 {
  fullName: string;
  kind: string | null;
}

const registryV3 = () => {
  const registry = createUpcasterRegistry();
  // Registered out of order on purpose: the chain is by version, not by registration order.
  registry.register<V2>({
    type: 'AgencyRegistered',
    fromVersion: 2,
    upcast: (data): V3 => ({ ...data, kind: null }),
  });
  registry.register<V1>({
    type: 'AgencyRegistered',
    fromVersion: 1,
    upcast: (data): V2 => ({ fullName: data.name }),
  });
  return registry;
};

describe('upcaster registry', () => {
  const stored = {
    type: 'AgencyRegistered',
    schemaVersion: 1,
    data: { name: 'Sở TT&TT' },
    occurredOn: '2024-01-02',
    position: 7,
    streamId: 'agency-STTTT',
    hash: 'abc',
  };

  it('applies the chain v1 → v2 → v3 and leaves the other fields untouched', () => {
    const upcasted = registryV3().upcast(stored);
    expect(upcasted).toEqual({
      ...stored,
      schemaVersion: 3,
      data: { fullName: 'Sở TT&TT', kind: null },
    });
    expect(upcasted).not.toBe(stored);
  });

  it('does not mutate the stored event', () => {
    registryV3().upcast(stored);
    expect(stored).toEqual({ ...stored, schemaVersion: 1, data: { name: 'Sở TT&TT' } });
  });

  it('starts from the version the event is at', () => {
    const v2 = { ...stored, schemaVersion: 2, data: { fullName: 'Sở TT&TT' } };
    expect(registryV3().upcast(v2)).toMatchObject({
      schemaVersion: 3,
      data: { fullName: 'Sở TT&TT', kind: null },
    });
  });

  it('returns current events and events of other types as they are', () => {
    const registry = registryV3();
    const current = { ...stored, schemaVersion: 3, data: { fullName: 'x', kind: 'unit' } };
    expect(registry.upcast(current)).toBe(current);
    const other = { type: 'AgencyRenamed', schemaVersion: 1, data: {}, occurredOn: '2024-01-02' };
    expect(registry.upcast(other)).toBe(other);
  });

  it('tells the version events end up at', () => {
    expect(registryV3().latestVersion('AgencyRegistered')).toBe(3);
    expect(registryV3().latestVersion('AgencyRenamed')).toBe(1);
  });

  it('refuses a duplicate registration', () => {
    const registry = registryV3();
    expect(() =>
      registry.register({ type: 'AgencyRegistered', fromVersion: 1, upcast: (data) => data }),
    ).toThrow(UpcasterError);
  });

  it('refuses a non-positive or fractional version', () => {
    const registry = createUpcasterRegistry();
    expect(() => registry.register({ type: 'X', fromVersion: 0, upcast: (d) => d })).toThrow(
      /positive integer/,
    );
    expect(() => registry.register({ type: 'X', fromVersion: 1.5, upcast: (d) => d })).toThrow(
      UpcasterError,
    );
  });

  it('refuses to upcast across a gap in the chain', () => {
    const registry = createUpcasterRegistry();
    registry.register({ type: 'X', fromVersion: 1, upcast: (d) => d });
    registry.register({ type: 'X', fromVersion: 3, upcast: (d) => d });
    const event = { type: 'X', schemaVersion: 1, data: {}, occurredOn: '2024-01-02' };
    expect(() => registry.upcast(event)).toThrow(/from version 2.*gap/);
    expect(() => registry.latestVersion('X')).toThrow(UpcasterError);
  });
});
