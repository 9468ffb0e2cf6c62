import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ShipmentsView } from '../../renderer/src/features/shipments/ShipmentsView';
import { fakeStation } from './fake-station';
import { renderWithStation } from './render';
import { memoryShipments, shipment } from './shipment-fixtures';

/** jsdom has no layout: give the list's scroller the height of a real screen so the virtualizer shows rows. */
const VIEWPORT_PX = 520;
let restore: () => void;
beforeAll(() => {
  const original = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => VIEWPORT_PX });
  restore = () => original && Object.defineProperty(HTMLElement.prototype, 'clientHeight', original);
});
afterAll(() => restore());

const trackingNumbers = () => screen.queryAllByTestId('shipment-row').map((r) => within(r).getAllByRole('cell')[0]!.textContent);

describe('the shipments list', () => {
  it('renders only the rows on screen out of 100,000 and fetches pages, not the whole table', async () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => shipment(i));
    const table = memoryShipments(rows);
    renderWithStation(<ShipmentsView onOpen={vi.fn()} />, fakeStation({ shipmentsList: table.list, shipmentsCounts: table.counts }).api);
    expect(await screen.findByTestId('shipments-count')).toHaveTextContent('100,000 shipments');
    await waitFor(() => expect(screen.getAllByTestId('shipment-row').length).toBeGreaterThan(5));
    // Latest activity first: the highest index is the newest.
    expect(trackingNumbers()[0]).toBe('YT00099999');
    expect(screen.getAllByTestId('shipment-row').length).toBeLessThan(40);
    expect(table.queries.every((q) => (q.limit ?? 0) <= 200)).toBe(true);
  });

  it('says "more than" when the warehouse database counted a search only so far', async () => {
    const rows = Array.from({ length: 1_000 }, (_, i) => shipment(i));
    const table = memoryShipments(rows);
    const bounded: typeof table.list = async (q) => {
      const r = await table.list(q);
      return r.ok ? { ...r, value: { ...r.value, totalIsLowerBound: true } } : r;
    };
    renderWithStation(<ShipmentsView onOpen={vi.fn()} />, fakeStation({ shipmentsList: bounded, shipmentsCounts: table.counts }).api);
    expect(await screen.findByTestId('shipments-count')).toHaveTextContent(
      'More than 1,000 shipments match: the first 1,000 are listed. Narrow the search to see others.',
    );
  });

  it('searches after the packer stops typing and says when nothing matches', async () => {
    const user = userEvent.setup();
    const table = memoryShipments([shipment(1, { recipientName: 'Ada Lovelace' }), shipment(2, { recipientName: 'Grace Hopper' })]);
    renderWithStation(<ShipmentsView onOpen={vi.fn()} />, fakeStation({ shipmentsList: table.list, shipmentsCounts: table.counts }).api);
    await waitFor(() => expect(trackingNumbers()).toHaveLength(2));
    await user.type(screen.getByLabelText('Search tracking number, order number or recipient'), 'hopper');
    await waitFor(() => expect(trackingNumbers()).toEqual(['YT00000002']));
    expect(table.queries.filter((q) => q.search === 'h')).toHaveLength(0);
    await user.clear(screen.getByLabelText('Search tracking number, order number or recipient'));
    await user.type(screen.getByLabelText('Search tracking number, order number or recipient'), 'nobody');
    expect(await screen.findByText('No shipment matches this search.')).toBeInTheDocument();
  });

  it('filters by tag from the select and from the count chart, showing each tag in its own colour', async () => {
    const user = userEvent.setup();
    const table = memoryShipments(Array.from({ length: 21 }, (_, i) => shipment(i)));
    renderWithStation(<ShipmentsView onOpen={vi.fn()} />, fakeStation({ shipmentsList: table.list, shipmentsCounts: table.counts }).api);
    // 21 rows over 7 tags: 3 each.
    expect(await screen.findByTestId('count-Exception')).toHaveTextContent(/Exception\s*3/);
    await user.selectOptions(screen.getByLabelText('Status'), 'Delivered');
    await waitFor(() => expect(trackingNumbers()).toHaveLength(3));
    for (const row of screen.getAllByTestId('shipment-row')) {
      expect(within(row).getByText('Delivered')).toHaveClass('tag-Delivered');
    }
    await user.click(screen.getByTestId('count-Exception'));
    await waitFor(() => expect(screen.getAllByTestId('shipment-row').every((r) => within(r).queryByText('Exception'))).toBe(true));
    expect(screen.getByTestId('count-Exception')).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByLabelText('Status')).toHaveValue('Exception');
  });

  it('sorts oldest first on request', async () => {
    const user = userEvent.setup();
    const table = memoryShipments([shipment(5), shipment(9), shipment(7)]);
    renderWithStation(<ShipmentsView onOpen={vi.fn()} />, fakeStation({ shipmentsList: table.list, shipmentsCounts: table.counts }).api);
    await waitFor(() => expect(trackingNumbers()).toEqual(['YT00000009', 'YT00000007', 'YT00000005']));
    await user.selectOptions(screen.getByLabelText('Sort'), 'activity_asc');
    await waitFor(() => expect(trackingNumbers()).toEqual(['YT00000005', 'YT00000007', 'YT00000009']));
  });

  it('opens a shipment with Enter on its row, and refreshes when the station says shipments changed', async () => {
    const user = userEvent.setup();
    const rows = [shipment(1)];
    const table = memoryShipments(rows);
    const onOpen = vi.fn();
    const { api, push } = fakeStation({ shipmentsList: table.list, shipmentsCounts: table.counts });
    renderWithStation(<ShipmentsView onOpen={onOpen} />, api);
    await waitFor(() => expect(trackingNumbers()).toEqual(['YT00000001']));
    screen.getByTestId('shipment-row').focus();
    await user.keyboard('{Enter}');
    expect(onOpen).toHaveBeenCalledWith('lbl-1');
    rows.push(shipment(2, { tag: 'Delivered' }));
    act(() => push({ type: 'shipments:changed', payload: { ids: ['lbl-2'] } }));
    await waitFor(() => expect(trackingNumbers()).toEqual(['YT00000002', 'YT00000001']));
    expect(screen.getByTestId('shipments-count')).toHaveTextContent('2 shipments');
  });

  it('walks the rows with the arrow keys', async () => {
    const user = userEvent.setup();
    const table = memoryShipments([shipment(1), shipment(2), shipment(3)]);
    renderWithStation(<ShipmentsView onOpen={vi.fn()} />, fakeStation({ shipmentsList: table.list, shipmentsCounts: table.counts }).api);
    await waitFor(() => expect(trackingNumbers()).toHaveLength(3));
    screen.getAllByTestId('shipment-row')[0]!.focus();
    await user.keyboard('{ArrowDown}');
    await waitFor(() => expect(document.activeElement).toHaveTextContent('YT00000002'));
    await user.keyboard('{End}');
    await waitFor(() => expect(document.activeElement).toHaveTextContent('YT00000001'));
    await user.keyboard('{ArrowUp}');
    await waitFor(() => expect(document.activeElement).toHaveTextContent('YT00000002'));
  });

  it('renders courier text as text, never as markup', async () => {
    const table = memoryShipments([shipment(1, { recipientName: '<img src=x onerror=alert(1)>' })]);
    const { container } = renderWithStation(
      <ShipmentsView onOpen={vi.fn()} />,
      fakeStation({ shipmentsList: table.list, shipmentsCounts: table.counts }).api,
    );
    expect(await screen.findByText('<img src=x onerror=alert(1)>')).toBeInTheDocument();
    expect(container.querySelector('img')).toBeNull();
  });
});
