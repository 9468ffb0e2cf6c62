/**
 * The udev rule that lets WebHID read a USB scale on Linux: shipped in the
 * deb (electron-builder's fpm mapping), printed in the README for AppImage
 * users, and covering every scale the station knows by its ids.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KNOWN_SCALES } from '../../shared/devices/scale-report';

const root = join(import.meta.dirname, '../..');
const RULE_FILE = 'build/linux/70-shipping-station-scales.rules';
const rules = readFileSync(join(root, RULE_FILE), 'utf8');
const ruleLines = rules.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
const hex = (n: number) => n.toString(16).padStart(4, '0');

const builderRequire = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const configModule = builderRequire('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<{ deb?: { fpm?: string[] } }>;
};

describe('the udev rule for USB scales', () => {
  it('gives the desk user (uaccess) each known scale’s hidraw node, and nothing else', () => {
    expect(ruleLines).toHaveLength(KNOWN_SCALES.length);
    for (const s of KNOWN_SCALES)
      expect(ruleLines, s.name).toContain(
        `KERNEL=="hidraw*", SUBSYSTEM=="hidraw", ATTRS{idVendor}=="${hex(s.vendorId)}", ATTRS{idProduct}=="${hex(s.productId)}", TAG+="uaccess"`,
      );
    // No MODE="0666": a scale must not become readable by every account on the machine.
    expect(rules).not.toMatch(/MODE\s*=/);
  });

  it('is installed by the deb under udev’s rules directory, numbered before logind applies uaccess (73)', async () => {
    const config = await configModule.getConfig(root, null, null);
    expect(config.deb?.fpm).toContain(`${RULE_FILE}=/usr/lib/udev/rules.d/70-shipping-station-scales.rules`);
  });

  it('the README gives AppImage users the same rule in one command', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const block = /```sh\n(sudo tee \/etc\/udev\/rules\.d\/70-shipping-station-scales\.rules[^\n]*)\n([\s\S]*?)RULES\n```/.exec(readme);
    expect(block, 'README block').not.toBeNull();
    expect(block![1]).toContain('udevadm control --reload-rules');
    expect(block![2]!.split('\n').filter((l) => l !== '')).toEqual(ruleLines);
  });
});
