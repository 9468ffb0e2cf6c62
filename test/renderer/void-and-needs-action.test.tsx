/**
 * A label made by mistake is voided here, saying plainly that the courier was
 * not told; refused, invalid and unprinted labels show as "Needs action" with
 * their own chip and count, voided ones as "Voided" (issue 11).
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ShipmentDetail } from '../../renderer/src/features/shipment-detail/ShipmentDetail';
import { ShipmentsView } from '../../renderer/src/features/shipments/ShipmentsView';
import type { Args } from '../../shared/contract';
import type { ShipmentDetail as Detail } from '../../shared/domain/shipment-detail';
import { ok } from '../../shared/result';
import { fakeStation } from './fake-station';
import { renderWithStation } from './render';
import { detailOf, memoryShipments, shipment } from './shipment-fixtures';

const LABEL: Detail['label'] = {
  attempt: 1,
  state: 'printed',
  labelId: 'lbl-remote-7',
  courierOrderNumber: null,
  courierTrackingNumber: 'YT00000007',
  error: null,
  createdAt: '2026-11-20T08:00:00Z',
  updatedAt: '2026-11-20T08:00:00Z',
};

beforeEach(() => {
  vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:preview-1'), revokeObjectURL: vi.fn() }));
});
afterEach(() => vi.unstubAllGlobals());

describe('Mark as void', () => {
  it('asks why, warns that the courier is not told, and afterwards says to void it with the courier too', async () => {
    const user = userEvent.setup();
    let current = detailOf(shipment(7, { tag: 'InTransit' }), { label: LABEL, voided: null });
    const labelsVoid = vi.fn(async (args: Args<'labels:void'>) => {
      const record = { at: '2026-11-22T09:30:00Z', reason: args.reason, note: args.note ?? null, by: 'Ana' };
      current = { ...current, voided: record };
      return ok(record);
    });
    const { api } = fakeStation({ shipmentsGet: async () => ok(current), labelsVoid });
    renderWithStation(<ShipmentDetail id="lbl-7" onBack={vi.fn()} />, api);

    await user.click(await screen.findByRole('button', { name: 'Mark as void' }));
    const form = screen.getByRole('group', { name: 'Why is this label void?' });
    expect(form).toHaveAccessibleDescription(/records the void at this station only.*courier is not told/);
    const confirm = within(form).getByRole('button', { name: 'Mark as void here' });
    expect(confirm).toBeDisabled();
    // Changing one's mind voids nothing.
    await user.click(within(form).getByRole('button', { name: 'Cancel' }));
    expect(labelsVoid).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Mark as void' }));
    const again = screen.getByRole('group', { name: 'Why is this label void?' });
    await user.click(within(again).getByRole('radio', { name: 'Wrong address' }));
    await user.type(within(again).getByRole('textbox', { name: 'Note (optional)' }), 'Flat number missing');
    await user.click(within(again).getByRole('button', { name: 'Mark as void here' }));
    expect(labelsVoid).toHaveBeenCalledWith({ shipmentId: 'lbl-7', reason: 'wrong-address', note: 'Flat number missing' });

    const banner = await screen.findByTestId('voided-banner');
    expect(banner).toHaveTextContent('by Ana: Wrong address.');
    expect(banner).toHaveTextContent('Flat number missing');
    expect(banner).toHaveTextContent('Voided here only: void it with the courier too.');
    expect(screen.getByTestId('detail-voided')).toHaveTextContent('Voided');
    expect(screen.queryByRole('button', { name: 'Mark as void' })).toBeNull();
    // Never a word suggesting the courier knows.
    expect(document.body.textContent).not.toMatch(/courier (was|has been) (told|notified)|cancelled with the courier/i);
  });

  it('is not offered for a label the courier refused', async () => {
    const refused = detailOf(shipment(8, { tag: 'Pending' }), {
      label: { ...LABEL, state: 'failed', error: { code: 'COURIER_REJECTED', message: 'postal code not serviceable' } },
    });
    const { api } = fakeStation({ shipmentsGet: async () => ok(refused) });
    renderWithStation(<ShipmentDetail id="lbl-8" onBack={vi.fn()} />, api);
    await screen.findByTestId('detail-tracking');
    expect(screen.queryByRole('button', { name: 'Mark as void' })).toBeNull();
  });
});

describe('the list: Needs action and Voided', () => {
  // jsdom has no layout: the list's scroller gets a real screen's height so the virtualizer shows rows.
  let restore: () => void;
  beforeEach(() => {
    const original = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 520 });
    restore = () => original && Object.defineProperty(HTMLElement.prototype, 'clientHeight', original);
  });
  afterEach(() => restore());

  it('shows each row where it stands, with a chip and count of its own that filters the list', async () => {
    const user = userEvent.setup();
    const rows = [
      shipment(1, { tag: 'InTransit', standing: 'active' }),
      shipment(2, { tag: 'Pending', standing: 'needs_action', labelState: 'failed' }),
      shipment(3, { tag: 'Pending', standing: 'needs_action', labelState: 'print_failed' }),
      shipment(4, { tag: 'Delivered', standing: 'voided' }),
      shipment(5, { tag: 'Pending', standing: 'active' }),
    ];
    const table = memoryShipments(rows);
    const counts = vi.fn(async () =>
      ok({
        total: 4,
        byTag: { Pending: 1, InfoReceived: 0, InTransit: 1, Exception: 0, Delivered: 0, Cancelled: 0, Unknown: 0 },
        needsAction: 2,
        voided: 1,
      }),
    );
    renderWithStation(<ShipmentsView onOpen={vi.fn()} />, fakeStation({ shipmentsList: table.list, shipmentsCounts: counts }).api);

    await waitFor(() => expect(screen.getAllByTestId('shipment-row')).toHaveLength(5), { timeout: 5_000 });
    const row = async (order: string) => screen.getAllByTestId('shipment-row').find((r) => r.textContent?.includes(order))!;
    expect(await row('ORD-2')).toHaveTextContent('Needs action');
    expect(await row('ORD-2')).not.toHaveTextContent('Pending');
    expect(await row('ORD-3')).toHaveTextContent('Needs action');
    expect(await row('ORD-4')).toHaveTextContent('Voided');
    expect(await row('ORD-4')).not.toHaveTextContent('Delivered');
    expect(await row('ORD-5')).toHaveTextContent('Pending');

    const chip = await screen.findByTestId('count-needs_action');
    expect(chip).toHaveTextContent('Needs action');
    expect(chip).toHaveTextContent('2');
    expect(screen.getByTestId('count-Pending')).toHaveTextContent('1');
    expect(screen.getByTestId('count-voided')).toHaveTextContent('Voided1');
    await user.click(chip);
    await waitFor(() => expect(table.queries.at(-1)).toMatchObject({ standing: 'needs_action' }));
    expect(table.queries.at(-1)).not.toHaveProperty('tag');
    await user.click(screen.getByTestId('count-Pending'));
    await waitFor(() => expect(table.queries.at(-1)).toMatchObject({ tag: 'Pending' }));
  });
});
