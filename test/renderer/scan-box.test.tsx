import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ScanBox } from '../../renderer/src/features/scan/ScanBox';
import { SCAN_TOAST_ERROR_MS, SCAN_TOAST_OK_MS, ScanToast, ScanToastProvider } from '../../renderer/src/features/scan/ScanToast';
import { resetScanToneContext } from '../../renderer/src/features/scan/sound';
import type { StationApi } from '../../shared/contract';
import { err, ok } from '../../shared/result';
import { fakeStation } from './fake-station';
import { renderWithStation } from './render';
import { detailOf, memoryShipments, shipment } from './shipment-fixtures';

/** usps-4x6.pdf's GS1-128 as a scanner sends it (FNC1 as GS): routing `420`+ZIP, then the tracking number. */
const USPS_TRACKING = '9234690361980900000142';
const USPS_BARCODE = `42073108\u001d${USPS_TRACKING}`;

function setup(options: { reprintOnRescan?: boolean; openShipmentId?: string | null; sound?: boolean; api?: Partial<StationApi> } = {}) {
  const table = memoryShipments([
    shipment(1),
    shipment(12),
    shipment(123, { orderNumber: 'A-77' }),
    shipment(200, { trackingNumber: USPS_TRACKING, orderNumber: 'USPS-1' }),
  ]);
  const base = fakeStation().api;
  const reprint = vi.fn(base.labelsReprint);
  const list = vi.fn(table.list);
  const { api } = fakeStation({
    shipmentsList: list,
    labelsReprint: reprint,
    // The list search does not match ids; a label id is looked up directly.
    shipmentsGet: async ({ id }) => (id === 'lbl-1' ? ok(detailOf(shipment(1))) : err('NOT_FOUND', 'No such shipment.')),
    ...options.api,
  });
  const onOpen = vi.fn();
  const onCreateForOrder = vi.fn();
  renderWithStation(
    <ScanToastProvider sound={options.sound ?? false}>
      <ScanBox
        reprintOnRescan={options.reprintOnRescan ?? false}
        openShipmentId={options.openShipmentId ?? null}
        onOpen={onOpen}
        onCreateForOrder={onCreateForOrder}
      />
      <button type="button">Elsewhere</button>
      <ScanToast />
    </ScanToastProvider>,
    api,
  );
  return { onOpen, onCreateForOrder, reprint, list, input: screen.getByLabelText(/Scan or type a tracking number/) };
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  resetScanToneContext();
});

