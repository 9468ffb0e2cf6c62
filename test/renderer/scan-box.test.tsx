import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ScanBox } from '../../renderer/src/features/scan/ScanBox';
import { err, ok } from '../../shared/result';
import { fakeStation } from './fake-station';
import { renderWithStation } from './render';
import { detailOf, memoryShipments, shipment } from './shipment-fixtures';

function setup(options: { reprintOnRescan?: boolean; openShipmentId?: string | null } = {}) {
  const table = memoryShipments([shipment(1), shipment(12), shipment(123, { orderNumber: 'A-77' })]);
  const base = fakeStation().api;
  const reprint = vi.fn(base.labelsReprint);
  const { api } = fakeStation({
    shipmentsList: table.list,
    labelsReprint: reprint,
    // The list search does not match ids; a label id is looked up directly.
    shipmentsGet: async ({ id }) => (id === 'lbl-1' ? ok(detailOf(shipment(1))) : err('NOT_FOUND', 'No such shipment.')),
  });
  const onOpen = vi.fn();
  const onCreateForOrder = vi.fn();
  renderWithStation(
    <ScanBox
      reprintOnRescan={options.reprintOnRescan ?? false}
      openShipmentId={options.openShipmentId ?? null}
      onOpen={onOpen}
      onCreateForOrder={onCreateForOrder}
    />,
    api,
  );
  return { onOpen, onCreateForOrder, reprint, input: screen.getByLabelText(/Scan or type a tracking number/) };
}

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

  it('offers to create a label for an unknown order number', async () => {
    const user = userEvent.setup();
    const { onOpen, onCreateForOrder, input } = setup();
    await user.type(input, 'NEW-500{Enter}');
    expect(await screen.findByText('No shipment for “NEW-500”.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Create a label for order NEW-500' }));
    expect(onCreateForOrder).toHaveBeenCalledWith('NEW-500');
    expect(onOpen).not.toHaveBeenCalled();
  });

  it('reprints on a second scan of the open shipment when the setting says so', async () => {
    const user = userEvent.setup();
    const { onOpen, reprint, input } = setup({ reprintOnRescan: true, openShipmentId: 'lbl-12' });
    await user.type(input, 'YT00000012{Enter}');
    expect(await screen.findByText('Scanned again: reprinting YT00000012.')).toBeInTheDocument();
    expect(reprint).toHaveBeenCalledWith({ shipmentId: 'lbl-12' });
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
    const { api } = fakeStation({
      shipmentsList: async () => ({ ok: false, error: { code: 'NETWORK', message: 'The station is not reachable.' } }),
    });
    renderWithStation(<ScanBox reprintOnRescan={false} openShipmentId={null} onOpen={vi.fn()} onCreateForOrder={vi.fn()} />, api);
    await user.type(screen.getByLabelText(/Scan or type/), 'YT1{Enter}');
    expect(await screen.findByText('Could not look up “YT1”: The station is not reachable.')).toBeInTheDocument();
  });
});
