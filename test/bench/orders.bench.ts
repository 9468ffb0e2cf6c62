/**
 * Importing a 50,000-line Shopify "Export orders" CSV (issue 12: goal ≤ 5 s
 * and ≤ 300 MB peak RSS) in a child process that runs only the import, as the
 * app will. Baseline: csv-parse alone reading the same file in the same kind
 * of child (the floor any import on this parser pays).
 *
 * The export is generated with the fixture's 79 columns and real-shaped
 * orders (1–4 lines each, first-row order fields, continuation rows with
 * Name/Email/Created at only, quoted notes, a few gift cards and cancelled,
 * fulfilled and partial orders), written once to a temp folder.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { median, withBaseline, type Bench, type BenchFigure } from './harness';

const LINES = 50_000;
const RUNS = 3;
const run = promisify(execFile);

function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** A Shopify export of exactly `lines` line rows, deterministic. */
function generateExport(lines: number): string {
  const fixture = readFileSync(join(import.meta.dirname, '../fixtures/orders/shopify-orders-export-lf.csv'), 'utf8');
  const header = fixture.split('\n')[0]!.split(',');
  const col = (name: string) => header.indexOf(name);
  const out: string[] = [header.join(',')];
  const skus = ['MUG-BLU', 'MUG-GRN', 'TOTE-1', 'TOTE-2', 'CANDLE-S', 'NAPKIN-4'];
  const cities = [
    ['Boston', 'MA', "'02134", 'US'],
    ['Montréal', 'QC', 'H3B 1K9', 'CA'],
    ['London', '', 'SW1A 2AA', 'GB'],
    ['深圳市', 'GD', '518057', 'CN'],
    ['Stockholm', '', '118 46', 'SE'],
  ] as const;
  let written = 0;
  for (let n = 0; written < lines; n += 1) {
    const lineCount = Math.min(1 + (n % 4), lines - written);
    const name = `#${10_000 + n}`;
    const id = String(5_871_234_500_000 + n);
    const created = '2026-03-02 10:15:04 -0500';
    const [city, province, zip, country] = cities[n % cities.length]!;
    for (let i = 0; i < lineCount; i += 1) {
      const row = new Array<string>(header.length).fill('');
      row[col('Name')] = name;
      row[col('Email')] = `buyer${n}@example.com`;
      row[col('Created at')] = created;
      const gift = n % 50 === 0 && i === 0;
      row[col('Lineitem quantity')] = String(1 + ((n + i) % 3));
      row[col('Lineitem name')] = gift ? 'Gift Card - $25' : `Product ${skus[(n + i) % skus.length]}, size ${1 + (i % 3)}`;
      row[col('Lineitem price')] = (8 + ((n + i) % 20)).toFixed(2);
      row[col('Lineitem sku')] = gift ? '' : skus[(n + i) % skus.length]!;
      row[col('Lineitem requires shipping')] = gift ? 'false' : 'true';
      row[col('Lineitem taxable')] = 'true';
      row[col('Lineitem fulfillment status')] = n % 37 === 0 && i === 0 ? 'fulfilled' : 'pending';
      row[col('Vendor')] = 'Harbour Goods';
      row[col('Lineitem discount')] = '0.00';
      if (i === 0) {
        row[col('Financial Status')] = 'paid';
        row[col('Fulfillment Status')] = n % 37 === 0 ? 'partial' : n % 101 === 0 ? 'fulfilled' : 'unfulfilled';
        row[col('Currency')] = 'USD';
        row[col('Shipping Name')] = `Buyer Number${n}`;
        row[col('Shipping Address1')] = `${n} Harbour Street`;
        row[col('Shipping Street')] = `${n} Harbour Street`;
        row[col('Shipping City')] = city;
        row[col('Shipping Zip')] = zip;
        row[col('Shipping Province')] = province;
        row[col('Shipping Country')] = country;
        row[col('Shipping Phone')] = '+1 617-555-0101';
        row[col('Notes')] = n % 10 === 0 ? 'Leave at the door, please.\nRing twice.' : '';
        row[col('Cancelled at')] = n % 97 === 0 ? '2026-03-05 09:12:00 -0500' : '';
        row[col('Id')] = id;
        row[col('Payment Method')] = 'Shopify Payments';
        row[col('Risk Level')] = 'Low';
        row[col('Source')] = 'web';
      }
      out.push(row.map(csvCell).join(','));
      written += 1;
    }
  }
  return '\uFEFF' + out.join('\r\n') + '\r\n';
}

interface ChildResult {
  ms: number;
  cpuMs: number;
  peakRssMb: number;
  count: number;
  wallMs: number;
}

async function runChild(bundle: string, mode: 'import' | 'parse-only', file: string): Promise<ChildResult> {
  const started = performance.now();
  const { stdout } = await run(process.execPath, [bundle, mode, file], { maxBuffer: 1024 * 1024 });
  const wallMs = performance.now() - started;
  return { ...(JSON.parse(stdout.trim()) as Omit<ChildResult, 'wallMs'>), wallMs };
}

const bench: Bench = {
  title: 'orders',
  async run(): Promise<BenchFigure[]> {
    const dir = mkdtempSync(join(tmpdir(), 'orders-bench-'));
    const bundleDir = join(import.meta.dirname, '../../node_modules/.cache/orders-bench');
    mkdirSync(bundleDir, { recursive: true });
    const bundle = join(bundleDir, `orders-import-child-${process.pid}.mjs`);
    try {
      await build({
        entryPoints: [join(import.meta.dirname, 'orders-import-child.ts')],
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node22',
        outfile: bundle,
        logLevel: 'silent',
      });
      const file = join(dir, 'orders_export.csv');
      writeFileSync(file, generateExport(LINES));
      const mb = statSync(file).size / 1024 / 1024;
      const imports: ChildResult[] = [];
      const parses: ChildResult[] = [];
      for (let i = 0; i < RUNS; i += 1) {
        imports.push(await runChild(bundle, 'import', file));
        parses.push(await runChild(bundle, 'parse-only', file));
      }
      if (parses[0]!.count !== LINES + 1) throw new Error(`generated ${parses[0]!.count - 1} lines, not ${LINES}`);
      const at = (rs: ChildResult[], k: keyof ChildResult) => median(rs.map((r) => r[k]));
      return [
        withBaseline(
          `import ${LINES.toLocaleString('en')}-line Shopify export (${mb.toFixed(1)} MB, ${imports[0]!.count} orders), in the child`,
          at(imports, 'ms'),
          at(parses, 'ms'),
          'ms',
          'csv-parse alone over the same file; goal ≤ 5000 ms',
        ),
        withBaseline(
          `import ${LINES.toLocaleString('en')}-line Shopify export: child process wall time (start to exit)`,
          at(imports, 'wallMs'),
          at(parses, 'wallMs'),
          'ms',
          'csv-parse-only child; goal ≤ 5000 ms',
        ),
        withBaseline(
          `import ${LINES.toLocaleString('en')}-line Shopify export: child CPU time (user + system, whole process)`,
          at(imports, 'cpuMs'),
          at(parses, 'cpuMs'),
          'ms',
          'csv-parse-only child; steady when the machine is shared',
        ),
        withBaseline(
          `import ${LINES.toLocaleString('en')}-line Shopify export: child peak RSS`,
          at(imports, 'peakRssMb'),
          at(parses, 'peakRssMb'),
          'MB',
          'csv-parse-only child; goal ≤ 300 MB',
        ),
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(bundle, { force: true });
    }
  },
};

export default bench;
