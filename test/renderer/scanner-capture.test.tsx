/**
 * Scans always land in the scan box, through the whole app. Key times are
 * what tells a scanner from a person (KeyboardEvent.timeStamp), so the clock
 * is frozen: keys typed together are a scanner's burst, and the test moves
 * the clock on between a person's keys.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/src/app/App';
import type { StationApi } from '../../shared/contract';
import type { ScannerSettings } from '../../shared/domain/scanner';
import { err, ok } from '../../shared/result';
import { fakeSettingsView, fakeStation } from './fake-station';
import { renderWithStation } from './render';
import { detailOf, memoryShipments, shipment } from './shipment-fixtures';

const PERSON_GAP_MS = 120;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-03-04T09:00:00Z'));
});
afterEach(() => vi.useRealTimers());

function setup(options: { scanner?: Partial<ScannerSettings>; api?: Partial<StationApi>; view?: 'create' | 'shipments' } = {}) {
  const rows = [shipment(12), shipment(13)];
  const table = memoryShipments(rows);
  const labelsCreate = vi.fn(fakeStation().api.labelsCreate);
  const { api } = fakeStation({
    shipmentsList: table.list,
    shipmentsCounts: table.counts,
    shipmentsGet: async ({ id }) => {
      const row = rows.find((r) => r.id === id);
      return row ? ok(detailOf(row)) : err('NOT_FOUND', 'No such shipment.');
    },
    labelsCreate,
    settingsGet: async () => ok(fakeSettingsView({ scanner: { burstMinChars: 6, burstMaxGapMs: 35, sound: false, ...options.scanner } })),
    ...options.api,
  });
  // The clock is frozen: userEvent must not wait between keys (a scanner does not).
  const user = userEvent.setup({ delay: null });
  renderWithStation(<App initialView={options.view ?? 'create'} />, api);
  return { user, labelsCreate, queries: table.queries, scanBox: () => screen.getByLabelText(/Scan or type a tracking number/) };
}

/** A person: one key, then a pause. */
async function typeLikeAPerson(user: UserEvent, text: string) {
  for (const ch of text) {
    await user.keyboard(ch === '{' ? '{{' : ch);
    vi.setSystemTime(Date.now() + PERSON_GAP_MS);
  }
}

const firstName = () => within(screen.getByRole('group', { name: 'Ship to' })).getByLabelText('First name');

