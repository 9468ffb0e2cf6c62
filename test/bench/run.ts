import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { limiterWindowRuns, type Bench, type BenchFigure } from './harness';

const dir = import.meta.dirname;
const only = process.argv[2];
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
  .sort();

const results: Array<BenchFigure & { bench: string }> = [];
for (const file of files) {
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default: Bench };
  process.stdout.write(`running ${mod.default.title}…\n`);
  const figures = await mod.default.run();
  for (const f of figures) results.push({ bench: mod.default.title, ...f });
}

if (limiterWindowRuns.length > 0) {
  // Every run of the real limiter in this invocation, worst first: the ceiling holds only if it holds in all of them.
  const worst = Math.max(...limiterWindowRuns.map((r) => r.worst));
  results.push({
    bench: 'all limiter runs',
    name: 'limiter worst 1 s window',
    value: worst,
    unit: 'requests',
    goal: `≤ 10 (over ${limiterWindowRuns.length} runs: ${limiterWindowRuns.map((r) => `${r.bench} ${r.worst}`).join(', ')})`,
  });
}

const fmt = (n: number | undefined, digits = 3) =>
  n === undefined ? '' : Number.isFinite(n) ? Number(n.toPrecision(digits)).toString() : String(n);
const rows = results.map((r) => [
  r.bench,
  r.name,
  fmt(r.value),
  r.unit,
  fmt(r.baseline),
  r.ratio === undefined ? '' : `${fmt(r.ratio)}×`,
  r.goal ?? '',
]);
const header = ['bench', 'figure', 'value', 'unit', 'baseline', 'ratio', 'goal'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
console.log('\n' + line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));

const out = join(dir, '..', '..', 'bench-results.json');
writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2) + '\n');
console.log(`\nwrote ${out}`);
