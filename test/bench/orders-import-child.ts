/**
 * The orders bench's child process: runs only an order import (or, for the
 * baseline, only csv-parse over the same file) and prints what it cost.
 * Bundled by orders.bench.ts with esbuild, so no TypeScript loader weighs on
 * the memory it reports.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { parse } from 'csv-parse';
import { importOrderFile } from '../../electron/core/orders/import-orders';

const [mode, path] = process.argv.slice(2) as ['import' | 'parse-only', string];
const started = performance.now();
let count: number;
if (mode === 'import') {
  const { report, orders } = await importOrderFile(path);
  if (!report.accepted) throw new Error(`import refused: ${JSON.stringify(report.problems.slice(0, 3))}`);
  count = orders.length;
} else {
  count = 0;
  for await (const _record of createReadStream(path).pipe(parse({ bom: true }))) count += 1;
}
const ms = performance.now() - started;
const usage = process.resourceUsage();

/**
 * Peak resident memory of this process, in MB. On Linux getrusage's maxRSS keeps the parent's peak across
 * fork + exec (the kernel carries it over at exec), so a child of a 400 MB bench reports 400 MB whatever it
 * did; /proc's VmHWM is the high-water mark of this process's own memory since exec.
 */
function peakRssMb(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // Not Linux: maxRSS below (macOS and Windows report the process's own peak).
  }
  return usage.maxRSS / 1024;
}

// CPU time (µs) is what the work cost whatever else the machine was doing (wall time on a shared 2-core box is not).
process.stdout.write(JSON.stringify({ ms, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, peakRssMb: peakRssMb(), count }) + '\n');
