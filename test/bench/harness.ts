/**
 * Benchmarks report figures, never pass/fail. Each `*.bench.ts` in this
 * folder exports a default `Bench`; `npm run bench` runs them all, prints a
 * table and writes bench-results.json at the root. A figure with a baseline
 * was measured in the same run (e.g. `lp` alone vs. our print path), and its
 * ratio is value / baseline.
 */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
  /** The goal in words, e.g. "≤ 1.5×" or "p95 ≤ 10 ms". */
  goal?: string;
}

export interface Bench {
  title: string;
  run(): Promise<BenchFigure[]>;
}

export function withBaseline(name: string, value: number, baseline: number, unit: string, goal?: string): BenchFigure {
  const figure: BenchFigure = { name, value, unit, baseline, ratio: baseline === 0 ? Number.POSITIVE_INFINITY : value / baseline };
  if (goal) figure.goal = goal;
  return figure;
}

/** Quantile of already-collected samples (q in 0..1), nearest-rank. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index]!;
}

export const median = (samples: readonly number[]): number => quantile(samples, 0.5);

/** Runs `fn` `count` times after `warmup` runs and returns each run's wall time in ms. */
export async function timeRuns(count: number, fn: () => unknown, warmup = 3): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await fn();
    out.push(performance.now() - start);
  }
  return out;
}

/** Most arrivals (ms, any order) inside any half-open window of `windowMs`. */
export function maxInAnyWindow(arrivals: readonly number[], windowMs: number): number {
  const sorted = [...arrivals].sort((a, b) => a - b);
  let worst = 0;
  for (let i = 0, j = 0; j < sorted.length; j++) {
    while (sorted[j]! - sorted[i]! >= windowMs) i++;
    worst = Math.max(worst, j - i + 1);
  }
  return worst;
}

/**
 * The worst 1 s window the server saw in each run of the real limiter during
 * this `npm run bench`; run.ts reports the worst of all as one figure
 * ("limiter worst 1 s window"), so one unlucky run cannot hide behind a good one.
 */
export const limiterWindowRuns: Array<{ bench: string; run: string; worst: number }> = [];
