/**
 * Which addresses a label document may come from: public ones, unless the
 * host is trusted. Table-driven over the address blocks that matter for SSRF.
 */
import { describe, expect, it } from 'vitest';
import { hostIsTrusted, isNonPublicAddress } from '../../electron/core/api/document-fetch';
import { DocumentHostSchema } from '../../shared/domain/settings';

describe('non-public addresses', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.31.255.255', true],
    ['192.168.1.20', true],
    ['169.254.169.254', true], // cloud metadata
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['224.0.0.1', true],
    ['255.255.255.255', true],
    ['::1', true],
    ['::', true],
    ['fe80::1', true],
    ['fd00::5', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:10.0.0.1', true],
    ['8.8.8.8', false],
    ['172.32.0.1', false],
    ['100.128.0.1', false],
    ['151.101.1.69', false],
    ['2606:4700:4700::1111', false],
    ['::ffff:8.8.8.8', false],
    ['not-an-address', false],
  ])('%s → %s', (address, expected) => {
    expect(isNonPublicAddress(address)).toBe(expected);
  });
});

describe('trusted hosts', () => {
  it('matches a listed name on any port, a name:port on that port only, case-insensitively', () => {
    const policy = { privateHosts: ['labels.warehouse.lan', '10.0.4.20:8080', '[fd00::5]'] };
    expect(hostIsTrusted(new URL('http://LABELS.warehouse.lan:9000/a.pdf'), policy)).toBe(true);
    expect(hostIsTrusted(new URL('http://10.0.4.20:8080/a.pdf'), policy)).toBe(true);
    expect(hostIsTrusted(new URL('http://10.0.4.20:8081/a.pdf'), policy)).toBe(false);
    expect(hostIsTrusted(new URL('http://[fd00::5]:80/a.pdf'), policy)).toBe(true);
    expect(hostIsTrusted(new URL('http://warehouse.lan/a.pdf'), policy)).toBe(false);
  });

  it('the Settings field takes a host (and port) only, with a message saying what to enter', () => {
    expect(DocumentHostSchema.parse(' Labels.Warehouse.LAN:8080 ')).toBe('labels.warehouse.lan:8080');
    expect(DocumentHostSchema.parse('[fd00::5]')).toBe('[fd00::5]');
    const bad = DocumentHostSchema.safeParse('http://labels.lan/path');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/no http:\/\/, no path/);
  });
});
