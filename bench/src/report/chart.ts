/**
 * The warm-latency chart: one horizontal box plot per approach (box p25-p75,
 * line at the median, whiskers p1-p99) over a strip of every sample, on a log
 * axis so that the floor and the slowest approach are both legible, drawn as
 * SVG and rasterized to PNG with resvg (no browser).
 */
import { Resvg } from '@resvg/resvg-js';
import { percentile } from '../stats';

export interface Series {
  label: string;
  samples: readonly number[];
}

const WIDTH = 960;
const ROW = 70;
const LEFT = 230;
const RIGHT = 40;
const TOP = 60;
const BOTTOM = 60;
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Axis ticks for a log scale: 1-2-5 series per decade, denser when the range is narrow. */
export function logTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  const steps = hi / lo < 30 ? [1, 1.5, 2, 3, 4, 5, 7] : [1, 2, 5];
  for (let pow = Math.floor(Math.log10(lo)); 10 ** pow <= hi; pow++) {
    for (const m of steps) {
      const v = m * 10 ** pow;
      if (v >= lo && v <= hi) ticks.push(Number(v.toPrecision(3)));
    }
  }
  return ticks;
}

/** Deterministic jitter, so the chart only changes when the data do. */
function jitter(i: number): number {
  const x = Math.sin(i * 12.9898) * 43758.5453;
  return x - Math.floor(x) - 0.5;
}

export function warmLatencySvg(series: readonly Series[], title: string, subtitle: string): string {
  const height = TOP + BOTTOM + ROW * series.length;
  const all = series.flatMap((s) => s.samples);
  const axisMin = Math.max(0.1, Math.min(...all.filter((v) => v > 0)) * 0.85);
  const axisMax = Math.max(axisMin * 2, ...series.map((s) => percentile(s.samples, 99.5))) * 1.15;
  const [lo, hi] = [Math.log10(axisMin), Math.log10(axisMax)];
  const x = (v: number): number => LEFT + ((Math.log10(Math.min(Math.max(v, axisMin), axisMax)) - lo) / (hi - lo)) * (WIDTH - LEFT - RIGHT);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="DejaVu Sans, Arial, sans-serif">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${WIDTH / 2}" y="26" font-size="18" font-weight="bold" text-anchor="middle">${esc(title)}</text>`,
    `<text x="${WIDTH / 2}" y="46" font-size="12" fill="#555" text-anchor="middle">${esc(subtitle)}</text>`,
  ];
  for (const v of logTicks(axisMin, axisMax)) {
    const px = x(v);
    parts.push(`<line x1="${px}" y1="${TOP}" x2="${px}" y2="${height - BOTTOM}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${px}" y="${height - BOTTOM + 18}" font-size="12" text-anchor="middle">${v}</text>`);
  }
  parts.push(`<text x="${(LEFT + WIDTH - RIGHT) / 2}" y="${height - 14}" font-size="13" text-anchor="middle">invocation latency (ms, log scale)</text>`);
  series.forEach((s, row) => {
    const color = COLORS[row % COLORS.length] ?? '#333';
    const cy = TOP + ROW * row + ROW / 2;
    const [p1, p25, p50, p75, p99] = [1, 25, 50, 75, 99].map((p) => percentile(s.samples, p)) as [number, number, number, number, number];
    const beyond = s.samples.filter((v) => v > axisMax).length;
    parts.push(`<text x="${LEFT - 12}" y="${cy - 4}" font-size="14" text-anchor="end">${esc(s.label)}</text>`);
    parts.push(`<text x="${LEFT - 12}" y="${cy + 14}" font-size="11" fill="#555" text-anchor="end">p50 ${p50.toFixed(1)} · p99 ${p99.toFixed(1)} ms</text>`);
    s.samples.forEach((v, i) => {
      parts.push(`<circle cx="${x(v).toFixed(1)}" cy="${(cy + jitter(i) * ROW * 0.6).toFixed(1)}" r="1.6" fill="${color}" fill-opacity="0.25"/>`);
    });
    parts.push(`<line x1="${x(p1)}" y1="${cy}" x2="${x(p99)}" y2="${cy}" stroke="#222" stroke-width="1.5"/>`);
    for (const w of [p1, p99]) parts.push(`<line x1="${x(w)}" y1="${cy - 9}" x2="${x(w)}" y2="${cy + 9}" stroke="#222" stroke-width="1.5"/>`);
    parts.push(
      `<rect x="${x(p25)}" y="${cy - 16}" width="${Math.max(1, x(p75) - x(p25))}" height="32" fill="${color}" fill-opacity="0.55" stroke="#222" stroke-width="1.5"/>`,
    );
    parts.push(`<line x1="${x(p50)}" y1="${cy - 16}" x2="${x(p50)}" y2="${cy + 16}" stroke="#000" stroke-width="3"/>`);
    if (beyond > 0) {
      parts.push(`<text x="${WIDTH - RIGHT + 4}" y="${cy + 4}" font-size="11" fill="#555" text-anchor="start">+${beyond}</text>`);
    }
  });
  parts.push(`<line x1="${LEFT}" y1="${height - BOTTOM}" x2="${WIDTH - RIGHT}" y2="${height - BOTTOM}" stroke="#222"/>`);
  parts.push('</svg>');
  return parts.join('\n');
}

export function svgToPng(svg: string): Buffer {
  const resvg = new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' }, fitTo: { mode: 'original' } });
  return resvg.render().asPng();
}
