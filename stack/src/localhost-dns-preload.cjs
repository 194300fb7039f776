'use strict';
/**
 * Preloaded with `node --require` into the function process: names under
 * `.localhost` resolve to the loopback address, as RFC 6761 (6.3) asks of
 * resolvers. The stack's per-account IoT data endpoints
 * (`<prefix>-ats.iot.<region>.localhost:<port>`, what DescribeEndpoint answers)
 * then reach the gateway, with the Host header naming the account's endpoint,
 * as the SDK sends it on AWS. Every other name resolves as before.
 */
const dns = require('node:dns');

const realLookup = dns.lookup;
function lookup(hostname, options, callback) {
  const cb = typeof options === 'function' ? options : callback;
  const opts = typeof options === 'function' || options === undefined ? {} : typeof options === 'number' ? { family: options } : options;
  if (typeof hostname === 'string' && /\.localhost\.?$/i.test(hostname) && opts.family !== 6) {
    if (opts.all) return process.nextTick(cb, null, [{ address: '127.0.0.1', family: 4 }]);
    return process.nextTick(cb, null, '127.0.0.1', 4);
  }
  return realLookup.call(dns, hostname, options, callback);
}
dns.lookup = lookup;
