/**
 * The End of day screen as a supervisor uses it: today's labels per courier
 * with each tracking number and who packed it, the count per packer, the
 * handover printed on the report printer or saved as PDF/CSV, the audit log
 * exported, and another range chosen; in English and Chinese.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { EndOfDayView } from '../../renderer/src/features/end-of-day/EndOfDayView';
import type { EndOfDayView as View } from '../../shared/domain/end-of-day';
import { ok } from '../../shared/result';
import { fakeStation } from './fake-station';
import { renderWithStation } from './render';

const VIEW = (from: string, to: string): View => ({
  station: 'Bench 7',
  from,
  to,
  couriers: [
    {
      courierCode: 'yunexpress',
      courierName: 'yunexpress',
      labels: [
        { trackingNumber: 'YT2503010001CN', orderNumber: '#1001', parcels: 2, weightKg: 1.75, createdAt: from, packer: 'Li Wei' },
        { trackingNumber: 'YT2503010003CN', orderNumber: null, parcels: 1, weightKg: 0.75, createdAt: from, packer: null },
      ],
      totals: { labels: 2, parcels: 3, weightKg: 2.5 },
    },
  ],
  packers: [
    { packer: 'Li Wei', labels: 1, voided: 1, parcels: 2, weightKg: 1.75, firstAt: from, lastAt: from },
    { packer: null, labels: 1, voided: 0, parcels: 1, weightKg: 0.75, firstAt: from, lastAt: from },
  ],
  totals: { labels: 2, parcels: 3, weightKg: 2.5, voided: 1 },
});

describe('End of day screen', () => {
  it('shows today per courier and per packer, prints the handover and saves files', async () => {
    const user = userEvent.setup();
    const endOfDayView = vi.fn(async (a: { from: string; to: string }) => ok(VIEW(a.from, a.to)));
    const endOfDayPrint = vi.fn(async () => ok({ profileName: 'Office laser', fallback: false, printed: true, message: null }));
    const endOfDayFile = vi.fn(async (a: { format: 'pdf' | 'csv' }) =>
      ok({ fileName: `courier-handover-2026-03-01.${a.format}`, mimeType: 'text/csv', base64: '' }),
    );
    const auditExport = vi.fn(async () => ok({ fileName: 'audit-2026-03-01-2026-03-02.csv', csv: 'x', entries: 12 }));
    renderWithStation(<EndOfDayView />, fakeStation({ endOfDayView, endOfDayPrint, endOfDayFile, auditExport }).api);
    const rows = await screen.findAllByTestId('eod-label-row');
    expect(rows[0]).toHaveTextContent(/YT2503010001CN.*#1001.*2.*1\.75.*Li Wei/);
    expect(rows[1]).toHaveTextContent('(nobody on duty)');
    expect(screen.getByTestId('eod-totals')).toHaveTextContent('2 labels · 3 parcels · 2.5 kg · 1 voided, left out');
    const today = endOfDayView.mock.calls[0]![0];
    // A whole local day.
    expect(Date.parse(today.to) - Date.parse(today.from)).toBeGreaterThanOrEqual(23 * 3_600_000);
    expect(screen.getAllByTestId('eod-packer-row')[0]).toHaveTextContent(/Li Wei\s*1\s*1\s*2\s*1\.75/);

    await user.click(screen.getByRole('button', { name: 'Print handover' }));
    expect(endOfDayPrint).toHaveBeenCalledWith({ ...today, document: 'handover' });
    expect(await screen.findByRole('status')).toHaveTextContent('Sent to Office laser.');

    await user.selectOptions(screen.getByLabelText('Paper'), 'Letter');
    await user.click(screen.getByRole('button', { name: 'Handover CSV' }));
    expect(endOfDayFile).toHaveBeenCalledWith({ ...today, document: 'handover', format: 'csv', paper: 'Letter' });
    await user.click(screen.getByRole('button', { name: 'Audit log CSV' }));
    expect(auditExport).toHaveBeenCalledWith(today);
    expect(await screen.findByText('audit-2026-03-01-2026-03-02.csv saved: 12 entries.')).toBeInTheDocument();

    // Another day shows at once.
    await user.click(screen.getByRole('button', { name: 'Yesterday' }));
    await waitFor(() => expect(endOfDayView).toHaveBeenCalledTimes(2));
    const yesterday = endOfDayView.mock.calls[1]![0];
    expect(Date.parse(yesterday.to)).toBe(Date.parse(today.from));
  });

  it('says when a printer refused the handover, in Chinese', async () => {
    const user = userEvent.setup();
    const { api } = fakeStation({
      endOfDayView: async (a) => ok(VIEW(a.from, a.to)),
      endOfDayPrint: async () => ok({ profileName: 'Zebra', fallback: true, printed: false, message: 'Paper out' }),
    });
    renderWithStation(<EndOfDayView />, api, 'zh-CN');
    await screen.findAllByTestId('eod-label-row');
    await user.click(screen.getByRole('button', { name: '打印交接单' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('未能在 Zebra 上打印：Paper out');
    expect(within(screen.getByRole('heading', { level: 2 })).getByText('日结')).toBeInTheDocument();
  });
});
