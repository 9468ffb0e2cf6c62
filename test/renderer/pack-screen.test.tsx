import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { PackView, type PackHandle } from '../../renderer/src/features/orders/PackView';
import { ScanToast, ScanToastProvider } from '../../renderer/src/features/scan/ScanToast';
import type { ScaleState } from '../../shared/devices/weight-policy';
import type { Args, StationApi } from '../../shared/contract';
import type { OrderDetail } from '../../shared/domain/order-desk';
import { err, ok } from '../../shared/result';
import { fakeStation } from './fake-station';
import { LARGE_BOX, SMALL_BOX, memoryOrders, order, orderDetail, summaryOf } from './order-fixtures';
import { renderWithStation } from './render';

const noPostalCode = order(7, {
  shipTo: {
    contact: { firstName: 'Pat', lastName: 'Lee', phone: '+1-555-0100', email: '' },
    company: '',
    address: { streetLines: ['9 Elm St'], city: 'Boston', state: 'MA', postalCode: '', countryCode: 'US' },
  },
});

function setup(detail: OrderDetail, options: { api?: Partial<StationApi>; shipRequest?: number; scale?: ScaleState } = {}) {
  const orders = memoryOrders([detail]);
  const ships: Args<'orders:ship'>[] = [];
  const updates: Args<'orders:update'>[] = [];
  const ship = vi.fn(async (args: Args<'orders:ship'>) => {
    ships.push(args);
    const d = orders.byId.get(args.id)!;
    const labelled = {
      ...d,
      shipmentId: 'lbl-9',
      trackingNumber: 'YT00000009',
      status: 'printed' as const,
      labelState: 'printed' as const,
    };
    orders.put(labelled);
    return ok({
      order: summaryOf(labelled),
      label: { shipmentId: 'lbl-9', state: 'printed' as const, trackingNumber: 'YT00000009', error: null },
      slip: { status: 'not-configured' as const, message: null },
    });
  });
  const update = vi.fn(async (args: Args<'orders:update'>) => {
    updates.push(args);
    const d = orders.byId.get(args.id)!;
    const edits = args.edits ?? {};
    const postalCode = (edits as Record<string, string>)['shipTo.address.postalCode'];
    const next: OrderDetail = {
      ...d,
      ...(args.boxId !== undefined ? { boxId: args.boxId } : {}),
      ...(args.weightKg !== undefined ? { weightKg: args.weightKg } : {}),
      ...(postalCode !== undefined
        ? {
            order: { ...d.order, shipTo: { ...d.order.shipTo, address: { ...d.order.shipTo.address, postalCode } } },
            missing: d.missing.filter((m) => m.field !== 'shipTo.address.postalCode'),
            status: 'ready',
            editedFields: ['shipTo.address.postalCode'],
          }
        : {}),
    };
    orders.put(next);
    return ok(next);
  });
  const reprint = vi.fn(
    async () => ok({ id: 'job-2', status: 'sent', printer: 'Zebra', createdAt: '2026-11-20T08:00:00.000Z', message: null }) as never,
  );
  const { api } = fakeStation({
    ordersGet: orders.get,
    ordersShip: ship,
    ordersUpdate: update,
    labelsReprint: reprint,
    boxesList: async () => ok([SMALL_BOX, LARGE_BOX]),
    ...options.api,
  });
  const handle = createRef<PackHandle>();
  const onDone = vi.fn();
  const onOpenShipment = vi.fn();
  const scale = options.scale;
  const view = renderWithStation(
    <ScanToastProvider sound={false}>
      <PackView
        id={detail.id}
        shipRequest={options.shipRequest ?? 0}
        handleRef={handle}
        onOpenShipment={onOpenShipment}
        onBack={() => {}}
        onDone={onDone}
        onCommandSheet={() => {}}
        {...(scale ? { useWeightSource: () => scale } : {})}
      />
      <ScanToast />
    </ScanToastProvider>,
    api,
  );
  return { ship, ships, update, updates, reprint, handle, onDone, onOpenShipment, view };
}

