/** The facts about the machine and software a benchmark figure depends on. */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  /** 1-minute load average when the run started (other work on the machine). */
  loadAverage: number;
  node: string;
  packages: Record<string, string>;
  date: string;
}

const repoRoot = path.resolve(__dirname, '..', '..');

/** The installed version of a package (from node_modules, not the range in package.json). */
export function installedVersion(name: string): string {
  try {
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string };
    return manifest.version ?? 'unknown';
  } catch {
    return 'not installed';
  }
}

export const reportedPackages = [
  '@aws-sdk/client-sts',
  '@aws-sdk/client-pinpoint',
  '@aws-sdk/credential-providers',
  '@aws-lambda-powertools/logger',
  'aws-sdk',
  'esbuild',
];

export function machineInfo(now: Date = new Date()): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg()[0] ?? Number.NaN,
    node: process.version,
    packages: Object.fromEntries(reportedPackages.map((name) => [name, installedVersion(name)])),
    date: now.toISOString(),
  };
}
