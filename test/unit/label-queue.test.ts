/**
 * First launch: the label profile a fresh station starts with ("system
 * default") is pointed at a real queue, and a profile the packer saved is
 * never changed behind their back.
 */
import { describe, expect, it } from 'vitest';
import type { Printer } from '../../shared/domain/printing';
import { chooseLabelQueue, PrintProfiles } from '../../electron/core/printing/profiles';
import { MemorySettingsStore } from '../../electron/core/settings/types';
import { silentLoggerFactory } from '../../electron/core/util/log';

const q = (name: string, more: Partial<Printer> = {}): Printer => ({
  name,
  isDefault: false,
  state: 'idle',
  accepting: true,
  message: null,
  ...more,
});

describe('the queue a fresh label profile names', () => {
  it.each([
    ['the system default when there is one', [q('Office_Laser'), q('Zebra_ZD421'), q('HP', { isDefault: true })], 'HP'],
    ['else the only ready queue', [q('Brother_HL')], 'Brother_HL'],
    [
      'else the first ready one that looks like a label printer',
      [q('Office_Laser'), q('ZDesigner ZD421-203dpi ZPL'), q('DYMO_4XL')],
      'ZDesigner ZD421-203dpi ZPL',
    ],
    ['else the first ready one', [q('Office_Laser'), q('Canon_MF')], 'Office_Laser'],
    ['never a paused or refusing one', [q('Zebra_Old', { state: 'paused' }), q('Rollo', { accepting: false }), q('Plain')], 'Plain'],
    ['nothing when nothing is ready', [q('Zebra_Old', { state: 'paused' })], null],
    ['nothing when there are no queues', [], null],
  ] as const)('%s', (_why, printers, expected) => {
    expect(chooseLabelQueue(printers)).toBe(expected);
  });
});

describe('PrintProfiles.adoptQueue', () => {
  it('points the fresh profile at the chosen queue, once', () => {
    const store = new MemorySettingsStore();
    const profiles = new PrintProfiles(store, silentLoggerFactory('test'));
    expect(profiles.adoptQueue([q('Zebra_GK420d')])).toMatchObject({ id: 'default', printer: 'Zebra_GK420d' });
    expect(profiles.get()).toMatchObject({ printer: 'Zebra_GK420d' });
    expect(profiles.adoptQueue([q('Other', { isDefault: true })])).toBeNull();
    expect(profiles.get()).toMatchObject({ printer: 'Zebra_GK420d' });
  });

  it('leaves alone a profile the packer made, and changes nothing when no queue is ready', () => {
    const store = new MemorySettingsStore();
    const profiles = new PrintProfiles(store, silentLoggerFactory('test'));
    expect(profiles.adoptQueue([])).toBeNull();
    expect(profiles.get()).toMatchObject({ printer: null });
    const mine = profiles.save(
      {
        name: 'Mine',
        mode: 'system',
        printer: null,
        media: { preset: '4x6in' },
        dpi: 203,
        copies: 1,
        orientation: 'auto',
        darkness: null,
        findLabel: true,
      },
      true,
    );
    profiles.delete('default');
    expect(profiles.adoptQueue([q('Zebra')])).toBeNull();
    expect(profiles.list().profiles).toEqual([expect.objectContaining({ id: mine.defaultProfileId, printer: null })]);
  });
});
