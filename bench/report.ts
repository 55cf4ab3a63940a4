import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const FILE = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url));

/** Replace (or append) the section between `<!-- name:start -->` and `<!-- name:end -->` in docs/benchmarks.md. */
export function writeSection(name: string, markdown: string): void {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const current = existsSync(FILE) ? readFileSync(FILE, 'utf8') : '# Benchmarks\n';
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next = from >= 0 && to > from
    ? `${current.slice(0, from)}${block}${current.slice(to + end.length)}`
    : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(FILE, next);
}

export function machine(): string {
  return `Node ${process.version} · ${cpuLabel()} · ${new Date().toISOString().slice(0, 10)}`;
}

/** `AMD EPYC (family 26, model 2, 2596 MHz) · 2 cores`. */
export function cpuLabel(): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const detail = cpuDetail();
  return `${cpu}${detail ? ` (${detail})` : ''} · ${os.cpus().length} cores`;
}

/**
 * CPU family, model and clock from /proc/cpuinfo (Linux). Cloud VMs report one brand string
 * ("AMD EPYC") for CPUs generations apart: the parser benchmark ran about 4× faster on a
 * family-26 EPYC than on the VM before it, with the same code. The family tells them apart.
 */
function cpuDetail(): string {
  let info: string;
  try { info = readFileSync('/proc/cpuinfo', 'utf8'); } catch { return ''; }
  const field = (name: string): string | undefined => new RegExp(`^${name}\\s*:\\s*(.+)$`, 'm').exec(info)?.[1]?.trim();
  const family = field('cpu family'), model = field('model'), mhz = field('cpu MHz');
  const parts = [family && `family ${family}`, model && `model ${model}`, mhz && `${Math.round(Number(mhz))} MHz`];
  return parts.filter(Boolean).join(', ');
}

/** Percentile by nearest rank over a sorted copy. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** The largest value; `Math.max(...values)` overflows the stack past about 120,000 values (a saturation run stores 150,000). */
export function maxOf(values: readonly number[]): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) if (v > max) max = v;
  return max;
}
