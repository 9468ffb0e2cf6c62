import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ShipmentDetail } from '../../renderer/src/features/shipment-detail/ShipmentDetail';
import type { StationApi } from '../../shared/contract';
import type { ShipmentDetail as Detail } from '../../shared/domain/shipment-detail';
import { ok } from '../../shared/result';
import { fakeStation } from './fake-station';
import { renderWithStation } from './render';
import { detailOf, shipment } from './shipment-fixtures';

const CHECKPOINTS: Detail['checkpoints'] = [
  { time: '2026-11-20T08:00:00Z', tag: 'InfoReceived', message: 'Shipment information received', location: 'Shenzhen, GD, CN' },
  { time: '2026-11-21T14:30:00Z', tag: 'InTransit', message: 'Departed <b>facility</b>', location: 'Hong Kong, HK' },
  { time: '2026-11-21T02:00:00Z', tag: 'InTransit', message: 'Arrived at sort centre', location: null },
];

function setup(overrides: Partial<StationApi> = {}, detail: Partial<Detail> = {}) {
  let current = detailOf(shipment(7, { tag: 'InTransit', subtagMessage: 'In transit to next facility' }), {
    checkpoints: CHECKPOINTS,
    ...detail,
  });
  const shipmentsGet = vi.fn(async () => ok(current));
  const { api, push } = fakeStation({ shipmentsGet, ...overrides });
  renderWithStation(<ShipmentDetail id="lbl-7" onBack={vi.fn()} />, api, 'en');
  return { push, shipmentsGet, update: (d: Partial<Detail>) => (current = { ...current, ...d }) };
}

beforeEach(() => {
  vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:preview-1'), revokeObjectURL: vi.fn() }));
});
afterEach(() => vi.unstubAllGlobals());

describe('the tracking timeline', () => {
  it('lists checkpoints newest first, local time with UTC on hover, location under the message', async () => {
    setup();
    const items = await screen.findAllByTestId('checkpoint');
    expect(items.map((i) => within(i).getByText(/Departed|Arrived|information/).textContent)).toEqual([
      'Departed <b>facility</b>',
      'Arrived at sort centre',
      'Shipment information received',
    ]);
    const time = within(items[0]!).getByText((_, el) => el?.tagName === 'TIME');
    expect(time).toHaveAttribute('datetime', '2026-11-21T14:30:00Z');
    expect(time.getAttribute('title')).toMatch(/^UTC .*2:30:00 PM UTC/);
    expect(within(items[0]!).getByText('Hong Kong, HK')).toBeInTheDocument();
    // Courier text is text: the <b> is shown, not obeyed.
    expect(screen.getByTestId('timeline').querySelector('b')).toBeNull();
    expect(screen.getByTestId('subtag')).toHaveTextContent('In transit to next facility');
  });

  it('shows a new checkpoint when the station says this shipment changed', async () => {
    const { push, update } = setup();
    await screen.findAllByTestId('checkpoint');
    update({
      checkpoints: [
        { time: '2026-11-22T09:00:00Z', tag: 'Delivered', message: 'Delivered to front door', location: 'Los Angeles, CA, US' },
        ...CHECKPOINTS,
      ],
    });
    act(() => push({ type: 'shipments:changed', payload: { ids: ['lbl-7'] } }));
    await waitFor(() => expect(screen.getAllByTestId('checkpoint')[0]).toHaveTextContent('Delivered to front door'));
  });

  it('shows the timeline in Chinese with Chinese dates', async () => {
    const { api } = fakeStation({ shipmentsGet: async () => ok(detailOf(shipment(7), { checkpoints: CHECKPOINTS })) });
    renderWithStation(<ShipmentDetail id="lbl-7" onBack={vi.fn()} />, api, 'zh-CN');
    expect(await screen.findByText('跟踪记录')).toBeInTheDocument();
    expect(screen.getAllByTestId('checkpoint')[0]).toHaveTextContent('2026年11月21日');
  });
});

