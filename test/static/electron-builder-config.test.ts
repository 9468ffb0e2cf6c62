/**
 * electron-builder.yml is checked with electron-builder's own loader and
 * schema validation (the step `electron-builder` runs before packaging), so
 * a misspelt option fails here in seconds rather than on a release machine.
 */
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
// app-builder-lib is electron-builder's engine; resolve it the way electron-builder does.
const builderRequire = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const configModule = builderRequire('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<Record<string, unknown>>;
  validateConfiguration(config: Record<string, unknown>, debug: { isEnabled: boolean; add(): void }): Promise<void>;
};
const silent = { isEnabled: false, add: () => undefined };

interface BuilderConfig {
  appId: string;
  productName: string;
  asarUnpack: string[];
  npmRebuild: boolean;
  win: { target: string | string[]; icon: string };
  mac: { target: string | string[]; icon: string };
  linux: { target: string[]; icon: string };
  publish: { provider: string; url: string };
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own configuration validation", async () => {
    const config = await configModule.getConfig(root, null, null);
    await expect(configModule.validateConfiguration(config, silent)).resolves.toBeUndefined();
  });

  it('the validation does catch a mistake (so the check above can fail)', async () => {
    const config = await configModule.getConfig(root, null, null);
    await expect(
      configModule.validateConfiguration({ ...config, linux: { target: ['AppImage'], categroy: 'Office' } }, silent),
    ).rejects.toThrow(/Invalid configuration object[\s\S]*configuration\.linux/);
  });

  it('targets NSIS, DMG, AppImage and deb with our id, name and icons', async () => {
    const config = (await configModule.getConfig(root, null, null)) as unknown as BuilderConfig;
    expect(config.appId).toBe('com.shippingstation.desktop');
    expect(config.productName).toBe('Shipping Station');
    expect(config.win.target).toBe('nsis');
    expect(config.mac.target).toBe('dmg');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    for (const icon of [config.win.icon, config.mac.icon, config.linux.icon]) expect(existsSync(join(root, icon)), icon).toBe(true);
    expect(config.npmRebuild).toBe(false);
    // Update feed configured for latest.yml generation only; the real address is a setting.
    expect(config.publish.provider).toBe('generic');
  });

  it("unpacks the files that must be real on disk: the better-sqlite3 binary, SumatraPDF and PDFium's WASM", async () => {
    const config = (await configModule.getConfig(root, null, null)) as unknown as BuilderConfig;
    const unpacked = (path: string): boolean => config.asarUnpack.some((pattern) => minimatch(path, pattern));
    const prebuilds = readdirSync(join(root, 'node_modules/better-sqlite3/prebuilds'));
    expect(prebuilds.length).toBeGreaterThan(0);
    for (const file of prebuilds) expect(unpacked(`node_modules/better-sqlite3/prebuilds/${file}`), file).toBe(true);
    // If pdf-to-printer renames its SumatraPDF, this points at the pattern to fix.
    const sumatra = readdirSync(join(root, 'node_modules/pdf-to-printer/dist')).filter((f) => f.endsWith('.exe'));
    expect(sumatra).toHaveLength(1);
    expect(unpacked(`node_modules/pdf-to-printer/dist/${sumatra[0]}`)).toBe(true);
    // The label rasterizer reads PDFium's WASM from disk by the path its package resolves to.
    const wasm = createRequire(import.meta.url).resolve('@hyzyla/pdfium/pdfium.wasm');
    expect(unpacked(relative(root, wasm).replaceAll('\\', '/'))).toBe(true);
  });
});
