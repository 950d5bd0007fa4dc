// TEST ONLY, preloaded into a spawned process (`node -r ./tools/ts-register.js -r <this> app.ts`):
// moves the process's clock by CHIDAO_TEST_CLOCK_OFFSET_MS milliseconds, so a test can run a
// process on a chosen day (a working day, whatever day the test runs) without the product
// reading a clock setting. Only "now" moves (`Date.now()`, `new Date()`); time still passes at
// its pace, and dates built from a value are left alone.
'use strict';

const offset = Number(process.env.CHIDAO_TEST_CLOCK_OFFSET_MS);
if (!Number.isFinite(offset)) {
  throw new Error('shifted-clock.js needs CHIDAO_TEST_CLOCK_OFFSET_MS (milliseconds)');
}
const RealDate = Date;
const now = () => RealDate.now() + offset;

globalThis.Date = new Proxy(RealDate, {
  construct(target, args, newTarget) {
    return Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget);
  },
  // `Date()` called as a function gives the current time as text.
  apply() {
    return new RealDate(now()).toString();
  },
  get(target, property, receiver) {
    return property === 'now' ? now : Reflect.get(target, property, receiver);
  },
});
