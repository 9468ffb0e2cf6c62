/**
 * Who is packing, as a packer sees it: the status bar names the packer on
 * duty and changes it in one pick; a badge scan anywhere changes it too;
 * Settings › Packers adds, renames and retires, in every language.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { StatusBar } from '../../renderer/src/features/status/StatusBar';
import { PackersSettings } from '../../renderer/src/features/settings/PackersSettings';
import { ScanBox } from '../../renderer/src/features/scan/ScanBox';
import { ScanToast, ScanToastProvider } from '../../renderer/src/features/scan/ScanToast';
import { ok, err } from '../../shared/result';
import { fakeStation } from './fake-station';
import { renderWithStation } from './render';

const STATUS = {
  version: '1',
  shell: 'browser' as const,
  environment: 'sandbox' as const,
  demo: true,
  apiBaseUrl: 'http://x',
  platform: 'linux',
};

describe('packer on duty in the status bar', () => {
  it('says nobody is on duty, then picks a packer from the list and follows a badge scanned elsewhere', async () => {
    const user = userEvent.setup();
    const fake = fakeStation();
    await fake.api.packersSave({ packer: { name: 'Li Wei' } });
    await fake.api.packersSave({ packer: { name: 'Ana Costa' } });
    const setOnDuty = vi.spyOn(fake.api, 'packersSetOnDuty');
    renderWithStation(<StatusBar status={STATUS} />, fake.api);
    const select = await screen.findByRole('combobox', { name: 'Packer' });
    expect(select).toHaveDisplayValue('Nobody on duty');
    await user.selectOptions(select, 'Ana Costa');
    expect(setOnDuty).toHaveBeenCalledWith({ id: 'packer-2' });
    await waitFor(() => expect(select).toHaveDisplayValue('Ana Costa'));
    const li = (await fake.api.packersSetOnDuty({ id: 'packer-1' })) as { ok: true; value: Parameters<typeof fake.push>[0]['payload'] };
    act(() => fake.push({ type: 'packers:changed', payload: li.value as never }));
    expect(select).toHaveDisplayValue('Li Wei');
  });

  it('shows the packer in Chinese too', async () => {
    const fake = fakeStation();
    renderWithStation(<StatusBar status={STATUS} />, fake.api, 'zh-TW');
    expect(await screen.findByTestId('status-packer')).toHaveTextContent('無人當班');
  });
});

describe('badge scan', () => {
  it('puts the packer on duty from any screen and says who', async () => {
    const user = userEvent.setup();
    const scanResolve = vi.fn(async ({ code }: { code: string }) =>
      ok({ kind: 'packer' as const, packer: { id: 'p1', name: 'Mei Chen', badge: '0042', retired: false }, code }),
    );
    const shipmentsList = vi.fn(fakeStation().api.shipmentsList);
    const { api } = fakeStation({ scanResolve, shipmentsList });
    renderWithStation(
      <ScanToastProvider sound={false}>
        <ScanBox reprintOnRescan={false} openShipmentId={null} onOpen={() => undefined} onCreateForOrder={() => undefined} />
        <ScanToast />
      </ScanToastProvider>,
      api,
    );
    await user.type(screen.getByRole('textbox', { name: /scan/i }), '%BADGE-0042{Enter}');
    expect(await screen.findByText('On duty: Mei Chen')).toBeInTheDocument();
    expect(scanResolve).toHaveBeenCalledWith({ code: '%BADGE-0042' });
    // Never looked up as a shipment.
    expect(shipmentsList).not.toHaveBeenCalled();
  });

  it('says what to do with an unknown badge', async () => {
    const user = userEvent.setup();
    const { api } = fakeStation({
      scanResolve: async () =>
        err(
          'NOT_FOUND',
          'No packer has badge 9999. Add them in Settings › Packers (or check the badge); the packer on duty did not change.',
        ),
    });
    renderWithStation(
      <ScanToastProvider sound={false}>
        <ScanBox reprintOnRescan={false} openShipmentId={null} onOpen={() => undefined} onCreateForOrder={() => undefined} />
        <ScanToast />
      </ScanToastProvider>,
      api,
    );
    await user.type(screen.getByRole('textbox', { name: /scan/i }), '%BADGE-9999{Enter}');
    expect(await screen.findByText(/No packer has badge 9999/)).toBeInTheDocument();
  });
});

describe('Settings › Packers', () => {
  it('adds, renames and retires packers and offers the badge sheet', async () => {
    const user = userEvent.setup();
    const fake = fakeStation();
    const badgeSheet = vi.spyOn(fake.api, 'packersBadgeSheet');
    renderWithStation(<PackersSettings />, fake.api);
    expect(await screen.findByText(/No packers yet/)).toBeInTheDocument();
    const addForm = screen.getByRole('form', { name: 'Add packer' });
    await user.type(within(addForm).getByLabelText('Name'), 'Li Wei');
    await user.click(within(addForm).getByRole('button', { name: 'Add packer' }));
    expect(await screen.findByText('Li Wei')).toBeInTheDocument();
    expect(screen.getByText('0001')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Edit: Li Wei' }));
    const edit = screen.getByRole('form', { name: 'Li Wei, badge 0001' });
    await user.clear(within(edit).getByLabelText('Name'));
    await user.type(within(edit).getByLabelText('Name'), 'Li Wei (days)');
    await user.click(within(edit).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Li Wei (days)')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Badge sheet (PDF)' }));
    expect(badgeSheet).toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Retire: Li Wei (days)' }));
    expect(await screen.findByText(/Retired/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Bring back: Li Wei (days)' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Badge sheet (PDF)' })).toBeDisabled();
  });

  it('shows a refusal from the station where the packer sees it', async () => {
    const user = userEvent.setup();
    const { api } = fakeStation({
      packersSave: async () =>
        err('CONFLICT', 'Badge 0042 belongs to Mei Chen. Give this packer another code.', [{ field: 'badge', message: 'taken' }]),
    });
    renderWithStation(<PackersSettings />, api, 'zh-CN');
    const addForm = await screen.findByRole('form', { name: '添加打包员' });
    await user.type(within(addForm).getByLabelText('姓名'), 'Sam');
    await user.click(within(addForm).getByRole('button', { name: '添加打包员' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Badge 0042 belongs to Mei Chen');
  });
});