describe('a scan into a focused field', () => {
  it('opens the scanned shipment, takes its characters back out of the field, and the Enter does not submit the form', async () => {
    const { user, labelsCreate, queries } = setup();
    await waitFor(() => expect(firstName()).toHaveFocus());
    await typeLikeAPerson(user, 'Pat');
    expect(firstName()).toHaveValue('Pat');

    await user.keyboard('YT00000012{Enter}');

    expect(await screen.findByText('Found YT00000012.')).toBeInTheDocument();
    expect(await screen.findByTestId('detail-tracking')).toHaveTextContent('YT00000012');
    expect(queries.map((q) => q.search)).toContain('YT00000012');
    expect(labelsCreate).not.toHaveBeenCalled();
    expect(screen.queryByText(/fields? needs? fixing/)).not.toBeInTheDocument();

    // Back on the form, the field is as the packer left it.
    await user.click(screen.getByRole('button', { name: 'Create label' }));
    await waitFor(() => expect(firstName()).toHaveValue('Pat'));
  });

  it('a scan whose first key came late (a busy page) opens the whole code, and that first character leaves the field too', async () => {
    const { user, labelsCreate } = setup();
    await waitFor(() => expect(firstName()).toHaveFocus());
    await typeLikeAPerson(user, 'Pat');
    vi.setSystemTime(Date.now() + 1_000);
    await user.keyboard('Y');
    vi.setSystemTime(Date.now() + 120);
    await user.keyboard('T00000012{Enter}');

    expect(await screen.findByTestId('detail-tracking')).toHaveTextContent('YT00000012');
    expect(screen.getByText('Found YT00000012.')).toBeInTheDocument();
    expect(labelsCreate).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Create label' }));
    await waitFor(() => expect(firstName()).toHaveValue('Pat'));
  });

  it('a person’s lone letter just before a scan stays theirs: the scan is looked up without it when it is not found with it', async () => {
    const { user, queries } = setup();
    await waitFor(() => expect(firstName()).toHaveFocus());
    await typeLikeAPerson(user, 'Pa');
    vi.setSystemTime(Date.now() + 1_000);
    await user.keyboard('t');
    vi.setSystemTime(Date.now() + 120);
    await user.keyboard('YT00000012{Enter}');

    expect(await screen.findByTestId('detail-tracking')).toHaveTextContent('YT00000012');
    expect(screen.getByText('Found YT00000012.')).toBeInTheDocument();
    // Tried as scanned first (a late scanner key would be the code's first), then without the packer's letter.
    const searched = queries.map((q) => q.search);
    expect(searched.indexOf('tYT00000012')).toBeGreaterThanOrEqual(0);
    expect(searched.indexOf('YT00000012')).toBeGreaterThan(searched.indexOf('tYT00000012'));
    await user.click(screen.getByRole('button', { name: 'Create label' }));
    await waitFor(() => expect(firstName()).toHaveValue('Pat'));
  });

  it('a scan into a field that the page held up mid-code opens the whole code, and both parts leave the field', async () => {
    const { user, queries } = setup();
    await waitFor(() => expect(firstName()).toHaveFocus());
    await typeLikeAPerson(user, 'Pat');
    vi.setSystemTime(Date.now() + 1_000);
    await user.keyboard('YT0000');
    vi.setSystemTime(Date.now() + 80);
    await user.keyboard('0012{Enter}');

    expect(await screen.findByTestId('detail-tracking')).toHaveTextContent('YT00000012');
    expect(queries.map((q) => q.search)).not.toContain('0012');
    await user.click(screen.getByRole('button', { name: 'Create label' }));
    await waitFor(() => expect(firstName()).toHaveValue('Pat'));
  });

  it('a scan into the scan box that the page held up mid-code is looked up whole, not by its tail', async () => {
    const { user, queries, scanBox } = setup();
    await waitFor(() => expect(firstName()).toHaveFocus());
    await user.keyboard('{F2}');
    await waitFor(() => expect(scanBox()).toHaveFocus());
    await user.keyboard('YT00');
    // A busy page: one key comes later than a scanner's gap, so the burst is split in two.
    vi.setSystemTime(Date.now() + 60);
    await user.keyboard('000012{Enter}');

    expect(await screen.findByTestId('detail-tracking')).toHaveTextContent('YT00000012');
    const searched = queries.map((q) => q.search);
    expect(searched).toContain('YT00000012');
    expect(searched).not.toContain('000012');
    expect(scanBox()).toHaveValue('');
  });

  it('a stray letter left in the scan box before a scan: the scan is still found, without it', async () => {
    const { user, scanBox } = setup();
    await waitFor(() => expect(firstName()).toHaveFocus());
    await user.keyboard('{F2}');
    await waitFor(() => expect(scanBox()).toHaveFocus());
    await user.keyboard('x');
    vi.setSystemTime(Date.now() + 1_000);
    await user.keyboard('YT00000013{Enter}');
    expect(await screen.findByTestId('detail-tracking')).toHaveTextContent('YT00000013');
    expect(scanBox()).toHaveValue('');
  });

  it('a scanner that holds Shift for its capitals: the field is still put back as it was', async () => {
    const { user } = setup();
    await waitFor(() => expect(firstName()).toHaveFocus());
    await typeLikeAPerson(user, 'Pat');
    await user.keyboard('{Shift>}Y{/Shift}{Shift>}T{/Shift}00000012{Enter}');
    expect(await screen.findByTestId('detail-tracking')).toHaveTextContent('YT00000012');
    await user.click(screen.getByRole('button', { name: 'Create label' }));
    await waitFor(() => expect(firstName()).toHaveValue('Pat'));
  });

  it('typed at a person’s pace, the same characters stay in the field and Enter is the form’s own', async () => {
    const { user, queries } = setup();
    await waitFor(() => expect(firstName()).toHaveFocus());
    await typeLikeAPerson(user, 'YT00000012');
    await user.keyboard('{Enter}');
    expect(await screen.findByText(/fields need fixing before the label can be created/)).toBeInTheDocument();
    expect(firstName()).toHaveValue('YT00000012');
    expect(queries.map((q) => q.search)).not.toContain('YT00000012');
    expect(screen.getByTestId('scan-status')).toBeEmptyDOMElement();
  });

  it('a fast pair from key rollover in the middle of typing is still typing', async () => {
    const { user } = setup();
    await waitFor(() => expect(firstName()).toHaveFocus());
    await typeLikeAPerson(user, 'Pa');
    await user.keyboard('tr'); // two keys at once
    vi.setSystemTime(Date.now() + PERSON_GAP_MS);
    await typeLikeAPerson(user, 'ick');
    await user.keyboard('{Enter}');
    expect(firstName()).toHaveValue('Patrick');
    expect(await screen.findByText(/fields need fixing/)).toBeInTheDocument();
  });

  it('keys of an IME composition never count as a scan, and their Enter is left alone', async () => {
    const { queries } = setup();
    await waitFor(() => expect(firstName()).toHaveFocus());
    for (const key of [...'zhangwei']) fireEvent.keyDown(firstName(), { key, isComposing: true });
    // An IME's Enter confirms the composition; it is not taken.
    expect(fireEvent.keyDown(firstName(), { key: 'Enter', isComposing: true })).toBe(true);
    for (const key of [...'YT0000']) fireEvent.keyDown(firstName(), { key: 'Process', keyCode: 229, code: `Key${key}` });
    expect(fireEvent.keyDown(firstName(), { key: 'Enter' })).toBe(true);
    expect(queries).toEqual([]);
  });

  it('uses the thresholds from Settings: with 12 characters as the shortest scan, a fast 10 is typing', async () => {
    const { user, queries } = setup({ scanner: { burstMinChars: 12 } });
    await waitFor(() => expect(firstName()).toHaveFocus());
    await user.keyboard('YT00000012{Enter}');
    expect(await screen.findByText(/fields need fixing/)).toBeInTheDocument();
    expect(firstName()).toHaveValue('YT00000012');
    expect(queries.map((q) => q.search)).not.toContain('YT00000012');
  });
});

