import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { OrdersView } from '../../renderer/src/features/orders/OrdersView';
import { fakeStation } from './fake-station';
import { memoryOrders, order, orderDetail } from './order-fixtures';
import { renderWithStation } from './render';

function book() {
  const noAddress = order(3, {
    shipTo: {
      contact: { firstName: 'Kim', lastName: 'Nowhere', phone: '', email: '' },
      company: '',
      address: { streetLines: [], city: '', state: '', postalCode: '', countryCode: '' },
    },
  });
  return memoryOrders([
    orderDetail(1),
    orderDetail(2, { shipmentId: 'lbl-2', trackingNumber: 'YT00000002' }),
    orderDetail(
      3,
      {
        missing: [
          { field: 'shipTo.address', message: 'The order has no shipping address.', fix: 'order' },
          { field: 'shipTo.contact.phone', message: 'Enter the phone number.', fix: 'order' },
        ],
      },
      noAddress,
    ),
    orderDetail(
      4,
      {},
      order(4, {
        lines: [
          {
            sku: 'MUG-RED',
            name: 'Red mug',
            quantity: 1,
            unitPrice: null,
            requiresShipping: true,
            fulfillmentStatus: 'unfulfilled',
            unitWeightKg: 0.4,
          },
        ],
      }),
    ),
  ]);
}

function setup() {
  const orders = book();
  const { api, push } = fakeStation({ ordersList: orders.list, ordersGet: orders.get });
  const onOpenOrder = vi.fn();
  const onOpenShipment = vi.fn();
  const onImport = vi.fn();
  renderWithStation(
    <OrdersView onOpenOrder={onOpenOrder} onOpenShipment={onOpenShipment} onImport={onImport} onCommandSheet={() => {}} />,
    api,
  );
  return { orders, push, onOpenOrder, onOpenShipment, onImport };
}

const rows = () => screen.queryAllByTestId('order-row');

describe('the orders list', () => {
  it('has a chip per status with its count, and a chip shows only its orders', async () => {
    const user = userEvent.setup();
    const { orders } = setup();
    await waitFor(() => expect(rows()).toHaveLength(4));
    const chips = screen.getByRole('group', { name: 'Show orders by status' });
    expect(within(chips).getByRole('button', { name: /^Ready\s*2$/ })).toHaveAttribute('aria-pressed', 'false');
    expect(within(chips).getByRole('button', { name: /^Needs attention\s*1$/ })).toBeInTheDocument();
    expect(within(chips).getByRole('button', { name: /^Printed\s*1$/ })).toBeInTheDocument();
    expect(within(chips).getByRole('button', { name: /^Cancelled after labelling — do not ship\s*0$/ })).toBeInTheDocument();

    await user.click(within(chips).getByRole('button', { name: /^Needs attention/ }));
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(orders.queries.at(-1)).toMatchObject({ status: 'needs-attention' });
    // The order that needs attention names what is missing, in the list itself.
    expect(rows()[0]).toHaveTextContent('#1003');
    expect(within(rows()[0]!).getByTestId('order-missing')).toHaveTextContent('Missing: address, phone');
    expect(within(chips).getByRole('button', { name: /^Needs attention/ })).toHaveAttribute('aria-pressed', 'true');
  });

  it('finds an order by number, by name and by SKU', async () => {
    const user = userEvent.setup();
    const { orders } = setup();
    await waitFor(() => expect(rows()).toHaveLength(4));
    const search = screen.getByRole('searchbox', { name: 'Search by order number, name or SKU' });
    await user.type(search, 'mug-red');
    const only = (text: string) => waitFor(() => expect(rows().map((r) => r.textContent)).toEqual([expect.stringContaining(text)]));
    await only('#1004');
    expect(orders.queries.at(-1)).toMatchObject({ search: 'mug-red', offset: 0 });
    await user.clear(search);
    await user.type(search, 'Buyer2');
    await only('#1002');
    await user.clear(search);
    await user.type(search, '#1001');
    await only('#1001');
    await user.clear(search);
    await user.type(search, 'nothing-like-this');
    await waitFor(() => expect(screen.getByText('No order matches this search or status.')).toBeInTheDocument());
  });

  it('walks the rows from the keyboard and opens an order with Enter; a labelled order links to its shipment', async () => {
    const user = userEvent.setup();
    const { onOpenOrder, onOpenShipment } = setup();
    await waitFor(() => expect(rows()).toHaveLength(4));
    await user.click(screen.getByRole('searchbox'));
    await user.keyboard('{ArrowDown}');
    expect(rows()[0]).toHaveFocus();
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(rows()[2]).toHaveFocus();
    await user.keyboard('{Home}');
    expect(rows()[0]).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(onOpenOrder).toHaveBeenCalledWith('ord-1');

    await user.click(screen.getByRole('button', { name: 'Open label YT00000002' }));
    expect(onOpenShipment).toHaveBeenCalledWith('lbl-2');
    expect(onOpenOrder).toHaveBeenCalledTimes(1);
  });

  it('asks again when orders change (an import, a label)', async () => {
    const { orders, push } = setup();
    await waitFor(() => expect(rows()).toHaveLength(4));
    orders.put(orderDetail(5));
    push({ type: 'orders:changed', payload: { ids: ['ord-5'] } });
    await waitFor(() => expect(rows()).toHaveLength(5));
    expect(screen.getByTestId('orders-count')).toHaveTextContent('5 orders');
  });

  it('says how to start when there are no orders, and offers the import', async () => {
    const user = userEvent.setup();
    const { api } = fakeStation();
    const onImport = vi.fn();
    renderWithStation(<OrdersView onOpenOrder={() => {}} onOpenShipment={() => {}} onImport={onImport} onCommandSheet={() => {}} />, api);
    await screen.findByText('No orders yet. Import an order file to start.');
    await user.click(screen.getByRole('button', { name: 'Import orders' }));
    expect(onImport).toHaveBeenCalled();
  });

  it('speaks Chinese', async () => {
    const orders = book();
    const { api } = fakeStation({ ordersList: orders.list });
    renderWithStation(
      <OrdersView onOpenOrder={() => {}} onOpenShipment={() => {}} onImport={() => {}} onCommandSheet={() => {}} />,
      api,
      'zh-CN',
    );
    await waitFor(() => expect(rows()).toHaveLength(4));
    expect(screen.getByRole('heading', { name: '订单' })).toBeInTheDocument();
    expect(screen.getByTestId('order-missing')).toHaveTextContent('缺少：地址、电话');
  });
});