describe('the scan box', () => {
  it('opens the shipment whose tracking number the scanner typed, and clears itself for the next scan', async () => {
    const user = userEvent.setup();
    const { onOpen, input } = setup();
    await user.type(input, 'YT00000012{Enter}');
    await waitFor(() => expect(onOpen).toHaveBeenCalledWith('lbl-12'));
    expect(input).toHaveValue('');
  });

  it('matches exactly, not by substring: YT00000001 does not open YT00000012', async () => {
    const user = userEvent.setup();
    const { onOpen, input } = setup();
    await user.type(input, 'yt00000001{Enter}');
    await waitFor(() => expect(onOpen).toHaveBeenCalledTimes(1));
    expect(onOpen).toHaveBeenCalledWith('lbl-1');
  });

  it('finds a shipment by order number and by label id', async () => {
    const user = userEvent.setup();
    const { onOpen, input } = setup();
    await user.type(input, 'A-77{Enter}');
    await waitFor(() => expect(onOpen).toHaveBeenLastCalledWith('lbl-123'));
    await user.type(input, 'lbl-1{Enter}');
    await waitFor(() => expect(onOpen).toHaveBeenLastCalledWith('lbl-1'));
  });

  it('finds a USPS parcel from its IMpb barcode: the raw scan first, then the tracking number inside it', async () => {
    const user = userEvent.setup();
    const { onOpen, list, input } = setup();
    await user.click(input);
    await user.paste(USPS_BARCODE);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(onOpen).toHaveBeenCalledWith('lbl-200'));
    expect(list.mock.calls.map(([q]) => q?.search)).toEqual([`42073108${USPS_TRACKING}`, USPS_TRACKING]);
    expect(await screen.findByText(`Found ${USPS_TRACKING}.`)).toBeInTheDocument();
  });

  it('the same barcode typed without its FNC1 (as keyboard-wedge scanners send it) finds it too', async () => {
    const user = userEvent.setup();
    const { onOpen, input } = setup();
    await user.type(input, `42073108${USPS_TRACKING}{Enter}`);
    await waitFor(() => expect(onOpen).toHaveBeenCalledWith('lbl-200'));
  });

  it('offers to create a label for an unknown order number', async () => {
    const user = userEvent.setup();
    const { onOpen, onCreateForOrder, input } = setup();
    await user.type(input, 'NEW-500{Enter}');
    expect(await screen.findByText('No shipment for “NEW-500”.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Create a label for order NEW-500' }));
    expect(onCreateForOrder).toHaveBeenCalledWith('NEW-500');
    expect(onOpen).not.toHaveBeenCalled();
    // Done with: the answer goes.
    expect(screen.queryByText('No shipment for “NEW-500”.')).not.toBeInTheDocument();
  });

  it.each([
    ['a pasted sentence', 'Dear customer, thanks for your order'],
    ['a code under the wrong keyboard layout', '&é"\'(çà'],
    ['a code with a slash', 'RMA/2026/7'],
    ['two characters', 'AB'],
  ])('says a plain "not found" for %s, with no label to create', async (_what, code) => {
    const user = userEvent.setup();
    const { onCreateForOrder, input } = setup();
    await user.click(input);
    await user.paste(code);
    await user.keyboard('{Enter}');
    expect(await screen.findByText(`No shipment for “${code}”.`)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Create a label/ })).not.toBeInTheDocument();
    expect(onCreateForOrder).not.toHaveBeenCalled();
  });

  it('a command barcode (reserved % prefix) is never looked up as a shipment or offered as an order', async () => {
    const user = userEvent.setup();
    const { list, input } = setup();
    // A command with no order on the pack screen says what to do first.
    await user.type(input, '%SHIP{Enter}');
    expect(await screen.findByText('Open an order first: scan its order number.')).toBeInTheDocument();
    // A reserved code this station does not know is named as such.
    await user.type(input, '%WAVE9{Enter}');
    expect(await screen.findByText('“%WAVE9” is a station command barcode this station does not use yet.')).toBeInTheDocument();
    expect(list).not.toHaveBeenCalled();
    expect(screen.queryByRole('button', { name: /Create a label/ })).not.toBeInTheDocument();
  });

  it('reprints on a second scan of the open shipment when the setting says so', async () => {
    const user = userEvent.setup();
    const { onOpen, reprint, input } = setup({ reprintOnRescan: true, openShipmentId: 'lbl-12' });
    await user.type(input, 'YT00000012{Enter}');
    expect(await screen.findByText('Scanned again: reprinting YT00000012.')).toBeInTheDocument();
    expect(reprint).toHaveBeenCalledWith({ shipmentId: 'lbl-12', reason: 'rescan' });
    expect(onOpen).not.toHaveBeenCalled();
  });

  it('only opens (no reprint) on a second scan when the setting is off', async () => {
    const user = userEvent.setup();
    const { onOpen, reprint, input } = setup({ reprintOnRescan: false, openShipmentId: 'lbl-12' });
    await user.type(input, 'YT00000012{Enter}');
    await waitFor(() => expect(onOpen).toHaveBeenCalledWith('lbl-12'));
    expect(reprint).not.toHaveBeenCalled();
  });

  it('says what went wrong when the station cannot look the code up', async () => {
    const user = userEvent.setup();
    const { input } = setup({
      api: { shipmentsList: async () => ({ ok: false, error: { code: 'NETWORK', message: 'The station is not reachable.' } }) },
    });
    await user.type(input, 'YT1{Enter}');
    expect(await screen.findByText('Could not look up “YT1”: The station is not reachable.')).toBeInTheDocument();
  });
});

