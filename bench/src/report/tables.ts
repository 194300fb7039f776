/** The figures as tables (header + rows of cells), rendered as text for stdout or Markdown for the docs. */
import { approaches } from '../approaches';
import type { BenchResults } from '../results';

export interface Table {
  title: string;
  header: string[];
  rows: string[][];
  /** Columns that hold numbers (right-aligned). */
  numeric: number[];
}

const ms = (v: number): string => (Number.isFinite(v) ? v.toFixed(1) : 'n/a');
const kib = (v: number): string => (v / 1024).toFixed(1);
const errors = (e: Record<string, number>): string =>
  Object.keys(e).length === 0 ? '0' : Object.entries(e).map(([k, v]) => `${v} ${k}`).join(', ');

export function tables(r: BenchResults): Table[] {
  const label = (id: keyof typeof approaches): string => approaches[id].label;
  const direct = r.sequential.find((s) => s.approach === 'direct');
  const seqById = new Map(r.sequential.map((s) => [s.approach, s]));
  return [
    {
      title: `1. STS AssumeRole calls (${r.targets} target, ${r.sessionDurationSeconds} s sessions)`,
      header: ['approach', `${r.params.sequential} sequential`, `${r.params.concurrent} concurrent`, 'failed (seq. / conc.)'],
      numeric: [1, 2],
      rows: r.sequential.map((s) => {
        const c = r.concurrent.find((x) => x.approach === s.approach);
        return [label(s.approach), String(s.assumeRoleCalls), c ? String(c.assumeRoleCalls) : '-', `${errors(s.errors)} / ${c ? errors(c.errors) : '-'}`];
      }),
    },
    {
      title: `1b. STS AssumeRole calls under fan-out, within one session lifetime (runtime fan-out bundle; half the invocations at once, then the rest one by one)`,
      header: ['case', 'targets', 'clients per target', 'invocations', 'AssumeRole calls', 'failed'],
      numeric: [1, 2, 3, 4],
      rows: r.fanout.map((f) => [f.key, String(f.targets), String(f.clientsPerTarget), String(f.invocations), String(f.assumeRoleCalls), errors(f.errors)]),
    },
    {
      title: `2. Warm invocation latency, ms (${r.sequential[0]?.warm.n ?? 0} invocations each after ${r.params.warmup} warm-up)`,
      header: ['approach', 'p50', 'p90', 'p99', 'max', 'p50 vs direct', 'p99 vs direct'],
      numeric: [1, 2, 3, 4, 5, 6],
      rows: r.sequential.map((s) => [
        label(s.approach),
        ms(s.warm.p50),
        ms(s.warm.p90),
        ms(s.warm.p99),
        ms(s.warm.max),
        direct ? `${(s.warm.p50 / direct.warm.p50).toFixed(3)}x` : '-',
        direct ? `${(s.warm.p99 / direct.warm.p99).toFixed(3)}x` : '-',
      ]),
    },
    {
      title: `3a. Bundle size and module load (median of ${r.params.loadSamples} fresh node processes)`,
      header: ['bundle', 'raw KiB', 'gzip KiB', 'require ms', 'process start to loaded ms'],
      numeric: [1, 2, 3, 4],
      rows: [
        ...r.bundles.map((b) => {
          const l = r.moduleLoad.find((x) => x.approach === b.approach);
          const failed = l?.error ? ` (require threw ${l.error.split(':')[0] ?? ''})` : '';
          return [label(b.approach), kib(b.rawBytes), kib(b.gzipBytes), ms(l?.requireMs ?? Number.NaN) + failed, ms(l?.sinceStartMs ?? Number.NaN)];
        }),
        ...Object.keys(r.absent).map((id) => [`${label(id as keyof typeof approaches)} (bundle absent)`, '-', '-', '-', '-']),
      ],
    },
    {
      title: `3b. Cold start, first invocation (median of ${r.params.coldSamples} fresh execution environments)`,
      header: ['approach', 'init ms (spawn to ready)', 'first invocation ms', 'total ms', 'first invocation after idle init ms', 'AssumeRole during init', 'failed'],
      numeric: [1, 2, 3, 4, 5, 6],
      rows: r.firstInvocation.map((f) => [
        f.label,
        ms(f.initMs),
        ms(f.firstInvocationMs),
        ms(f.totalMs),
        ms(f.firstAfterIdleMs),
        String(f.initAssumeRoleCalls),
        String(f.failures),
      ]),
    },
    {
      title: `3c. The other shipped functions and examples, each on its own deployment (cold: median of ${r.params.coldSamples}; warm: ${r.own[0]?.sequential.warm.n ?? 0} invocations after ${r.params.warmup} warm-up)`,
      header: ['function', 'one invocation', 'cold first ms (init + first)', 'warm p50', 'p90', 'p99', `RSS after ${r.params.sequential} MiB`, 'AssumeRole calls', 'failed (cold / warm)'],
      numeric: [2, 3, 4, 5, 6, 7],
      rows: r.own.map((o) => [
        label(o.approach),
        o.workload,
        ms(o.cold.totalMs),
        ms(o.sequential.warm.p50),
        ms(o.sequential.warm.p90),
        ms(o.sequential.warm.p99),
        o.sequential.rssAfterRunMiB.toFixed(1),
        String(o.sequential.assumeRoleCalls),
        `${errors(o.cold.failures)} / ${errors(o.sequential.errors)}`,
      ]),
    },
    {
      title: `4. Refresh under steady traffic (one invocation every ${r.params.refreshIntervalSeconds} simulated s)`,
      header: ['approach', 'simulated h', 'invocations', 'AssumeRole calls', 'waited on STS', 'longest wait ms', 'max latency ms', 'failed'],
      numeric: [1, 2, 3, 4, 5, 6, 7],
      rows: r.refresh.map((f) => [
        label(f.approach),
        f.simulatedHours.toFixed(1),
        String(f.invocations),
        String(f.assumeRoleCalls),
        String(f.waitedOnSts),
        ms(f.longestWaitMs),
        ms(f.maxLatencyMs),
        String(f.failures),
      ]),
    },
    {
      title: `5. Memory: resident set size (RSS) of the execution environment, MiB`,
      header: ['approach', 'after init', 'peak by end of init', `after ${r.params.sequential} invocations`, `peak by end of ${r.params.sequential}`],
      numeric: [1, 2, 3, 4],
      rows: [...seqById.values()].map((s) => [
        label(s.approach),
        s.rssAfterInitMiB.toFixed(1),
        s.peakRssAfterInitMiB.toFixed(1),
        s.rssAfterRunMiB.toFixed(1),
        s.peakRssAfterRunMiB.toFixed(1),
      ]),
    },
  ];
}

export function renderText(t: Table): string {
  const all = [t.header, ...t.rows];
  const widths = t.header.map((_, c) => Math.max(...all.map((row) => (row[c] ?? '').length)));
  const line = (row: string[]): string =>
    row.map((cell, c) => (t.numeric.includes(c) ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0))).join('  ').trimEnd();
  return [t.title, line(t.header), widths.map((w) => '-'.repeat(w)).join('  '), ...t.rows.map(line)].join('\n');
}

export function renderMarkdown(t: Table): string {
  const cell = (s: string): string => s.replace(/\|/g, '\\|');
  const align = t.header.map((_, c) => (t.numeric.includes(c) ? '---:' : '---'));
  return [
    `### ${t.title}`,
    '',
    `| ${t.header.map(cell).join(' | ')} |`,
    `| ${align.join(' | ')} |`,
    ...t.rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');
}
