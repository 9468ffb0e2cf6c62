import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NotificationToasts, TOAST_MS } from '../../renderer/src/features/status/NotificationToasts';
import { StatusBar } from '../../renderer/src/features/status/StatusBar';
import { ok } from '../../shared/result';
import { fakePrinterStatus, fakeStation } from './fake-station';
import { PRINTER_STATUS_REFRESH_MS } from '../../renderer/src/features/printers/printer-status';
import { renderWithStation } from './render';

afterEach(() => vi.useRealTimers());

const STATUS = {
  version: '1',
  shell: 'browser' as const,
  environment: 'sandbox' as const,
  demo: true,
  apiBaseUrl: 'http://x',
  platform: 'linux',
};

describe('status bar', () => {
  it('shows environment, poller, API health and the label printer, and pauses the poller', async () => {
    const user = userEvent.setup();
    const trackingPause = vi.fn(fakeStation().api.trackingPause);
    renderWithStation(<StatusBar status={STATUS} />, fakeStation({ trackingPause }).api);
    expect(screen.getByTestId('status-environment')).toHaveTextContent('Demo (embedded sandbox)');
    await waitFor(() => expect(screen.getByTestId('status-poller')).toHaveTextContent('Running'));
    expect(screen.getByTestId('status-api')).toHaveTextContent('Reachable');
    await waitFor(() => expect(screen.getByTestId('status-printer')).toHaveTextContent('Zebra_ZD421 ready'));
    await user.click(screen.getByRole('button', { name: 'Pause' }));
    expect(trackingPause).toHaveBeenCalled();
    await waitFor(() => expect(screen.getByTestId('status-poller')).toHaveTextContent('Paused'));
    expect(screen.getByRole('button', { name: 'Resume' })).toBeInTheDocument();
  });

  it('follows the poller as it backs off and the API goes down', async () => {
    const { api, push } = fakeStation();
    renderWithStation(<StatusBar status={STATUS} />, api);
    await waitFor(() => expect(screen.getByTestId('status-poller')).toHaveTextContent('Running'));
    act(() =>
      push({
        type: 'tracking:statusChanged',
        payload: { state: 'backing_off', nextPollAt: null, activeShipments: 3, apiHealth: 'down', resumeAt: null },
      }),
    );
    expect(screen.getByTestId('status-poller')).toHaveTextContent('Backing off');
    expect(screen.getByTestId('status-api')).toHaveTextContent('Unreachable');
  });

  it('says which printer is missing when the profile names a queue that is gone, with the one thing to do', async () => {
    const { api } = fakeStation({ printersStatus: async () => ok(fakePrinterStatus({ target: 'Old_Zebra', faults: ['not-found'] })) });
    renderWithStation(<StatusBar status={STATUS} />, api);
    await waitFor(() => expect(screen.getByTestId('status-printer')).toHaveTextContent('Old_Zebra: not installed'));
    // The bar cuts a long message to stay one line; the whole message and the one thing to do are in its title.
    expect(screen.getByTestId('status-printer')).toHaveAttribute(
      'title',
      'Old_Zebra: not installed — Choose an installed printer on the Printers screen.',
    );
  });

  it('follows the printer as the check before a label reports it (event), and asks again on its timer', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let answer = fakePrinterStatus();
    const printersStatus = vi.fn(async () => ok(answer));
    const { api, push } = fakeStation({ printersStatus });
    renderWithStation(<StatusBar status={STATUS} />, api);
    await waitFor(() => expect(screen.getByTestId('status-printer')).toHaveTextContent('Zebra_ZD421 ready'));
    act(() => push({ type: 'printers:status', payload: fakePrinterStatus({ faults: ['paper-out'] }) }));
    expect(screen.getByTestId('status-printer')).toHaveTextContent('Zebra_ZD421: out of labels');
    answer = fakePrinterStatus({ faults: ['head-open'] });
    const asked = printersStatus.mock.calls.length;
    await act(async () => {
      await vi.advanceTimersByTimeAsync(PRINTER_STATUS_REFRESH_MS);
    });
    expect(printersStatus.mock.calls.length).toBe(asked + 1);
    await waitFor(() => expect(screen.getByTestId('status-printer')).toHaveTextContent('Zebra_ZD421: print head open'));
  });
});

describe('tracking news in browser mode', () => {
  it('shows the news as text with a way to the shipment, and clears it after exactly TOAST_MS', () => {
    vi.useFakeTimers();
    const onOpen = vi.fn();
    const { api, push } = fakeStation();
    renderWithStation(<NotificationToasts onOpen={onOpen} />, api);
    act(() =>
      push({
        type: 'tracking:notified',
        payload: {
          title: 'Delivered',
          body: 'YT1 was delivered.',
          facts: { kind: 'change', trackingNumber: 'YT1', orderNumber: 'A-1', recipientName: 'Pat <i>Buyer</i>', detail: null },
          shipmentId: 'shp-1',
          tag: 'Delivered',
        },
      }),
    );
    expect(screen.getByTestId('toast')).toHaveTextContent('Delivered');
    expect(screen.getByTestId('toast')).toHaveTextContent('YT1 · order A-1 · to Pat <i>Buyer</i>');
    act(() => vi.advanceTimersByTime(TOAST_MS - 1));
    expect(screen.getByTestId('toast')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Open shipment' }));
    expect(onOpen).toHaveBeenCalledWith('shp-1');
    act(() =>
      push({
        type: 'tracking:notified',
        payload: {
          title: 'Exception',
          body: 'YT2 has a delivery issue.',
          facts: { kind: 'change', trackingNumber: 'YT2', orderNumber: null, recipientName: null, detail: 'held' },
          shipmentId: null,
          tag: 'Exception',
        },
      }),
    );
    act(() => vi.advanceTimersByTime(TOAST_MS - 1));
    expect(screen.getByTestId('toast')).toHaveTextContent('YT2 — held');
    act(() => vi.advanceTimersByTime(1));
    expect(screen.queryByTestId('toast')).toBeNull();
  });
});

describe('tracking news in the packer language', () => {
  it('writes a single change and a digest in 简体中文 from the engine facts', () => {
    const { api, push } = fakeStation();
    renderWithStation(<NotificationToasts onOpen={vi.fn()} />, api, 'zh-CN');
    act(() =>
      push({
        type: 'tracking:notified',
        payload: {
          title: 'Delivered',
          body: 'YT3 was delivered.',
          facts: { kind: 'change', trackingNumber: 'YT3', orderNumber: 'A-3', recipientName: 'Pat Buyer', detail: null },
          shipmentId: 'shp-3',
          tag: 'Delivered',
        },
      }),
    );
    act(() =>
      push({
        type: 'tracking:notified',
        payload: {
          title: '13 shipments changed',
          body: '1 exception, 12 delivered',
          facts: { kind: 'digest', counts: { Delivered: 12, Exception: 1 } },
          shipmentId: null,
          tag: null,
        },
      }),
    );
    const [digest, single] = screen.getAllByTestId('toast');
    expect(single).toHaveTextContent('已签收');
    expect(single).toHaveTextContent('YT3 · 订单 A-3 · 收件人 Pat Buyer');
    expect(single).not.toHaveTextContent('delivered');
    // The shipment's own numbers and the recipient's name are data, never translated (English inside a Chinese screen).
    expect([...single!.querySelectorAll('[translate="no"]')].map((el) => el.textContent)).toEqual(['YT3', 'A-3', 'Pat Buyer']);
    expect(digest).toHaveTextContent('13 个货件状态已更新');
    expect(digest).toHaveTextContent('异常: 1 · 已签收: 12');
  });
});
