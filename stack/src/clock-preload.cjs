'use strict';
/**
 * Preloaded with `node --require` into the function process: shifts the wall
 * clock (Date.now(), new Date(), Date()) by an offset the parent controls, so
 * tests can move the function past its credentials' expiry without waiting.
 * Timers and performance.now() are left alone.
 *
 *   LOCAL_CLOCK_OFFSET_MS   initial offset in ms (default 0)
 *   globalThis[Symbol.for('local-stack.clock')].advance(ms)   moves it later
 */
const RealDate = Date;
let offsetMs = Number(process.env.LOCAL_CLOCK_OFFSET_MS || 0) || 0;

function ShiftedDate(...args) {
  if (!new.target) return new RealDate(RealDate.now() + offsetMs).toString();
  return Reflect.construct(RealDate, args.length === 0 ? [RealDate.now() + offsetMs] : args, new.target);
}
Object.setPrototypeOf(ShiftedDate, RealDate);
ShiftedDate.prototype = RealDate.prototype;
ShiftedDate.now = () => RealDate.now() + offsetMs;
ShiftedDate.parse = RealDate.parse;
ShiftedDate.UTC = RealDate.UTC;
globalThis.Date = ShiftedDate;

globalThis[Symbol.for('local-stack.clock')] = {
  advance(ms) {
    offsetMs += ms;
    return offsetMs;
  },
  offsetMs() {
    return offsetMs;
  },
};
