'use strict';
/**
 * Child-process entry of stack/src/function-process.ts: plays the Lambda
 * runtime for one function. Loads the bundle named by FUNCTION_BUNDLE_PATH with
 * plain `node` (no TypeScript loader), then serves the parent's IPC messages:
 *
 *   { type: 'invoke', id, event, timeoutMs }  -> { type: 'result', id, result } | { type: 'error', id, error }
 *   { type: 'advanceClock', id, ms }          -> { type: 'ack', id }
 *   { type: 'memoryUsage', id }               -> { type: 'memoryUsage', id, usage } (process.memoryUsage() + peakRss, bytes)
 *
 * Exits when the parent disconnects, so a crashed parent leaves nothing behind.
 */
const { randomUUID } = require('node:crypto');
const { pathToFileURL } = require('node:url');
const { setTimeout, clearTimeout } = require('node:timers');

const clock = globalThis[Symbol.for('local-stack.clock')];

function send(message) {
  if (process.connected) process.send(message);
}

function errorOf(err) {
  if (err instanceof Error) return { errorType: err.name || 'Error', errorMessage: err.message };
  return { errorType: 'Error', errorMessage: String(err) };
}

function lambdaContext(timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  const functionName = process.env.AWS_LAMBDA_FUNCTION_NAME || 'local-function';
  const region = process.env.AWS_REGION || 'us-east-1';
  const account = process.env.LOCAL_FUNCTION_ACCOUNT_ID || '111111111111';
  return {
    awsRequestId: randomUUID(),
    functionName,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION || '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:${account}:function:${functionName}`,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE || '128',
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME || `/aws/lambda/${functionName}`,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME || 'local',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done() {},
    fail() {},
    succeed() {},
  };
}

async function loadHandler() {
  const bundlePath = process.env.FUNCTION_BUNDLE_PATH;
  if (!bundlePath) throw new Error('FUNCTION_BUNDLE_PATH is not set');
  const mod = await import(pathToFileURL(bundlePath).href);
  const handler = mod.handler || (mod.default && mod.default.handler);
  if (typeof handler !== 'function') throw new Error(`${bundlePath} exports no handler function`);
  return handler;
}

function invoke(handler, event, timeoutMs) {
  const context = lambdaContext(timeoutMs);
  const run = new Promise((resolve, reject) => {
    if (handler.length >= 3) {
      handler(event, context, (err, value) => (err ? reject(err) : resolve(value)));
    } else {
      Promise.resolve(handler(event, context)).then(resolve, reject);
    }
  });
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => {
      const err = new Error(`Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`);
      err.name = 'Sandbox.Timedout';
      reject(err);
    }, timeoutMs);
  });
  return Promise.race([run, timeout]).finally(() => clearTimeout(timer));
}

async function main() {
  let handler;
  try {
    handler = await loadHandler();
  } catch (err) {
    send({ type: 'initError', error: errorOf(err) });
    process.exitCode = 1;
    process.disconnect();
    return;
  }
  process.on('message', async (message) => {
    switch (message && message.type) {
      case 'invoke':
        try {
          const result = await invoke(handler, message.event, message.timeoutMs);
          send({ type: 'result', id: message.id, result });
        } catch (err) {
          send({ type: 'error', id: message.id, error: errorOf(err) });
        }
        break;
      case 'advanceClock':
        clock.advance(message.ms);
        send({ type: 'ack', id: message.id });
        break;
      case 'memoryUsage':
        // resourceUsage().maxRSS is the process's peak resident set size so far, in KiB.
        send({ type: 'memoryUsage', id: message.id, usage: { ...process.memoryUsage(), peakRss: process.resourceUsage().maxRSS * 1024 } });
        break;
      default:
        break;
    }
  });
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready' });
}

void main();
