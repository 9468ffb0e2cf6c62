/**
 * First launch leads to a printed label, and no label is bought for a
 * printer that cannot print without the packer's say-so: the set-up
 * checklist on the start screen, the "buy now, print later?" question when
 * the station refuses with PRINTER_NOT_READY, and the label printer's state
 * on the Printers screen.
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/src/app/App';
import { CreateLabelView } from '../../renderer/src/features/create-label/CreateLabelView';
import { PrintersView } from '../../renderer/src/features/printers/PrintersView';
import type { StationApi } from '../../shared/contract';
import type { LabelCreateArgs } from '../../shared/domain/label-request';
import type { LabelCreateResult } from '../../shared/domain/shipment-detail';
import { err, ok } from '../../shared/result';
import { fakePrinterStatus, fakeSettingsView, fakeStation } from './fake-station';
import { renderWithStation } from './render';

const WAREHOUSE = {
  contact: { firstName: 'Ware', lastName: 'House', phone: '+81-3-0000-0000', email: undefined },
  address: { streetLines: ['1-1 Example'], city: 'Tokyo', state: undefined, postalCode: '100-0001', countryCode: 'JP' },
};
const shipTo = () => within(screen.getByRole('group', { name: 'Ship to' }));

/** A valid US shipment, typed in one go per field (the keyboard path has its own tests in create-label). */
async function fill(user: UserEvent) {
  await waitFor(() => expect(shipTo().getByLabelText('First name')).toHaveFocus());
  const type = (el: HTMLElement, value: string) => fireEvent.change(el, { target: { value } });
  const to = shipTo();
  for (const [label, value] of [
    ['First name', 'Pat'],
    ['Last name', 'Buyer'],
    ['Phone', '+1-555-0100'],
    ['Street', '1 Main St'],
    ['City', 'Los Angeles'],
    ['State / province', 'CA'],
    ['Postal code', '90001'],
  ] as const)
    type(to.getByLabelText(label, { exact: true }), value);
  await user.selectOptions(to.getByLabelText('Country (2 letters)'), 'US');
  await user.selectOptions(await screen.findByRole('combobox', { name: 'Courier' }), 'yunexpress');
  await user.selectOptions(await screen.findByRole('combobox', { name: 'Product' }), 'HKMUZXR');
  type(screen.getByLabelText('Weight (kg)'), '0.5');
  type(screen.getByLabelText('Description (English)'), 'Ink pen');
  type(screen.getByLabelText('Unit price'), '3.5');
  type(screen.getByLabelText('Unit weight (kg)'), '0.5');
  screen.getByLabelText('Unit weight (kg)').focus();
}

beforeEach(() => localStorage.clear());

describe('a printer that cannot print: the packer is asked before anything is bought', () => {
  function setup(overrides: Partial<StationApi> = {}) {
    const calls: LabelCreateArgs[] = [];
    const labelsCreate = vi.fn(async (args: LabelCreateArgs) => {
      calls.push(args);
      if (!args.confirm?.printLater) return err('PRINTER_NOT_READY', 'Zebra_ZD421: out of labels. Load labels into the printer.');
      return ok<LabelCreateResult>({ shipmentId: 'shp-7', state: 'document_ready', trackingNumber: 'YT2503010007CN', error: null });
    });
    const onNavigate = vi.fn();
    const { api } = fakeStation({
      settingsGet: async () => ok(fakeSettingsView({ shipFrom: WAREHOUSE })),
      printersStatus: async () => ok(fakePrinterStatus({ faults: ['paper-out'], detail: 'media-empty-error' })),
      labelsCreate: labelsCreate as unknown as StationApi['labelsCreate'],
      ...overrides,
    });
    renderWithStation(<CreateLabelView onOpenShipment={vi.fn()} onNavigate={onNavigate} />, api);
    return { calls, onNavigate };
  }

  it('one message, one instruction, a way to the Printers screen; "Don’t buy" is the default and buys nothing', async () => {
    const user = userEvent.setup();
    const { calls, onNavigate } = setup();
    await fill(user);
    await user.keyboard('{Enter}');
    const ask = await screen.findByRole('alertdialog', { name: 'The label printer cannot print right now' });
    expect(within(ask).getByTestId('ask-print-later-problem')).toHaveTextContent('Zebra_ZD421: out of labels');
    expect(within(ask).getByTestId('ask-print-later-action')).toHaveTextContent('Load labels into the printer.');
    expect(ask).toHaveTextContent('Nothing has been bought yet.');
    const dontBuy = within(ask).getByRole('button', { name: 'Don’t buy' });
    expect(dontBuy).toHaveFocus();
    await user.click(within(ask).getByRole('button', { name: 'Open the Printers screen' }));
    expect(onNavigate).toHaveBeenCalledWith('printers');
    await user.click(dontBuy);
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.confirm).toBeUndefined();
    // The form is as the packer left it.
    expect(shipTo().getByLabelText('First name')).toHaveValue('Pat');
  });

  it('"Buy now, print later" buys the label with the packer’s say-so and says it was kept unprinted', async () => {
    const user = userEvent.setup();
    const { calls } = setup();
    await fill(user);
    await user.keyboard('{Enter}');
    await user.click(await screen.findByRole('button', { name: 'Buy now, print later' }));
    expect(await screen.findByTestId('created-tracking')).toHaveTextContent('YT2503010007CN');
    expect(calls).toHaveLength(2);
    expect(calls[1]!.confirm).toEqual({ printLater: true });
    expect(screen.getByTestId('created-printed')).toHaveTextContent('Not printed');
    expect(screen.getByTestId('created-print-later')).toHaveTextContent('Reprint it once the printer is ready.');
    expect(screen.getByRole('button', { name: 'Reprint' })).toBeInTheDocument();
  });

  it('in Chinese the question is Chinese, from the printer’s status, whatever language the station answered in', async () => {
    const user = userEvent.setup();
    const { api } = fakeStation({
      settingsGet: async () => ok(fakeSettingsView({ shipFrom: WAREHOUSE })),
      printersStatus: async () => ok(fakePrinterStatus({ faults: ['head-open'] })),
      labelsCreate: async () => err('PRINTER_NOT_READY', 'Zebra_ZD421: print head open. Close the print head.'),
    });
    const { i18n } = renderWithStation(<CreateLabelView onOpenShipment={vi.fn()} onNavigate={vi.fn()} />, api);
    await fill(user);
    await act(async () => {
      await i18n.changeLanguage('zh-CN');
    });
    await user.keyboard('{Enter}');
    const ask = await screen.findByRole('alertdialog', { name: '标签打印机现在无法打印' });
    expect(within(ask).getByTestId('ask-print-later-problem')).toHaveTextContent('Zebra_ZD421：打印头未合上');
    expect(within(ask).getByTestId('ask-print-later-action')).toHaveTextContent('请合上打印头。');
  });
});

