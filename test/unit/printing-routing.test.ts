/**
 * The routing table: which profile each document type prints on. Table-driven over the benches packers set up:
 * one thermal printer; thermal + laser for documents; thermal + laser for slips only; several label printers;
 * a default left on a profile that prints something else.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PRINT_PROFILE,
  DOCUMENT_TYPES,
  type DocumentType,
  type PrintProfile,
  type PrintProfilesView,
} from '../../shared/domain/printing';
import { documentPagesRoute, labelProfile, routeDocument, routingTable, type ProfileList } from '../../electron/core/printing/routing';
import { PrintProfiles, type ProfileSettings } from '../../electron/core/printing/profiles';
import { silentLoggerFactory } from '../../electron/core/util/log';

function profile(id: string, documentType: DocumentType, overrides: Partial<PrintProfile> = {}): PrintProfile {
  return { ...DEFAULT_PRINT_PROFILE, id, name: id, documentType, ...overrides } as PrintProfile;
}

const zebra = profile('zebra', 'label', { printer: 'Zebra_ZD421' });
const zebra2 = profile('zebra2', 'label', { printer: 'Zebra_Spare' });
const laserDocs = profile('laser-docs', 'document', { printer: 'Office_Laser', media: { preset: 'A4' } });
const laserSlips = profile('laser-slips', 'packing-slip', { printer: 'Office_Laser', media: { preset: 'A4' } });
const reports = profile('reports', 'report', { printer: 'Back_Office', media: { preset: 'Letter' } });
const tests = profile('tests', 'test-page', { printer: 'Zebra_Spare' });

/** Each type → [profile id, fallback]. */
type Expected = Record<DocumentType, [string, boolean]>;

const BENCHES: Array<{ bench: string; list: ProfileList; expected: Expected }> = [
  {
    bench: 'one thermal printer: everything prints there',
    list: { profiles: [zebra], defaultProfileId: 'zebra' },
    expected: {
      label: ['zebra', false],
      'packing-slip': ['zebra', true],
      document: ['zebra', true],
      'test-page': ['zebra', true],
      report: ['zebra', true],
    },
  },
  {
    bench: 'thermal + laser for documents: invoices move, slips and reports stay on the label printer',
    list: { profiles: [zebra, laserDocs], defaultProfileId: 'zebra' },
    expected: {
      label: ['zebra', false],
      'packing-slip': ['zebra', true],
      document: ['laser-docs', false],
      'test-page': ['zebra', true],
      report: ['zebra', true],
    },
  },
  {
    bench: 'a profile for every type',
    list: { profiles: [zebra, laserDocs, laserSlips, reports, tests], defaultProfileId: 'zebra' },
    expected: {
      label: ['zebra', false],
      'packing-slip': ['laser-slips', false],
      document: ['laser-docs', false],
      'test-page': ['tests', false],
      report: ['reports', false],
    },
  },
  {
    bench: 'two label printers: labels go to the one made default, the rest fall back to it',
    list: { profiles: [zebra, zebra2, laserSlips], defaultProfileId: 'zebra2' },
    expected: {
      label: ['zebra2', false],
      'packing-slip': ['laser-slips', false],
      document: ['zebra2', true],
      'test-page': ['zebra2', true],
      report: ['zebra2', true],
    },
  },
  {
    bench: 'the default left on the documents laser: labels still go to the label printer',
    list: { profiles: [laserDocs, zebra], defaultProfileId: 'laser-docs' },
    expected: {
      label: ['zebra', false],
      'packing-slip': ['zebra', true],
      document: ['laser-docs', false],
      'test-page': ['zebra', true],
      report: ['zebra', true],
    },
  },
  {
    bench: 'no label profile at all: labels and the rest go to the default profile',
    list: { profiles: [laserSlips, laserDocs], defaultProfileId: 'laser-docs' },
    expected: {
      label: ['laser-docs', true],
      'packing-slip': ['laser-slips', false],
      document: ['laser-docs', false],
      'test-page': ['laser-docs', true],
      report: ['laser-docs', true],
    },
  },
  {
    bench: 'a default id that names no profile: the first label profile',
    list: { profiles: [laserSlips, zebra, zebra2], defaultProfileId: 'deleted' },
    expected: {
      label: ['zebra', false],
      'packing-slip': ['laser-slips', false],
      document: ['zebra', true],
      'test-page': ['zebra', true],
      report: ['zebra', true],
    },
  },
];

