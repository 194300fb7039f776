import type { RequestFilter, RequestLogView, RequestRecord } from './types';

/** Every request the gateway answered, in order. */
export class RequestLog implements RequestLogView {
  private records: RequestRecord[] = [];

  add(record: RequestRecord): void {
    this.records.push(record);
  }

  list(): RequestRecord[] {
    return [...this.records];
  }

  count(filter: RequestFilter = {}): number {
    const entries = Object.entries(filter).filter(([, v]) => v !== undefined) as [keyof RequestFilter, unknown][];
    return this.records.filter((r) => entries.every(([k, v]) => r[k] === v)).length;
  }

  reset(): void {
    this.records = [];
  }
}
