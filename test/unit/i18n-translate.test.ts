import { describe, expect, it } from 'vitest';
import { translate } from '../../shared/i18n';

describe('translate (the catalogue outside the renderer)', () => {
  it('fills {{names}} and picks the plural form for the language', () => {
    expect(translate('en', 'scan.notFound', { code: 'A-1' })).toBe('No shipment for “A-1”.');
    expect(translate('en', 'shipments.count', { count: 1, formatted: '1' })).toBe('1 shipment');
    expect(translate('en', 'shipments.count', { count: 3, formatted: '3' })).toBe('3 shipments');
    const zh = translate('zh-CN', 'shipments.count', { count: 3, formatted: '3' });
    expect(zh).toContain('3');
    expect(zh).not.toMatch(/shipment/);
  });

  it('leaves an unknown name visible and returns the key of a missing message', () => {
    expect(translate('en', 'scan.notFound')).toBe('No shipment for “{{code}}”.');
    expect(translate('zh-TW', 'no.such.key')).toBe('no.such.key');
  });
});
