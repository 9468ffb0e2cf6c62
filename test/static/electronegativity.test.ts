/**
 * Doyensec's Electronegativity over the app's sources (main, preload,
 * renderer page, shared code). A finding of high or medium severity fails
 * the run unless security/electronegativity.json gives the written reason it
 * is safe; an entry there that no longer matches a finding fails too, so the
 * file never speaks for code that has changed. Files the scanner cannot
 * parse fail the run: an unscanned file is an unchecked file.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

interface Finding {
  id: string;
  file: string;
  sample: string;
  location: { line: number; column: number };
  severity: { name: 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH' };
  confidence: { name: string };
}
interface ScanResult {
  atomicChecks: number;
  globalChecks: number;
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: Finding[];
}
type Run = (options: Record<string, unknown>) => Promise<ScanResult>;

interface Reasons {
  excludedChecks: { check: string; reason: string }[];
  accepted: { id: string; file: string; code: string; reason: string }[];
}

const reasons = JSON.parse(readFileSync(join(root, 'security/electronegativity.json'), 'utf8')) as Reasons;
const electronVersion = (JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
const MIN_REASON_CHARS = 40;

function loadRunner(): Run {
  const mod = require('@doyensec/electronegativity/dist/runner.js') as Run & { default?: Run };
  return mod.default ?? mod;
}

const accepts = (f: Finding) => (a: Reasons['accepted'][number]) => a.id === f.id && a.file === f.file && a.code === f.sample.trim();

describe('Electronegativity security scan', () => {
  let scan: ScanResult;
  let dir: string;

  beforeAll(async () => {
    // Scan a copy holding only app code: the scanner walks whole trees and would read test fixtures and build output.
    dir = mkdtempSync(join(tmpdir(), 'electronegativity-'));
    for (const part of ['electron', 'shared', 'renderer/src', 'renderer/index.html', 'package.json'])
      cpSync(join(root, part), join(dir, part), { recursive: true });
    scan = await loadRunner()({
      input: dir,
      isRelative: true,
      electronVersionOverride: electronVersion,
      excludeFromScan: reasons.excludedChecks.map((c) => c.check),
    });
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('ran its checks over every source file without a parse failure', () => {
    expect(scan.atomicChecks).toBeGreaterThan(30);
    expect(scan.errors.filter((e) => !e.tolerable).map((e) => `${e.file}: ${e.message}`)).toEqual([]);
  });

  it('has no high or medium finding without a written reason', () => {
    const serious = scan.issues.filter((f) => f.severity.name === 'HIGH' || f.severity.name === 'MEDIUM');
    const unexplained = serious.filter((f) => !reasons.accepted.some(accepts(f)));
    expect(
      unexplained.map((f) => `${f.severity.name} ${f.id} ${f.file}:${f.location.line} ${f.sample.trim()}`),
      'fix these, or add a reason to security/electronegativity.json',
    ).toEqual([]);
  });

  it('every written reason still matches a finding and says something', () => {
    for (const a of reasons.accepted) {
      expect(
        scan.issues.some((f) => accepts(f)(a)),
        `stale entry ${a.id} ${a.file}`,
      ).toBe(true);
      expect(a.reason.length).toBeGreaterThanOrEqual(MIN_REASON_CHARS);
    }
    for (const c of reasons.excludedChecks) expect(c.reason.length).toBeGreaterThanOrEqual(MIN_REASON_CHARS);
  });

  it('finds what it should in a window without our hardening (the scan is not blind)', async () => {
    const probe = mkdtempSync(join(tmpdir(), 'electronegativity-probe-'));
    try {
      cpSync(join(root, 'package.json'), join(probe, 'package.json'));
      const unsafe =
        "import { BrowserWindow } from 'electron';\nexport const w = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n";
      writeFileSync(join(probe, 'unsafe.ts'), unsafe);
      const result = await loadRunner()({
        input: probe,
        isRelative: true,
        electronVersionOverride: electronVersion,
        excludeFromScan: reasons.excludedChecks.map((c) => c.check),
      });
      const ids = new Set(result.issues.filter((f) => f.severity.name === 'HIGH' || f.severity.name === 'MEDIUM').map((f) => f.id));
      // The same checks stay silent on the app because of window.ts (context isolation, sandbox,
      // will-navigate / setWindowOpenHandler, the permission handler).
      for (const id of [
        'CONTEXT_ISOLATION_JS_CHECK',
        'SANDBOX_JS_CHECK',
        'LIMIT_NAVIGATION_GLOBAL_CHECK',
        'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
      ]) {
        expect(ids).toContain(id);
        expect(scan.issues.map((f) => f.id)).not.toContain(id);
      }
    } finally {
      rmSync(probe, { recursive: true, force: true });
    }
  }, 120_000);
});
