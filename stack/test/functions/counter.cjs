'use strict';
// Test function for the host-reset test: counts invocations since its init; can hang or crash.
const initializedAt = Date.now();
let invocations = 0;

module.exports.handler = async (event) => {
  invocations += 1;
  if (event.action === 'hang') return new Promise(() => {});
  if (event.action === 'crash') process.exit(3);
  return { pid: process.pid, invocations, initializedAt };
};