describe('shipment detail actions', () => {
  it('respects the 15-minute floor unless the packer forces the refresh', async () => {
    const user = userEvent.setup();
    const trackingRefresh = vi.fn(async ({ force }: { id: string; force?: boolean }) =>
      ok(
        force
          ? { polled: true, tag: 'InTransit' as const, nextPollAt: null, message: null }
          : { polled: false, tag: 'InTransit' as const, nextPollAt: '2026-11-22T10:00:00Z', message: null },
      ),
    );
    setup({ trackingRefresh });
    await user.click(await screen.findByRole('button', { name: 'Refresh now' }));
    expect(await screen.findByTestId('detail-note')).toHaveTextContent(/refreshed less than 15 minutes ago/);
    expect(trackingRefresh).toHaveBeenLastCalledWith({ id: 'lbl-7', force: false });
    await user.click(screen.getByRole('button', { name: 'Refresh anyway' }));
    expect(trackingRefresh).toHaveBeenLastCalledWith({ id: 'lbl-7', force: true });
    expect(await screen.findByText('Tracking refreshed.')).toBeInTheDocument();
  });

  it('previews a PNG label from a blob: URL the CSP allows', async () => {
    setup(
      { labelsDocument: async () => ok({ format: 'png', base64: 'iVBORw0KGgo=', sha256: 'abc' }) },
      { document: { format: 'png', size: 8, sha256: 'abc', fetchedAt: '2026-11-21T00:00:00Z' } },
    );
    const img = await screen.findByTestId('label-preview');
    expect(img.tagName).toBe('IMG');
    expect(img).toHaveAttribute('src', 'blob:preview-1');
  });

  it('previews the label as it will print: the profile, and per page what was found, which way it turns and its size', async () => {
    const labelsDocument = vi.fn(async () => ok({ format: 'pdf' as const, base64: 'JVBERi0=', sha256: 'abc' }));
    setup(
      {
        labelsFitted: async () =>
          ok({
            profileId: 'default',
            profileName: 'Zebra by the door',
            base64: 'JVBERi0=',
            pages: [
              {
                kind: 'label' as const,
                sourcePage: 1,
                region: { x: 59, y: 89, width: 290, height: 434 },
                cropped: true,
                quarterTurns: 0 as const,
                scale: 0.97,
              },
              {
                kind: 'document' as const,
                sourcePage: 2,
                region: { x: 0, y: 0, width: 792, height: 612 },
                cropped: false,
                quarterTurns: 3 as const,
                scale: 0.36,
              },
            ],
          }),
        labelsDocument,
      },
      { document: { format: 'pdf', size: 8, sha256: 'abc', fetchedAt: '2026-11-21T00:00:00Z' } },
    );
    const summary = await screen.findByTestId('fit-summary');
    expect(summary).toHaveTextContent('As it prints on Zebra by the door');
    const items = within(summary)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items).toEqual([
      'Label · found on page 1 · upright · 97 % of real size',
      'Document, printed whole · page 2 · turned clockwise · 36 % of real size',
    ]);
    expect(labelsDocument).not.toHaveBeenCalled();
  });

  it('without a print profile the preview shows the document as the carrier sent it, and says so', async () => {
    setup(
      { labelsDocument: async () => ok({ format: 'png', base64: 'iVBORw0KGgo=', sha256: 'abc' }) },
      { document: { format: 'png', size: 8, sha256: 'abc', fetchedAt: '2026-11-21T00:00:00Z' } },
    );
    expect(await screen.findByTestId('fit-summary')).toHaveTextContent(/No print profile/);
    expect((await screen.findByTestId('label-preview')).tagName).toBe('IMG');
  });

  it('lists print jobs with their outcome', async () => {
    setup(
      {},
      {
        printJobs: [
          {
            id: 3,
            document: 'packing-slip',
            reason: 'auto',
            outcome: 'printed',
            printer: 'Office_Laser',
            error: null,
            requestedAt: '2026-11-21T10:00:01Z',
            finishedAt: '2026-11-21T10:00:02Z',
          },
          {
            id: 2,
            document: 'label',
            reason: 'reprint',
            outcome: 'failed',
            printer: 'Zebra',
            error: 'Queue paused',
            requestedAt: '2026-11-21T10:00:00Z',
            finishedAt: null,
          },
        ],
      },
    );
    const jobs = within(await screen.findByTestId('print-jobs')).getAllByRole('listitem');
    expect(jobs[0]).toHaveTextContent(/Packing slip · Automatic · Printed · Office_Laser$/);
    expect(jobs[1]).toHaveTextContent(/Label · Reprint · Failed · Zebra · Queue paused/);
  });
});