describe('the pack screen', () => {
  it('shows the recipient, the lines with quantities, the box and the computed weight, and Ctrl+Enter makes and prints the label', async () => {
    const user = userEvent.setup();
    const { ships } = setup(orderDetail(1));
    const recipient = await screen.findByTestId('pack-recipient');
    expect(recipient).toHaveTextContent('Jane Buyer1');
    expect(recipient).toHaveTextContent('1 Main St');
    expect(recipient).toHaveTextContent('90001 Los Angeles CA');
    const lines = screen.getAllByTestId('pack-line');
    expect(lines[0]).toHaveTextContent('PEN-01');
    expect(lines[0]).toHaveTextContent('Ink pen');
    expect(within(lines[0]!).getByText('2')).toBeInTheDocument();
    expect(lines[1]).toHaveTextContent('no parcel needed');
    await waitFor(() => expect(screen.getByRole('option', { name: 'Large' })).toBeInTheDocument());
    expect(screen.getByLabelText('Box')).toHaveDisplayValue('Station default (Small)');
    expect(screen.getByLabelText('Weight (kg)')).toHaveValue('0.6');
    expect(screen.getByTestId('pack-weight-from')).toHaveTextContent('catalogue weight × quantity + box tare');
    expect(screen.getByTestId('pack-missing')).toHaveTextContent('Nothing is missing: ready to label.');

    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(ships).toHaveLength(1));
    expect(ships[0]).toEqual({ id: 'ord-1' });
    expect(await screen.findByTestId('scan-toast')).toHaveTextContent('Label for order #1001 printed.');
    await waitFor(() => expect(screen.getByText('YT00000009')).toBeInTheDocument());
  });

  it('opens an order that is not ready with the missing field focused; fixing it saves the edit', async () => {
    const user = userEvent.setup();
    const detail = orderDetail(
      7,
      { missing: [{ field: 'shipTo.address.postalCode', message: 'Enter the postal code.', fix: 'order' }] },
      noPostalCode,
    );
    const { updates, ships } = setup(detail);
    const postal = await screen.findByLabelText('Postal code');
    await waitFor(() => expect(postal).toHaveFocus());
    expect(postal).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('pack-missing')).toHaveTextContent('postal code: Enter the postal code.');

    // The label is refused while something is missing: the station says what.
    await user.type(postal, '02108');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(updates).toHaveLength(1));
    expect(updates[0]).toEqual({ id: 'ord-7', edits: { 'shipTo.address.postalCode': '02108' } });
    await waitFor(() => expect(screen.getByTestId('pack-recipient')).toHaveTextContent('02108 Boston MA'));
    expect(screen.getByTestId('pack-missing')).toHaveTextContent('Nothing is missing');
    expect(ships).toHaveLength(0);
  });

  it('a scan that asks for the label (ship on scan, a second scan) ships once the order is shown', async () => {
    const { ships } = setup(orderDetail(1), { shipRequest: 1 });
    await waitFor(() => expect(ships).toHaveLength(1));
    expect(await screen.findByTestId('scan-toast')).toHaveTextContent('printed');
  });

  it('the SHIP and REPRINT barcodes drive it; a second label is refused with "scan REPRINT"', async () => {
    const { ships, handle, reprint, onDone } = setup(orderDetail(1));
    await screen.findByTestId('pack-recipient');
    act(() => handle.current!.command('ship'));
    await waitFor(() => expect(ships).toHaveLength(1));
    await waitFor(() => expect(screen.getByText('YT00000009')).toBeInTheDocument());
    act(() => handle.current!.command('ship'));
    expect(
      await screen.findByText('Order #1001 is already labelled — scan REPRINT to reprint.', { selector: '.scan-toast-text' }),
    ).toBeInTheDocument();
    expect(ships).toHaveLength(1);
    act(() => handle.current!.command('reprint'));
    await waitFor(() => expect(reprint).toHaveBeenCalledWith({ shipmentId: 'lbl-9', reason: 'rescan' }));
    act(() => handle.current!.command('next'));
    expect(onDone).toHaveBeenCalled();
  });

  it('a scanned box is chosen for the order', async () => {
    const { updates, handle } = setup(orderDetail(1));
    await screen.findByTestId('pack-recipient');
    act(() => handle.current!.chooseBox(LARGE_BOX));
    await waitFor(() => expect(updates).toEqual([{ id: 'ord-1', boxId: 'box-l' }]));
    expect(await screen.findByText('Box Large chosen.')).toBeInTheDocument();
    expect(screen.getByLabelText('Box')).toHaveDisplayValue('Large');
  });

  it('takes the scale reading when a scale is connected, and a typed weight over it', async () => {
    const user = userEvent.setup();
    const { ships } = setup(orderDetail(1), { scale: { kind: 'weighed', kg: 1.25 } });
    const weight = await screen.findByLabelText('Weight (kg)');
    expect(weight).toHaveValue('1.25');
    expect(screen.getByTestId('pack-weight-from')).toHaveTextContent('from the scale');
    await user.click(screen.getByTestId('pack-ship'));
    await waitFor(() => expect(ships).toEqual([{ id: 'ord-1', weightKg: 1.25, weightFrom: 'scale' }]));
  });

  it('a typed weight is the one sent', async () => {
    const user = userEvent.setup();
    const { ships } = setup(orderDetail(1));
    const weight = await screen.findByLabelText('Weight (kg)');
    await user.clear(weight);
    await user.type(weight, '2,5');
    expect(screen.getByTestId('pack-weight-from')).toHaveTextContent('typed here');
    await user.click(screen.getByTestId('pack-ship'));
    await waitFor(() => expect(ships[0]).toEqual({ id: 'ord-1', weightKg: 2.5, weightFrom: 'manual' }));
  });

  it('a printer that cannot print buys nothing until the packer says print later', async () => {
    const user = userEvent.setup();
    const calls: Args<'orders:ship'>[] = [];
    setup(orderDetail(1), {
      api: {
        ordersShip: async (args) => {
          calls.push(args);
          return err('PRINTER_NOT_READY', 'The label printer is out of labels. Load labels, or buy the label now and print it later.');
        },
      },
    });
    await user.click(await screen.findByTestId('pack-ship'));
    expect(await screen.findByTestId('pack-error')).toHaveTextContent('out of labels');
    await user.click(screen.getByRole('button', { name: 'Buy the label now and print it later' }));
    await waitFor(() => expect(calls[1]).toEqual({ id: 'ord-1', confirm: { duplicateOrder: false, printLater: true } }));
  });

  it('says "do not ship" for an order cancelled after its label', async () => {
    setup(
      orderDetail(1, {
        shipmentId: 'lbl-1',
        trackingNumber: 'YT1',
        status: 'cancelled-after-labelling',
        cancelledAt: '2026-11-20T09:00:00.000Z',
      }),
    );
    expect(await screen.findByText('Order #1001 was cancelled after its label was made — do not ship.')).toHaveAttribute('role', 'alert');
    expect(screen.queryByTestId('pack-ship')).not.toBeInTheDocument();
  });

  it('waits for a scan when no order is open', () => {
    const { api } = fakeStation();
    renderWithStation(
      <ScanToastProvider sound={false}>
        <PackView id={null} onOpenShipment={() => {}} onBack={() => {}} onDone={() => {}} onCommandSheet={() => {}} />
      </ScanToastProvider>,
      api,
      'zh-TW',
    );
    expect(screen.getByTestId('pack-idle')).toHaveTextContent('掃描訂單號碼開始包裝');
  });
});