describe('the set-up checklist on the start screen', () => {
  it('lists what is missing with a way to fix each, and takes the packer there', async () => {
    const user = userEvent.setup();
    const { api } = fakeStation({
      printersStatus: async () => ok(fakePrinterStatus({ target: null, faults: ['no-default'] })),
    });
    renderWithStation(<App />, api);
    const list = await screen.findByTestId('setup-checklist');
    expect(within(list).getByTestId('setup-ship-from')).toHaveTextContent('Enter the warehouse (ship-from) address');
    expect(within(list).getByTestId('setup-printer')).toHaveTextContent('no printer chosen');
    expect(within(list).getByTestId('setup-printer')).toHaveTextContent('Choose a printer on the Printers screen.');
    await user.click(within(list).getByRole('button', { name: 'Open Printers' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Printers' })).toBeInTheDocument();
  });

  it('is gone once the address is in and the printer is ready', async () => {
    const { api } = fakeStation({ settingsGet: async () => ok(fakeSettingsView({ shipFrom: WAREHOUSE })) });
    renderWithStation(<App />, api);
    await screen.findByRole('heading', { name: 'Create label' });
    await waitFor(() => expect(screen.getByTestId('status-printer')).toHaveTextContent('Zebra_ZD421 ready'));
    expect(screen.queryByTestId('setup-checklist')).not.toBeInTheDocument();
  });

  it('shows the printer done and the address to do', async () => {
    const { api } = fakeStation();
    renderWithStation(<App />, api);
    const list = await screen.findByTestId('setup-checklist');
    expect(within(list).getByTestId('setup-printer')).toHaveAttribute('data-done', 'true');
    expect(within(list).getByTestId('setup-printer')).toHaveTextContent('Label printer Zebra_ZD421 is ready');
    expect(within(list).getByTestId('setup-ship-from')).toHaveAttribute('data-done', 'false');
  });
});

describe('the Printers screen shows the label printer as it reports itself', () => {
  it('its fault, the instruction, the platform’s words and where they came from; Check now asks again', async () => {
    const user = userEvent.setup();
    let answer = fakePrinterStatus({ faults: ['paper-out'], detail: 'media-empty-error', source: 'cups' });
    const printersStatus = vi.fn(async () => ok(answer));
    renderWithStation(<PrintersView />, fakeStation({ printersStatus }).api);
    const box = await screen.findByTestId('label-printer-status');
    await waitFor(() => expect(within(box).getByTestId('label-printer-state')).toHaveTextContent('Zebra_ZD421: out of labels'));
    expect(within(box).getByTestId('label-printer-action')).toHaveTextContent('Load labels into the printer.');
    expect(box).toHaveTextContent('media-empty-error');
    expect(box).toHaveTextContent('as CUPS reports it');
    answer = fakePrinterStatus({ source: 'zebra', target: '192.168.1.50:9100' });
    await user.click(within(box).getByRole('button', { name: 'Check now' }));
    await waitFor(() => expect(within(box).getByTestId('label-printer-state')).toHaveTextContent('192.168.1.50:9100 ready'));
    expect(box).toHaveTextContent('as the printer reports it');
  });

  it('never offers a "system default printer" the computer does not have', async () => {
    const { api } = fakeStation({
      printersList: async () => ok([{ name: 'Zebra_GK420d', isDefault: false, state: 'idle', accepting: true, message: null }]),
    });
    renderWithStation(<PrintersView />, api);
    const queue = await screen.findByLabelText('Queue');
    await waitFor(() =>
      expect(
        within(queue)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['Zebra_GK420d']),
    );
  });
});
