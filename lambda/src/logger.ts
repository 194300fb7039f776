/**
 * The one thing the runtime logs: a background AssumeRole (prefetch at init,
 * renewal ahead of expiry) failed; the next request retries. Any logger with a
 * `warn(message, fields)` method fits (Powertools Logger, console, pino...).
 * Fields carry target, role and error name only: never credentials.
 */
export interface RuntimeLogger {
  warn(message: string, fields: Record<string, string>): void;
}

/** Default: one JSON line on stderr, which Lambda sends to CloudWatch Logs. */
export const jsonLineLogger: RuntimeLogger = {
  warn: (message, fields) => console.warn(JSON.stringify({ level: 'WARN', message, ...fields })),
};
