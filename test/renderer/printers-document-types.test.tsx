/**
 * The Printers screen: what each profile prints (its document type), when a label profile's packing slip prints,
 * and where each document goes, as the station says.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { PrintersView } from '../../renderer/src/features/printers/PrintersView';
import { fakeStation } from './fake-station';
import { renderWithStation } from './render';

describe('printers: document types', () => {
  it('on a fresh station everything prints on the label printer, and the screen says so', async () => {
    renderWithStation(<PrintersView />, fakeStation().api);
    expect(await screen.findByTestId('route-label')).toHaveTextContent(/^LabelsLabel printer$/);
    expect(screen.getByTestId('route-packing-slip')).toHaveTextContent(
      'Label printer — no profile prints these, so the label printer does',
    );
    expect(screen.getByTestId('route-report')).toHaveTextContent('no profile prints these');
    expect(screen.getByTestId('invoice-pages-route')).toHaveTextContent(
      'Invoice pages that come with a label print with it, on the label printer.',
    );
    const row = screen.getAllByTestId('profile-row')[0]!;
    expect(within(row).getByLabelText('Prints: Label printer')).toHaveValue('label');
    expect(within(row).getByLabelText('Packing slip: Label printer')).toHaveValue('after');
  });

  it('a new A4 laser profile for packing slips takes the slips, not the labels', async () => {
    const user = userEvent.setup();
    const station = fakeStation();
    const printProfilesSave = vi.fn(station.api.printProfilesSave);
    renderWithStation(<PrintersView />, { ...station.api, printProfilesSave });
    const form = within(await screen.findByRole('form', { name: 'New print profile' }));
    await user.type(form.getByLabelText('Profile'), 'Office laser');
    await user.selectOptions(form.getByLabelText('Prints'), 'Packing slips');
    // A slip profile has no slip of its own, finds no label, and cannot take the labels over.
    expect(form.queryByLabelText('Packing slip')).toBeNull();
    expect(form.queryByLabelText('Find the label on A4/Letter sheets')).toBeNull();
    expect(form.queryByLabelText('Use for labels')).toBeNull();
    await user.selectOptions(form.getByLabelText('Media'), 'A4');
    await user.click(form.getByRole('button', { name: 'Save profile' }));
    await waitFor(() => expect(printProfilesSave).toHaveBeenCalledTimes(1));
    expect(printProfilesSave.mock.calls[0]![0]).toMatchObject({
      profile: { name: 'Office laser', documentType: 'packing-slip', media: { preset: 'A4' } },
      makeDefault: false,
    });
    expect(await screen.findByTestId('route-packing-slip')).toHaveTextContent(/^Packing slipsOffice laser$/);
    expect(screen.getByTestId('route-label')).toHaveTextContent(/^LabelsLabel printer$/);
    const laserRow = screen.getAllByTestId('profile-row').find((r) => r.textContent?.includes('Office laser'))!;
    expect(within(laserRow).getByLabelText('Prints: Office laser')).toHaveValue('packing-slip');
    expect(within(laserRow).queryByLabelText('Packing slip: Office laser')).toBeNull();
    expect(within(laserRow).queryByRole('button', { name: 'Use for labels' })).toBeNull();
  });

  it('the slip order and the type of a saved profile change from its row, saved at once', async () => {
    const user = userEvent.setup();
    const station = fakeStation();
    const printProfilesSave = vi.fn(station.api.printProfilesSave);
    renderWithStation(<PrintersView />, { ...station.api, printProfilesSave });
    const row = within((await screen.findAllByTestId('profile-row'))[0]!);
    await user.selectOptions(row.getByLabelText('Packing slip: Label printer'), 'Before the label');
    await waitFor(() => expect(printProfilesSave).toHaveBeenCalledTimes(1));
    expect(printProfilesSave.mock.calls[0]![0]).toMatchObject({ profile: { id: 'default', packingSlip: 'before', documentType: 'label' } });
    expect(await screen.findByTestId('printers-note')).toHaveTextContent('Label printer saved.');
    expect(station.profiles().profiles[0]).toMatchObject({ packingSlip: 'before' });

    await user.selectOptions(row.getByLabelText('Prints: Label printer'), 'Documents (invoices, customs forms)');
    await waitFor(() => expect(printProfilesSave).toHaveBeenCalledTimes(2));
    expect(printProfilesSave.mock.calls[1]![0]).toMatchObject({ profile: { id: 'default', documentType: 'document' } });
    expect(await screen.findByTestId('route-document')).toHaveTextContent(/^Documents \(invoices, customs forms\)Label printer$/);
  });

  it('speaks the packer’s language', async () => {
    renderWithStation(<PrintersView />, fakeStation().api, 'zh-TW');
    expect(await screen.findByRole('heading', { name: '各類文件的列印位置' })).toBeInTheDocument();
    expect(screen.getByTestId('route-packing-slip')).toHaveTextContent('裝箱單');
    const row = screen.getAllByTestId('profile-row')[0]!;
    expect(within(row).getByLabelText('裝箱單: Label printer')).toHaveDisplayValue('在標籤之後');
  });
});
