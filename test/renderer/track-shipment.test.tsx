import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ProviderBadge } from '../../renderer/src/features/track/ProviderBadge';
import { TrackShipment } from '../../renderer/src/features/track/TrackShipment';
import type { Args } from '../../shared/contract';
import { err } from '../../shared/result';
import { fakeStation } from './fake-station';
import { renderWithStation } from './render';

function setup(overrides: Parameters<typeof fakeStation>[0] = {}) {
  const base = fakeStation().api;
  const track = vi.fn(overrides.shipmentsTrack ?? base.shipmentsTrack);
  const { api } = fakeStation({ ...overrides, shipmentsTrack: track });
  const onTracked = vi.fn();
  const view = renderWithStation(<TrackShipment onTracked={onTracked} />, api);
  return { track, onTracked, view, input: screen.getByLabelText('Tracking number'), provider: screen.getByLabelText('Provider') };
}

describe('Track a shipment', () => {
  it('tracks a scanned Flash Americas number, says its status, and clears for the next scan', async () => {
    const user = userEvent.setup();
    const { track, onTracked, input } = setup();
    expect(screen.getByLabelText('Provider')).toHaveValue('flashamericas');
    await user.type(input, '1234567890{Enter}');
    await waitFor(() => expect(onTracked).toHaveBeenCalledTimes(1));
    expect(track).toHaveBeenCalledWith({ provider: 'flashamericas', trackingNumber: '1234567890' } satisfies Args<'shipments:track'>);
    expect(onTracked.mock.calls[0]![0]).toMatchObject({ provider: 'flashamericas', trackingNumber: '1234567890' });
    expect(screen.getByRole('status')).toHaveTextContent('1234567890 is tracked: In transit.');
    expect(input).toHaveValue('');
  });

  it('sends the chosen provider and explains what number it expects', async () => {
    const user = userEvent.setup();
    const { track, input, provider } = setup();
    await user.selectOptions(provider, 'flexforward');
    expect(screen.getByText('The Flex Forward label id or order number.')).toBeInTheDocument();
    await user.type(input, 'ORDER-1001{Enter}');
    await waitFor(() => expect(track).toHaveBeenCalledWith({ provider: 'flexforward', trackingNumber: 'ORDER-1001' }));
  });

  it('keeps the number and shows the station’s reason when it is refused', async () => {
    const user = userEvent.setup();
    const { onTracked, input } = setup({
      shipmentsTrack: async () =>
        err('NOT_FOUND', 'Flash Americas does not know this tracking number (000123). Check the number and the provider.'),
    });
    await user.type(input, '000123{Enter}');
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Could not track “000123”: Flash Americas does not know'));
    expect(input).toHaveValue('000123');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(onTracked).not.toHaveBeenCalled();
  });

  it('shows the field message of a malformed number', async () => {
    const user = userEvent.setup();
    const { input } = setup({
      shipmentsTrack: async () =>
        err('INVALID_ARGUMENT', 'Invalid arguments for shipments:track', [
          { field: 'trackingNumber', message: 'Use only letters, digits and dashes (check for a stray character from the scanner).' },
        ]),
    });
    await user.type(input, 'FA#1{Enter}');
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Use only letters, digits and dashes'));
  });

  it('does not send an empty number, and sends one request for a double Enter', async () => {
    const user = userEvent.setup();
    let release: () => void = () => undefined;
    const base = fakeStation().api;
    const { track, input } = setup({
      shipmentsTrack: (a) => new Promise((r) => (release = () => void base.shipmentsTrack(a).then(r))),
    });
    await user.type(input, '   {Enter}');
    expect(track).not.toHaveBeenCalled();
    await user.clear(input);
    await user.type(input, '55555{Enter}{Enter}');
    expect(track).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('status')).toHaveTextContent('Looking up 55555');
    release();
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('55555 is tracked'));
  });

  it('speaks Chinese when the station does', async () => {
    const { api } = fakeStation();
    renderWithStation(<TrackShipment />, api, 'zh-CN');
    expect(screen.getByRole('form', { name: '跟踪货件' })).toBeInTheDocument();
  });

  it('badges rows from Flash Americas and leaves the station’s own labels plain', () => {
    const { api } = fakeStation();
    const { container } = renderWithStation(
      <ul>
        <li data-testid="fa">
          <ProviderBadge provider="flashamericas" />
        </li>
        <li data-testid="ff">
          <ProviderBadge provider="flexforward" />
        </li>
      </ul>,
      api,
    );
    expect(screen.getByTestId('fa')).toHaveTextContent('Flash Americas');
    expect(screen.getByTestId('ff')).toBeEmptyDOMElement();
    expect(container.querySelectorAll('.provider-badge')).toHaveLength(1);
  });
});

describe('track a shipment: the station’s English inside a Chinese screen', () => {
  it('a refusal is an alert, and the station’s English reason carries lang="en"', async () => {
    const user = userEvent.setup();
    const { api } = fakeStation({
      shipmentsTrack: async () => err('NOT_FOUND', 'Flash Americas does not know this number.'),
    });
    renderWithStation(<TrackShipment />, api, 'zh-CN');
    await user.type(screen.getByLabelText('运单号'), '000123{Enter}');
    const alert = await screen.findByRole('alert');
    await waitFor(() => expect(alert).toHaveTextContent('无法跟踪“000123”：Flash Americas does not know this number.'));
    expect(alert.querySelector('[lang="en"]')).toHaveTextContent('Flash Americas does not know this number.');
  });
});
