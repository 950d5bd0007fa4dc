/** The server clock, injectable so tests can fix "now" (recordedAt, token expiry, today in Vietnam). */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };
