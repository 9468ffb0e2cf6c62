/**
 * `npm run package:dir` end to end, with a stand-in Electron: electron-builder
 * copies an unpacked Electron distribution given as electronDist (its
 * `electron` executable, LICENSE, `version` and resources/; see
 * app-builder-lib/out/electron/ElectronFramework.js), so a folder with those
 * is enough to produce the real app folder, app.asar and its unpacked files
 * without downloading Electron. Linux layout only: that is what CI builds.
 */
import { extractFile, listPackage, statFile } from '@electron/asar';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const onLinux = process.platform === 'linux';
const electronVersion = (JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;

/** @electron/fuses finds the fuse wire after this marker: version 1, then one byte per fuse ('0' off, '1' on). */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's defaults: RunAsNode on, cookie encryption off, NODE_OPTIONS on, --inspect on, asar integrity off, only-asar off, V8 snapshot off, file:// privileges on. */
const DEFAULT_FUSES = '10110001';

function standInElectron(dir: string): void {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const wire = Buffer.concat([Buffer.from(FUSE_SENTINEL), Buffer.from([1, DEFAULT_FUSES.length]), Buffer.from(DEFAULT_FUSES)]);
  writeFileSync(
    join(dir, 'electron'),
    Buffer.concat([Buffer.from('#!/bin/sh\necho "stand-in Electron"\nexit 0\n# '), wire, Buffer.from('\n')]),
  );
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'LICENSE'), 'Stand-in for the Electron MIT licence\n');
  writeFileSync(join(dir, 'version'), `${electronVersion}\n`);
}

describe.skipIf(!onLinux)('package:dir with a stand-in Electron (linux layout)', () => {
  let work: string;
  let appDir: string;
  let asar: string;
  let output = '';

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'package-'));
    standInElectron(join(work, 'electron-dist'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ELECTRON_DIST: join(work, 'electron-dist'),
      PACKAGE_OUTPUT_DIR: join(work, 'release'),
    };
    // electron-builder mutes its own log under VITEST; we read that log.
    delete env.VITEST;
    const run = spawnSync(process.execPath, [join(root, 'scripts/package.mjs'), '--dir'], {
      cwd: root,
      env,
      encoding: 'utf8',
    });
    // electron-builder colours its log when vitest forces colour: compare plain text.
    output = stripVTControlCharacters(`${run.stdout}\n${run.stderr}`);
    if (run.status !== 0) throw new Error(`package:dir failed (exit ${run.status}):\n${output.slice(-4000)}`);
    appDir = join(work, 'release', 'linux-unpacked');
    asar = join(appDir, 'resources', 'app.asar');
  }, 240_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('used the given Electron folder, with no native rebuild', () => {
    expect(output).toContain('using custom unpacked Electron distribution');
    expect(output).toMatch(/skipped dependencies rebuild\s+reason=npmRebuild is set to false/);
    // The stand-in executable was renamed to the product's executable name.
    expect(statSync(join(appDir, 'shipping-station')).mode & 0o111).not.toBe(0);
    expect(existsSync(join(appDir, 'LICENSE.electron.txt'))).toBe(true);
  });

  it('flipped the Electron fuses in the packaged executable', () => {
    const binary = readFileSync(join(appDir, 'shipping-station'));
    const at = binary.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length;
    const fuses = binary.subarray(at + 2, at + 2 + DEFAULT_FUSES.length).toString('latin1');
    // RunAsNode off, cookies encrypted, NODE_OPTIONS off, --inspect off, asar integrity on, only asar on, V8 snapshot as it was, file:// privileges off.
    expect(fuses).toBe('01001100');
    expect(output).toContain('executing @electron/fuses');
  });

  it('app.asar holds the built main, preload and renderer and a package.json pointing at main', () => {
    const files = new Set(listPackage(asar, { isPack: false }).map((f) => f.replaceAll('\\', '/')));
    for (const f of ['/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html', '/package.json'])
      expect(files.has(f), f).toBe(true);
    const pkg = JSON.parse(extractFile(asar, 'package.json').toString('utf8')) as { main: string; version: string };
    expect(pkg.main).toBe('out/main/index.js');
    expect(files.has(`/${pkg.main}`)).toBe(true);
    // Built output only: no sources, tests, source maps or dev tools.
    const stray = [...files].filter(
      (f) =>
        /^\/(electron|renderer|shared|test|scripts)\//.test(f) ||
        f.endsWith('.map') ||
        /^\/node_modules\/(vitest|electron|typescript|electron-builder)\//.test(f),
    );
    expect(stray).toEqual([]);
    expect(files.has('/node_modules/better-sqlite3/package.json')).toBe(true);
  });

  it("unpacks better-sqlite3's Node-API binary next to the asar", () => {
    const binary = 'node_modules/better-sqlite3/prebuilds/linux-x64.node';
    expect(existsSync(join(appDir, 'resources', 'app.asar.unpacked', binary))).toBe(true);
    expect(statFile(asar, binary)).toMatchObject({ unpacked: true });
    // Only this platform's binaries, and none of the C sources.
    const shipped = listPackage(asar, { isPack: false }).filter((f) => f.includes('better-sqlite3/'));
    expect(shipped.filter((f) => f.endsWith('.node')).sort()).toEqual([
      '/node_modules/better-sqlite3/prebuilds/linux-arm64.node',
      '/node_modules/better-sqlite3/prebuilds/linux-x64.node',
    ]);
    expect(shipped.filter((f) => /\/(deps|src)\//.test(f))).toEqual([]);
    // A real ELF shared object, not a pointer.
    expect(
      readFileSync(join(appDir, 'resources', 'app.asar.unpacked', binary))
        .subarray(0, 4)
        .toString('latin1'),
    ).toBe('\x7fELF');
  });

  it("unpacks PDFium's WASM (the label rasterizer) next to the asar and ships no AGPL MuPDF", () => {
    const wasm = 'node_modules/@hyzyla/pdfium/dist/pdfium.wasm';
    expect(statFile(asar, wasm)).toMatchObject({ unpacked: true });
    // A real WebAssembly module ("\0asm"), not a pointer.
    expect(
      readFileSync(join(appDir, 'resources', 'app.asar.unpacked', wasm))
        .subarray(0, 4)
        .toString('latin1'),
    ).toBe('\0asm');
    const files = listPackage(asar, { isPack: false });
    expect(files).toContain('/node_modules/@hyzyla/pdfium/dist/index.esm.js');
    expect(files.filter((f) => /\/node_modules\/mupdf\//.test(f))).toEqual([]);
  });

  it('ships the one weight of each document font (with its OFL licence) and none of the other weights', () => {
    const fonts = listPackage(asar, { isPack: false })
      .map((f) => f.replaceAll('\\', '/'))
      .filter((f) => f.startsWith('/node_modules/@expo-google-fonts/'));
    const faces = [
      'noto-sans/400Regular/NotoSans',
      'noto-sans-sc/400Regular/NotoSansSC',
      'noto-sans-tc/400Regular/NotoSansTC',
      'noto-sans-kr/400Regular/NotoSansKR',
    ];
    expect(fonts.filter((f) => f.endsWith('.ttf')).sort()).toEqual(
      faces.map((face) => `/node_modules/@expo-google-fonts/${face}_400Regular.ttf`).sort(),
    );
    for (const pkg of ['noto-sans', 'noto-sans-sc', 'noto-sans-tc', 'noto-sans-kr']) {
      expect(fonts).toContain(`/node_modules/@expo-google-fonts/${pkg}/LICENSE_FONT`);
      expect(extractFile(asar, `node_modules/@expo-google-fonts/${pkg}/LICENSE_FONT`).toString('utf8')).toContain('SIL Open Font License');
    }
    expect(fonts.filter((f) => f.endsWith('.png'))).toEqual([]);
  });

  it("leaves Windows' SumatraPDF out of the Linux build (it only runs on Windows)", () => {
    const files = listPackage(asar, { isPack: false });
    expect(files.some((f) => f.endsWith('.exe'))).toBe(false);
    expect(files).toContain('/node_modules/pdf-to-printer/dist/bundle.js');
  });
});