describe('keys meant for the focused control stay with it', () => {
  it('Space on a focused navigation button activates it; the scan box gets nothing', async () => {
    const { user, scanBox } = setup();
    await waitFor(() => expect(firstName()).toHaveFocus());
    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    within(nav).getByRole('button', { name: 'Shipments' }).focus();
    await user.keyboard(' ');
    expect(await screen.findByRole('heading', { level: 2, name: 'Shipments' })).toBeInTheDocument();
    expect(scanBox()).toHaveValue('');
    expect(scanBox()).not.toHaveFocus();
  });

  it('Space on a filter chip toggles it', async () => {
    const { user, scanBox } = setup({ view: 'shipments' });
    const chip = await screen.findByTestId('count-Pending');
    expect(chip).toHaveAttribute('aria-pressed', 'false');
    chip.focus();
    await user.keyboard(' ');
    await waitFor(() => expect(screen.getByTestId('count-Pending')).toHaveAttribute('aria-pressed', 'true'));
    expect(scanBox()).toHaveValue('');
  });

  it('a scan while a button has focus goes to the scan box, and its Enter does not press the button', async () => {
    const { user, scanBox } = setup();
    await waitFor(() => expect(firstName()).toHaveFocus());
    const duplicate = screen.getByRole('button', { name: 'Duplicate last (Ctrl+D)' });
    duplicate.focus();
    await user.keyboard('YT00000013{Enter}');
    expect(await screen.findByTestId('detail-tracking')).toHaveTextContent('YT00000013');
    expect(screen.queryByText('No earlier shipment to duplicate yet.')).not.toBeInTheDocument();
    expect(scanBox()).toHaveValue('');
  });
});
