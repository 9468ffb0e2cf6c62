/**
 * Print profiles as the packer keeps them: validated on save with messages
 * that say what to fix, re-validated when read back from the settings file,
 * and always one default while any profile exists.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRINT_PROFILE, PrintProfileDraftSchema, type PrintProfile } from '../../shared/domain/printing';
import { StationFailure } from '../../shared/result';
import { PrintProfiles, type ProfileSettings } from '../../electron/core/printing/profiles';
import { createLoggerFactory, type LogRecord } from '../../electron/core/util/log';

function store(initial: { printProfiles: unknown[]; defaultPrintProfileId: string | null }) {
  let state = { ...initial } as { printProfiles: PrintProfile[]; defaultPrintProfileId: string | null };
  const settings: ProfileSettings = {
    get: () => state,
    update: (patch) => {
      state = { ...state, ...patch };
      return state;
    },
  };
  return { settings, state: () => state };
}

const logs: LogRecord[] = [];
const log = createLoggerFactory({ sink: (r) => logs.push(r) })('print-profiles');
let nextId = 0;
const newId = (): string => `p${++nextId}`;

const zebraNetwork = {
  name: 'Zebra by the door',
  mode: 'zpl-network',
  host: '192.168.1.50',
  media: { preset: '4x6in' },
  dpi: 203,
  copies: 1,
  orientation: 'auto',
  findLabel: true,
  darkness: 20,
} as const;

describe('PrintProfiles', () => {
  it('starts from the default profile: system default printer, 4×6 in, 203 dpi', () => {
    const s = store({ printProfiles: [DEFAULT_PRINT_PROFILE], defaultPrintProfileId: 'default' });
    const profiles = new PrintProfiles(s.settings, log, newId);
    expect(profiles.get()).toEqual(DEFAULT_PRINT_PROFILE);
    expect(DEFAULT_PRINT_PROFILE).toMatchObject({ mode: 'system', printer: null, media: { preset: '4x6in' }, dpi: 203 });
  });

  it('saves a new profile with a fresh id and port 9100, and can make it the default', () => {
    const s = store({ printProfiles: [DEFAULT_PRINT_PROFILE], defaultPrintProfileId: 'default' });
    const profiles = new PrintProfiles(s.settings, log, newId);
    const view = profiles.save(zebraNetwork, true);
    const saved = view.profiles.find((p) => p.name === 'Zebra by the door')!;
    expect(saved).toMatchObject({ id: expect.stringMatching(/^p\d+$/), port: 9100 });
    expect(view.defaultProfileId).toBe(saved.id);
    expect(s.state().printProfiles).toHaveLength(2);
  });

  it('replaces a profile by id, and refuses one deleted meanwhile', () => {
    const s = store({ printProfiles: [DEFAULT_PRINT_PROFILE], defaultPrintProfileId: 'default' });
    const profiles = new PrintProfiles(s.settings, log, newId);
    profiles.save({ ...DEFAULT_PRINT_PROFILE, copies: 2 });
    expect(profiles.get('default').copies).toBe(2);
    expect(() => profiles.save({ ...DEFAULT_PRINT_PROFILE, id: 'gone' })).toThrow(/deleted meanwhile/);
  });

  it('deleting the default hands the default to the next profile; the last profile cannot go', () => {
    const s = store({ printProfiles: [DEFAULT_PRINT_PROFILE], defaultPrintProfileId: 'default' });
    const profiles = new PrintProfiles(s.settings, log, newId);
    const other = profiles.save(zebraNetwork).profiles[1]!;
    expect(profiles.delete('default')).toMatchObject({ profiles: [other], defaultProfileId: other.id });
    expect(() => profiles.delete(other.id)).toThrow(StationFailure);
    expect(() => profiles.delete(other.id)).toThrow(/at least one print profile/);
  });

  it('skips a hand-edited profile that no longer validates, and says so in the log', () => {
    const broken = { ...DEFAULT_PRINT_PROFILE, id: 'broken', dpi: 600 };
    const s = store({ printProfiles: [broken, DEFAULT_PRINT_PROFILE], defaultPrintProfileId: 'broken' });
    const view = new PrintProfiles(s.settings, log, newId).list();
    expect(view).toMatchObject({ profiles: [DEFAULT_PRINT_PROFILE], defaultProfileId: 'default' });
    expect(logs.some((r) => r.message.includes('unreadable print profile'))).toBe(true);
  });

  it('an unknown profile id is NOT_FOUND with what to do', () => {
    const s = store({ printProfiles: [DEFAULT_PRINT_PROFILE], defaultPrintProfileId: 'default' });
    expect(() => new PrintProfiles(s.settings, log, newId).get('nope')).toThrow(/Choose another profile/);
  });
});

describe('profile validation messages', () => {
  const issues = (draft: unknown): string[] => {
    const r = PrintProfileDraftSchema.safeParse(draft);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  it('custom media needs sane millimetres', () => {
    expect(issues({ ...DEFAULT_PRINT_PROFILE, media: { preset: 'custom', widthMm: 5, heightMm: 150 } })).toEqual([
      'media.widthMm: Label width must be at least 20 mm',
    ]);
  });
  it('a network printer needs an address, not a URL', () => {
    expect(issues({ ...zebraNetwork, host: 'http://192.168.1.50:9100/' })).toEqual([
      'host: Enter only the IP address or host name, e.g. 192.168.1.50',
    ]);
  });
  it('copies and darkness stay in the printer’s range', () => {
    expect(issues({ ...DEFAULT_PRINT_PROFILE, copies: 0, darkness: 31 })).toEqual([
      'copies: Print at least 1 copy',
      'darkness: Darkness goes from 0 to 30',
    ]);
  });
});
