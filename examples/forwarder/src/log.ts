/**
 * One JSON line per request (and per background failure). Fields are fixed:
 * request id, method, route, status, error name and call, duration. Never the
 * body, an item, a header value, the credential or the configuration.
 */
export interface RequestLog {
  requestId: string;
  method?: string;
  route?: string;
  status: number;
  durationMs: number;
  error?: { name: string; service?: string; operation?: string; upstream?: string };
}

export type LogLine = (level: 'INFO' | 'WARN' | 'ERROR', message: string, fields: object) => void;

export const jsonLine: LogLine = (level, message, fields) => {
  const line = JSON.stringify({ level, message, ...fields });
  if (level === 'INFO') console.log(line);
  else console.error(line);
};