describe('the answer to a scan', () => {
  it('has its live regions on the page before any answer: status for results, alert for failures', () => {
    setup();
    const status = screen.getByTestId('scan-status');
    const alert = screen.getByTestId('scan-alert');
    expect(status).toHaveAttribute('role', 'status');
    expect(status).toHaveAttribute('aria-live', 'polite');
    expect(alert).toHaveAttribute('role', 'alert');
    expect(status).toBeEmptyDOMElement();
    expect(alert).toBeEmptyDOMElement();
  });

  it('is green in the status region when found, red in the alert region when not', async () => {
    const user = userEvent.setup();
    const { input } = setup();
    await user.type(input, 'YT00000012{Enter}');
    const found = await screen.findByText('Found YT00000012.');
    expect(screen.getByTestId('scan-status')).toContainElement(found);
    expect(screen.getByTestId('scan-toast')).toHaveAttribute('data-tone', 'ok');
    await user.type(input, 'NOPE-1{Enter}');
    const missing = await screen.findByText('No shipment for “NOPE-1”.');
    expect(screen.getByTestId('scan-alert')).toContainElement(missing);
    expect(screen.getByTestId('scan-toast')).toHaveAttribute('data-tone', 'error');
    // One answer at a time: the new one replaced the old.
    expect(screen.queryByText('Found YT00000012.')).not.toBeInTheDocument();
  });

  it('goes away by itself after a few seconds (a found answer sooner than a failure)', async () => {
    vi.useFakeTimers();
    const { input } = setup();
    const scan = async (code: string) => {
      fireEvent.change(input, { target: { value: code } });
      fireEvent.submit(input);
      // The lookup's promises settle; no time passes.
      for (let i = 0; i < 10; i++) await act(async () => undefined);
    };
    await scan('YT00000012');
    expect(screen.getByText('Found YT00000012.')).toBeInTheDocument();
    act(() => vi.advanceTimersByTime(SCAN_TOAST_OK_MS - 1));
    expect(screen.getByText('Found YT00000012.')).toBeInTheDocument();
    act(() => vi.advanceTimersByTime(1));
    expect(screen.queryByText('Found YT00000012.')).not.toBeInTheDocument();

    await scan('NOPE-1');
    act(() => vi.advanceTimersByTime(SCAN_TOAST_ERROR_MS - 1));
    expect(screen.getByText('No shipment for “NOPE-1”.')).toBeInTheDocument();
    act(() => vi.advanceTimersByTime(1));
    expect(screen.queryByText('No shipment for “NOPE-1”.')).not.toBeInTheDocument();
  });

  it('goes away at the next action: a click or a key elsewhere, but not a Tab to its own button', async () => {
    const user = userEvent.setup();
    const { input } = setup();
    await user.type(input, 'NOPE-1{Enter}');
    await screen.findByText('No shipment for “NOPE-1”.');
    await new Promise((r) => setTimeout(r, 5));
    await user.click(screen.getByRole('button', { name: 'Elsewhere' }));
    expect(screen.queryByText('No shipment for “NOPE-1”.')).not.toBeInTheDocument();

    await user.type(input, 'NOPE-2{Enter}');
    await screen.findByText('No shipment for “NOPE-2”.');
    await new Promise((r) => setTimeout(r, 5));
    // From the scan box: Open, Elsewhere, then the toast's own button.
    for (let i = 0; i < 3; i++) await user.tab();
    expect(screen.getByRole('button', { name: 'Create a label for order NOPE-2' })).toHaveFocus();
    await user.keyboard('x');
    expect(screen.getByText('No shipment for “NOPE-2”.')).toBeInTheDocument();
    (document.activeElement as HTMLElement).blur();
    await user.keyboard('x');
    expect(screen.queryByText('No shipment for “NOPE-2”.')).not.toBeInTheDocument();
  });

  it('beeps high when found and low twice when not, only when the setting is on', async () => {
    const tones: Array<{ type: string; hz: number }> = [];
    class FakeAudioContext {
      state = 'running';
      currentTime = 0;
      destination = {};
      resume = async () => undefined;
      createGain = () => ({ gain: { value: 0 }, connect: (x: unknown) => x });
      createOscillator = () => {
        const osc = {
          type: 'sine',
          frequency: { value: 0 },
          connect: (x: unknown) => x,
          start: () => tones.push({ type: osc.type, hz: osc.frequency.value }),
          stop: () => undefined,
        };
        return osc;
      };
    }
    vi.stubGlobal('AudioContext', FakeAudioContext);
    const user = userEvent.setup();
    const { input } = setup({ sound: true });
    await user.type(input, 'YT00000012{Enter}');
    await screen.findByText('Found YT00000012.');
    expect(tones).toEqual([{ type: 'sine', hz: 1320 }]);
    await user.type(input, 'NOPE-1{Enter}');
    await screen.findByText('No shipment for “NOPE-1”.');
    expect(tones.slice(1)).toEqual([
      { type: 'square', hz: 220 },
      { type: 'square', hz: 220 },
    ]);
  });

  it('is silent when the setting is off', async () => {
    const started = vi.fn();
    vi.stubGlobal(
      'AudioContext',
      class {
        createOscillator = started;
      },
    );
    const user = userEvent.setup();
    const { input } = setup({ sound: false });
    await user.type(input, 'YT00000012{Enter}');
    await screen.findByText('Found YT00000012.');
    expect(started).not.toHaveBeenCalled();
  });
});
