/**
 * The warm-latency chart: one horizontal box plot per approach (box p25-p75,
 * line at the median, whiskers p1-p99) over a strip of every sample, drawn as
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

/** A "nice" axis step (1, 2 or 5 times a power of ten) giving about `ticks` ticks. */
function niceStep(span: number, ticks: number): number {
  const raw = span / ticks;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const m = raw / pow;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * pow;
}

/** Deterministic jitter, so the chart only changes when the data do. */
function jitter(i: number): number {
  const x = Math.sin(i * 12.9898) * 43758.5453;
  return x - Math.floor(x) - 0.5;
}

export function warmLatencySvg(series: readonly Series[], title: string, subtitle: string): string {
  const height = TOP + BOTTOM + ROW * series.length;
  const upper = Math.max(1, ...series.map((s) => percentile(s.samples, 99.5))) * 1.1;
  const step = niceStep(upper, 8);
  const axisMax = Math.ceil(upper / step) * step;
  const x = (v: number): number => LEFT + (Math.min(v, axisMax) / axisMax) * (WIDTH - LEFT - RIGHT);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="DejaVu Sans, Arial, sans-serif">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${WIDTH / 2}" y="26" font-size="18" font-weight="bold" text-anchor="middle">${esc(title)}</text>`,
    `<text x="${WIDTH / 2}" y="46" font-size="12" fill="#555" text-anchor="middle">${esc(subtitle)}</text>`,
  ];
  for (let v = 0; v <= axisMax + 1e-9; v += step) {
    const px = x(v);
    parts.push(`<line x1="${px}" y1="${TOP}" x2="${px}" y2="${height - BOTTOM}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${px}" y="${height - BOTTOM + 18}" font-size="12" text-anchor="middle">${Number(v.toFixed(3))}</text>`);
  }
  parts.push(`<text x="${(LEFT + WIDTH - RIGHT) / 2}" y="${height - 14}" font-size="13" text-anchor="middle">invocation latency (ms)</text>`);
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