describe('routing table', () => {
  it.each(BENCHES)('$bench', ({ list, expected }) => {
    for (const type of DOCUMENT_TYPES) {
      const route = routeDocument(type, list);
      expect([type, route?.profile.id, route?.fallback]).toEqual([type, ...expected[type]]);
    }
    expect(routingTable(list)).toEqual(
      Object.fromEntries(DOCUMENT_TYPES.map((t) => [t, { profileId: expected[t][0], fallback: expected[t][1] }])),
    );
  });

  it('no profile: nothing to route to', () => {
    const empty = { profiles: [], defaultProfileId: null };
    expect(labelProfile(empty)).toBeNull();
    for (const type of DOCUMENT_TYPES) expect(routeDocument(type, empty)).toBeNull();
  });

  it("a label's document pages split off only to a documents profile of their own, never to the label's profile", () => {
    expect(documentPagesRoute({ profiles: [zebra, laserDocs], defaultProfileId: 'zebra' }, zebra)?.profile.id).toBe('laser-docs');
    // No documents profile: the pages stay in the label's job.
    expect(documentPagesRoute({ profiles: [zebra, laserSlips], defaultProfileId: 'zebra' }, zebra)).toBeNull();
    // The only profile prints documents and stands in for labels too: nothing to split.
    expect(documentPagesRoute({ profiles: [laserDocs], defaultProfileId: 'laser-docs' }, laserDocs)).toBeNull();
  });
});

describe('print profiles carry their routes', () => {
  function profilesWith(printProfiles: PrintProfile[], defaultPrintProfileId: string | null): PrintProfiles {
    let state = { printProfiles, defaultPrintProfileId };
    const settings: ProfileSettings = {
      get: () => state,
      update: (patch) => (state = { ...state, ...patch }),
    };
    return new PrintProfiles(settings, silentLoggerFactory('print-profiles'), () => 'new');
  }

  it('the view says where each type prints, and the default is the label profile', () => {
    const profiles = profilesWith([laserDocs, zebra], 'laser-docs');
    const view: PrintProfilesView = profiles.list();
    expect(view.defaultProfileId).toBe('zebra');
    expect(view.routes).toMatchObject({
      label: { profileId: 'zebra', fallback: false },
      document: { profileId: 'laser-docs', fallback: false },
    });
    // "The default profile" (preview, preflight, auto-print) is the label printer, not the documents laser.
    expect(profiles.get().id).toBe('zebra');
  });

  it('saving a slip profile moves slips to it and leaves labels where they were', () => {
    const profiles = profilesWith([zebra], 'zebra');
    const { id: _id, ...draft } = laserSlips;
    const view = profiles.save(draft);
    expect(view.routes['packing-slip']).toEqual({ profileId: 'new', fallback: false });
    expect(view.routes.label).toEqual({ profileId: 'zebra', fallback: false });
    expect(view.defaultProfileId).toBe('zebra');
  });

  it('a profile saved without a document type (an older caller) is a label profile whose slip follows the label', () => {
    const profiles = profilesWith([zebra], 'zebra');
    const { id: _id, documentType: _t, packingSlip: _s, ...draft } = zebra2;
    const saved = profiles.save(draft).profiles.find((p) => p.id === 'new');
    expect(saved).toMatchObject({ documentType: 'label', packingSlip: 'after' });
  });

  it('refuses a document type or slip order it does not know, saying which', () => {
    const profiles = profilesWith([zebra], 'zebra');
    const { id: _id, ...draft } = zebra2;
    expect(() => profiles.save({ ...draft, documentType: 'invoice' as DocumentType })).toThrow(/documentType/);
    expect(() => profiles.save({ ...draft, packingSlip: 'sometimes' as 'after' })).toThrow(/packingSlip/);
  });
});
