/**
 * The audit log as a packer or supervisor reads it: per shipment (or order),
 * newest first, with the packer and station, a reprint's reason in the
 * packer's language, older entries a click away, and a reprint from a button
 * that asks why before anything prints.
 */
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { AuditTrail } from '../../renderer/src/features/audit/AuditTrail';
import { ReprintButton } from '../../renderer/src/features/audit/ReprintButton';
import type { AuditEntry } from '../../shared/domain/audit';
import { ok } from '../../shared/result';
import { fakeStation } from './fake-station';
import { renderWithStation } from './render';

const entry = (id: number, over: Partial<AuditEntry>): AuditEntry => ({
  id,
  at: '2026-03-01T08:00:00.000Z',
  station: 'Bench 7',
  packer: 'Li Wei',
  action: 'label-created',
  orderId: null,
  orderNumber: '#1001',
  shipmentId: 'shp-1',
  trackingNumber: 'YT2503010001CN',
  reason: null,
  detail: 'yunexpress YEXP01, 1 parcel, 0.9 kg',
  ...over,
});

describe('audit trail', () => {
  it("lists a shipment's history newest first with who, where and why, and pages to older entries", async () => {
    const user = userEvent.setup();
    const auditList = vi.fn(async (q?: { beforeId?: number }) =>
      q?.beforeId
        ? ok({ entries: [entry(1, { action: 'import', trackingNumber: null, detail: 'from orders_export.csv' })], more: false })
        : ok({
            entries: [entry(3, { action: 'reprint', reason: 'damaged', packer: 'Ana Costa' }), entry(2, {})],
            more: true,
          }),
    );
    renderWithStation(<AuditTrail shipmentId="shp-1" />, fakeStation({ auditList }).api);
    const rows = await screen.findAllByTestId('audit-entry');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent(/Reprinted · Label damaged · Ana Costa · Bench 7/);
    expect(rows[1]).toHaveTextContent(/Label created · Li Wei · Bench 7.*yunexpress YEXP01/);
    expect(auditList).toHaveBeenCalledWith({ shipmentId: 'shp-1', limit: 50 });
    await user.click(screen.getByRole('button', { name: 'Show older entries' }));
    await waitFor(() => expect(screen.getAllByTestId('audit-entry')).toHaveLength(3));
    expect(screen.queryByRole('button', { name: 'Show older entries' })).toBeNull();
  });

  it("reads in Chinese, with the station's English notes marked as English", async () => {
    const auditList = async () => ok({ entries: [entry(3, { action: 'reprint', reason: 'rescan', packer: null })], more: false });
    renderWithStation(<AuditTrail orderId="o-1" />, fakeStation({ auditList }).api, 'zh-TW');
    const [row] = await screen.findAllByTestId('audit-entry');
    expect(row).toHaveTextContent(/已重新列印 · 再次掃描 · 無人當班 · Bench 7/);
    // The courier's words and the station's English name are each marked; "nobody on duty" is the packer's language.
    expect([...row!.querySelectorAll('[lang="en"]')].map((el) => el.textContent)).toEqual(['Bench 7', 'yunexpress YEXP01, 1 parcel, 0.9 kg']);
  });
});

describe('reprint from a button', () => {
  it('asks why, and prints nothing when the packer cancels', async () => {
    const user = userEvent.setup();
    const onReprint = vi.fn();
    renderWithStation(<ReprintButton label="Reprint" onReprint={onReprint} />, fakeStation().api, 'zh-CN');
    await user.click(screen.getByRole('button', { name: 'Reprint' }));
    expect(screen.getByRole('group', { name: '为什么要重新打印标签？' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: '标签损坏' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: '取消' }));
    expect(onReprint).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Reprint' }));
    await user.click(screen.getByRole('radio', { name: '打到了错误的打印机' }));
    await user.click(screen.getByRole('button', { name: '重新打印' }));
    expect(onReprint).toHaveBeenCalledWith('wrong-printer');
  });
});
