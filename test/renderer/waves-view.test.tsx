/**
 * The Waves screen: choosing orders and their order with a preview, starting a
 * wave, its progress from the station's events (and read back after leaving
 * the screen), pause / resume / cancel, and failures with their reasons fixed
 * in place and retried together.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { WavesView } from '../../renderer/src/features/waves/WavesView';
import type { WaveItem, WaveOrder, WaveSummary, WaveView } from '../../shared/domain/waves';
import { ok } from '../../shared/result';
import { fakeStation } from './fake-station';
import { renderWithStation } from './render';

const ORDERS: WaveOrder[] = Array.from({ length: 5 }, (_, i) => ({
  orderId: `o${i + 1}`,
  orderNumber: `W-${i + 1}`,
  recipientName: `Buyer ${i + 1}`,
  destination: i % 2 ? 'Leeds, GB' : 'Los Angeles, US',
  country: i % 2 ? 'GB' : 'US',
  courier: 'yunexpress',
  productCode: 'YEXP01',
  sku: i % 2 ? 'TOTE-1' : 'MUG-BLU',
  importedAt: '2026-11-26T08:00:00.000Z',
}));

function waveView(over: Partial<WaveView> = {}): WaveView {
  return {
    id: 'wave-1',
    state: 'running',
    pause: null,
    sequence: 'order-number',
    filter: {},
    counts: { total: 5, done: 0, failed: 0, skipped: 0, remaining: 5, inFlight: 1 },
    secondsLeft: null,
    labelsPerMinute: null,
    createdAt: '2026-11-26T09:00:00.000Z',
    updatedAt: '2026-11-26T09:00:00.000Z',
    finishedAt: null,
    failures: [],
    current: { position: 0, orderNumber: 'W-1' },
    ...over,
  };
}

const rejected: WaveItem = {
  position: 3,
  orderId: 'o4',
  orderNumber: 'W-4',
  state: 'failed',
  failure: 'label',
  shipmentId: 's4',
  trackingNumber: null,
  error: {
    code: 'VALIDATION',
    message: 'The API refused the label.',
    fields: [{ field: 'shipment.shipTo.address.postalCode', message: 'must be a postal code of the destination' }],
  },
  shipTo: {
    firstName: 'Buyer',
    lastName: '4',
    phone: '+1 555 0100',
    streetLines: ['4 Harbour Street'],
    city: 'Los Angeles',
    state: 'CA',
    postalCode: '00000',
    countryCode: 'US',
  },
  tries: 1,
};

const summaryOf = (v: WaveView): WaveSummary => {
  const { failures: _f, current: _c, ...summary } = v;
  return summary;
};

describe('waves screen', () => {
  it('previews the ready orders a filter finds in the chosen order, and starts a wave of the ticked ones', async () => {
    const user = userEvent.setup();
    const station = fakeStation();
    const wavesPreview = vi.fn(async (args?: { filter?: { country?: string }; sequence?: string }) => {
      let orders = ORDERS.filter((o) => !args?.filter?.country || o.country === args.filter.country);
      if (args?.sequence === 'sku') orders = [...orders].sort((a, b) => a.sku.localeCompare(b.sku) || a.orderNumber.localeCompare(b.orderNumber));
      return ok({ orders, total: orders.length, capped: false, couriers: ['yunexpress'], countries: ['GB', 'US'] });
    });
    const wavesCreate = vi.fn(async () => ok(waveView({ counts: { total: 2, done: 0, failed: 0, skipped: 0, remaining: 2, inFlight: 1 } })));
    renderWithStation(<WavesView />, { ...station.api, wavesPreview, wavesCreate } as never);

    expect(await screen.findByText('No wave yet. Choose orders above and start one.')).toBeInTheDocument();
    expect(await screen.findByTestId('wave-preview-count')).toHaveTextContent('5 ready orders');
    expect(screen.getByRole('button', { name: 'Start wave: 5 labels' })).toBeEnabled();

    await user.selectOptions(screen.getByLabelText('Country'), 'US');
    await waitFor(() => expect(screen.getByTestId('wave-preview-count')).toHaveTextContent('3 ready orders'));
    await user.selectOptions(screen.getByLabelText('Print in order of'), 'SKU');
    await waitFor(() => expect(wavesPreview).toHaveBeenLastCalledWith({ filter: { country: 'US' }, sequence: 'sku' }));
    expect(screen.getAllByTestId('wave-preview-row').map((r) => within(r).getAllByRole('cell')[1]!.textContent)).toEqual(['W-1', 'W-3', 'W-5']);

    await user.click(screen.getByLabelText('Include order W-3'));
    await user.click(screen.getByRole('button', { name: 'Start wave: 2 labels' }));
    await waitFor(() => expect(wavesCreate).toHaveBeenCalledTimes(1));
    expect(wavesCreate).toHaveBeenCalledWith({ filter: { country: 'US' }, sequence: 'sku', exclude: ['o3'], start: true });
    expect(await screen.findByTestId('wave-state')).toHaveTextContent('Running');
    expect(screen.getByTestId('wave-remaining')).toHaveTextContent('2');
  });

  it('shows the station refusing a filter, with what to fix', async () => {
    const station = fakeStation();
    const wavesPreview = vi.fn(async () => ({
      ok: false as const,
      error: { code: 'INVALID_ARGUMENT' as const, message: 'The filter cannot be used.', fields: [{ field: 'filter.sku', message: 'Give a SKU of at most 100 characters.' }] },
    }));
    renderWithStation(<WavesView />, { ...station.api, wavesPreview } as never);
    expect(await screen.findByRole('alert')).toHaveTextContent('The filter cannot be used. Give a SKU of at most 100 characters.');
    expect(screen.getByRole('button', { name: 'Start wave: 0 labels' })).toBeDisabled();
  });

  it('follows progress from the events, and shows the same wave after leaving the screen and coming back', async () => {
    let now = waveView();
    const station = fakeStation();
    const api = { ...station.api, wavesList: async () => ok([summaryOf(now)]), wavesGet: async () => ok(now) };
    const first = renderWithStation(<WavesView />, api as never);
    expect(await screen.findByTestId('wave-state')).toHaveTextContent('Running');

    now = waveView({ counts: { total: 5, done: 2, failed: 1, skipped: 0, remaining: 2, inFlight: 1 }, secondsLeft: 75, labelsPerMinute: 40, failures: [rejected] });
    act(() => station.push({ type: 'waves:progress', payload: summaryOf(now) }));
    expect(screen.getByTestId('wave-done')).toHaveTextContent('2');
    expect(screen.getByTestId('wave-failed')).toHaveTextContent('1');
    expect(screen.getByTestId('wave-remaining')).toHaveTextContent('2');
    expect(screen.getByTestId('wave-time-left')).toHaveTextContent('1 min 15 s');
    expect(screen.getByRole('progressbar', { name: 'Wave progress' })).toHaveAttribute('aria-valuetext', '3 of 5 labels');
    // The failure list follows with the next read.
    expect(await screen.findByTestId('wave-failure')).toHaveTextContent('W-4');

    first.unmount();
    now = waveView({ ...now, counts: { total: 5, done: 4, failed: 1, skipped: 0, remaining: 0, inFlight: 0 }, state: 'finished', current: null, secondsLeft: null });
    renderWithStation(<WavesView />, api as never);
    expect(await screen.findByTestId('wave-state')).toHaveTextContent('Finished');
    expect(screen.getByTestId('wave-done')).toHaveTextContent('4');
    expect(screen.getByTestId('wave-failure')).toHaveTextContent('Postal code: must be a postal code of the destination');
    // A finished wave cannot be paused or cancelled.
    expect(screen.queryByRole('button', { name: 'Pause' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Cancel wave' })).toBeNull();
  });

  it('pauses, says why it is paused, resumes, and cancels only after asking', async () => {
    const user = userEvent.setup();
    let now = waveView();
    const station = fakeStation();
    const set = (v: WaveView) => {
      now = v;
      return ok(v);
    };
    const wavesPause = vi.fn(async () => set(waveView({ state: 'paused', pause: { reason: 'packer', message: null }, current: null })));
    const wavesResume = vi.fn(async () => set(waveView()));
    const wavesCancel = vi.fn(async () => set(waveView({ state: 'cancelled', current: null })));
    const api = { ...station.api, wavesList: async () => ok([summaryOf(now)]), wavesGet: async () => ok(now), wavesPause, wavesResume, wavesCancel };
    renderWithStation(<WavesView />, api as never);

    await user.click(await screen.findByRole('button', { name: 'Pause' }));
    expect(wavesPause).toHaveBeenCalledWith({ id: 'wave-1' });
    expect(await screen.findByTestId('wave-pause-reason')).toHaveTextContent('nothing more is bought until you resume');

    // The printer stopped the wave: the reason and the printer's own words.
    now = waveView({ state: 'paused', pause: { reason: 'printer', message: 'Media out.' }, current: null });
    act(() => station.push({ type: 'waves:progress', payload: summaryOf(now) }));
    expect(screen.getByTestId('wave-pause-reason')).toHaveTextContent('the printer cannot print, so no more labels are bought. Media out. Fix the printer');

    await user.click(screen.getByRole('button', { name: 'Resume' }));
    expect(wavesResume).toHaveBeenCalledWith({ id: 'wave-1' });
    expect(await screen.findByTestId('wave-state')).toHaveTextContent('Running');

    await user.click(screen.getByRole('button', { name: 'Cancel wave' }));
    expect(wavesCancel).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Keep going' }));
    expect(wavesCancel).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Cancel wave' }));
    await user.click(screen.getByRole('button', { name: 'Yes, cancel the wave' }));
    expect(wavesCancel).toHaveBeenCalledWith({ id: 'wave-1' });
    expect(await screen.findByTestId('wave-state')).toHaveTextContent('Cancelled');
  });

  it('fixes failed orders in place and retries the ticked ones together', async () => {
    const user = userEvent.setup();
    const printFailed: WaveItem = { ...rejected, position: 1, orderId: 'o2', orderNumber: 'W-2', failure: 'print', error: { code: 'PRINTER', message: 'The printer is out of paper.', fields: [] } };
    const refused: WaveItem = { ...rejected, position: 4, orderId: 'o5', orderNumber: 'W-5', error: { code: 'COURIER_REJECTED', message: 'the recipient postal code is not serviceable', fields: [] } };
    let now = waveView({ state: 'finished', current: null, counts: { total: 5, done: 2, failed: 3, skipped: 0, remaining: 0, inFlight: 0 }, failures: [printFailed, rejected, refused] });
    const station = fakeStation();
    const wavesRetry = vi.fn(async () => {
      now = waveView({ counts: { total: 5, done: 2, failed: 0, skipped: 0, remaining: 3, inFlight: 1 } });
      return ok(now);
    });
    renderWithStation(<WavesView />, { ...station.api, wavesList: async () => ok([summaryOf(now)]), wavesGet: async () => ok(now), wavesRetry } as never);

    const rows = await screen.findAllByTestId('wave-failure');
    expect(rows.map((r) => r.getAttribute('data-order'))).toEqual(['W-2', 'W-4', 'W-5']);
    expect(within(rows[0]!).getByTestId('wave-failure-reason')).toHaveTextContent('The printer is out of paper.');
    // A print failure is retried as it is (a reprint): nothing to fix in the order.
    expect(within(rows[0]!).queryByText('Edit the ship-to')).toBeNull();
    // The field the API named is open and marked.
    const postal = within(rows[1]!).getByLabelText('Postal code for order W-4');
    expect(postal).toBeVisible();
    expect(postal).toHaveAttribute('aria-invalid', 'true');
    await user.clear(postal);
    await user.type(postal, '90001');
    // The courier's refusal names no field: the packer opens the ship-to and corrects it.
    await user.click(within(rows[2]!).getByText('Edit the ship-to'));
    const city = within(rows[2]!).getByLabelText('City for order W-5');
    await user.clear(city);
    await user.type(city, 'Pasadena');
    await user.click(within(rows[0]!).getByLabelText('Retry order W-2'));
    await user.click(screen.getByRole('button', { name: 'Fix and retry 2 orders' }));

    await waitFor(() => expect(wavesRetry).toHaveBeenCalledTimes(1));
    expect(wavesRetry).toHaveBeenCalledWith({
      id: 'wave-1',
      positions: [3, 4],
      fixes: [
        { orderId: 'o4', edits: { 'shipTo.address.postalCode': '90001' } },
        { orderId: 'o5', edits: { 'shipTo.address.city': 'Pasadena' } },
      ],
    });
    expect(await screen.findByTestId('wave-state')).toHaveTextContent('Running');
    expect(screen.getByText('No failures so far.')).toBeInTheDocument();
  });

  it('reads in Chinese', async () => {
    const station = fakeStation();
    const now = waveView({ state: 'paused', pause: { reason: 'restart', message: null }, current: null });
    renderWithStation(<WavesView />, { ...station.api, wavesList: async () => ok([summaryOf(now)]), wavesGet: async () => ok(now) } as never, 'zh-CN');
    expect(await screen.findByTestId('wave-state')).toHaveTextContent('已暂停');
    expect(screen.getByTestId('wave-pause-reason')).toHaveTextContent('工作站在波次中途停止');
    expect(screen.getByRole('button', { name: '恢复' })).toBeInTheDocument();
  });
});
