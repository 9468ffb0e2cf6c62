/**
 * Issue 11, "Bounds and messages", at the form: a quantity or a parcel count
 * past the maximum is a field error and nothing is sent; a declared value
 * above the Settings threshold asks first (No by default); the messages the
 * packer reads are in the packer's language.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CreateLabelView } from '../../renderer/src/features/create-label/CreateLabelView';
import type { StationApi } from '../../shared/contract';
import type { LabelRequestInput } from '../../shared/domain/label-request';
import type { Language } from '../../shared/domain/settings';
import type { LabelCreateResult } from '../../shared/domain/shipment-detail';
import { ok } from '../../shared/result';
import { fakeSettingsView, fakeStation } from './fake-station';
import { renderWithStation } from './render';

const WAREHOUSE = {
  contact: { firstName: 'Ware', lastName: 'House', phone: '+81-3-0000-0000', email: undefined },
  address: { streetLines: ['1-1 Example'], city: 'Tokyo', state: undefined, postalCode: '100-0001', countryCode: 'JP' },
};

function setup(overrides: Partial<StationApi> = {}, language: Language = 'en', declaredValueConfirmAbove = 1_000) {
  const labelsCreate = vi.fn(async (_req: LabelRequestInput) =>
    ok<LabelCreateResult>({ shipmentId: 'shp-9', state: 'printed', trackingNumber: 'YT2503010001CN', error: null }),
  );
  const { api } = fakeStation({
    settingsGet: async () => ok(fakeSettingsView({ shipFrom: WAREHOUSE, declaredValueConfirmAbove })),
    ...overrides,
    labelsCreate,
  });
  renderWithStation(<CreateLabelView onOpenShipment={vi.fn()} />, api, language);
  return { labelsCreate };
}

const shipTo = () => within(screen.getByRole('group', { name: 'Ship to' }));

async function fill(user: UserEvent, { quantity = '1', unitPrice = '3.5' } = {}) {
  await waitFor(() => expect(shipTo().getByLabelText('First name')).toHaveFocus());
  await user.keyboard('Pat{Tab}Buyer{Tab}+1-555-0100{Tab}pat@example.com{Tab}1 Main St{Tab}{Tab}Los Angeles{Tab}CA{Tab}90001{Tab}');
  await user.selectOptions(shipTo().getByLabelText('Country (2 letters)'), 'US');
  await user.selectOptions(await screen.findByRole('combobox', { name: 'Courier' }), 'yunexpress');
  await user.selectOptions(await screen.findByRole('combobox', { name: 'Product' }), 'HKMUZXR');
  await user.type(screen.getByLabelText('Order number'), 'ORDER-1001');
  await user.type(screen.getByLabelText('Weight (kg)'), '0.5');
  await user.type(screen.getByLabelText('Description (English)'), 'Ink pen');
  await user.clear(screen.getByLabelText('Quantity'));
  await user.type(screen.getByLabelText('Quantity'), quantity);
  await user.type(screen.getByLabelText('Unit price'), unitPrice);
  await user.type(screen.getByLabelText('Unit weight (kg)'), '0.5');
}

beforeEach(() => localStorage.clear());

describe('create label: bounds', () => {
  it('refuses quantity 99,999,999,999 at the quantity box and sends nothing', async () => {
    const user = userEvent.setup();
    const { labelsCreate } = setup();
    await fill(user, { quantity: '99999999999' });
    await user.keyboard('{Enter}');
    const quantity = screen.getByLabelText('Quantity');
    await waitFor(() => expect(quantity).toHaveAccessibleDescription('The quantity can be at most 9,999.'));
    expect(quantity).toHaveFocus();
    expect(labelsCreate).not.toHaveBeenCalled();
  });

  it('refuses a 21st parcel at the parcels list and sends nothing', async () => {
    const user = userEvent.setup();
    const { labelsCreate } = setup();
    await fill(user);
    for (let i = 1; i <= 20; i++) await user.click(screen.getByRole('button', { name: 'Add parcel' }));
    await user.click(screen.getByRole('button', { name: 'Create label (Enter)' }));
    await waitFor(() => expect(screen.getByText(/One label can carry at most 20 parcels/)).toBeInTheDocument());
    expect(labelsCreate).not.toHaveBeenCalled();
  });
});

describe('create label: a declared value above the threshold asks first', () => {
  it('asks with No focused: Enter goes back to the price, and nothing is bought', async () => {
    const user = userEvent.setup();
    const { labelsCreate } = setup();
    await fill(user, { quantity: '10', unitPrice: '3500' });
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('alertdialog', { name: 'Declared value above $1,000.00' });
    expect(dialog).toHaveAccessibleDescription('This shipment declares $35,000.00 to customs. Is that right?');
    expect(within(dialog).getByRole('button', { name: 'No, check the prices' })).toHaveFocus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(screen.getByLabelText('Unit price')).toHaveFocus();
    expect(labelsCreate).not.toHaveBeenCalled();
  });

  it('buys the label when the packer says yes, with the value as typed', async () => {
    const user = userEvent.setup();
    const { labelsCreate } = setup();
    await fill(user, { quantity: '10', unitPrice: '3500' });
    await user.keyboard('{Enter}');
    await user.click(await screen.findByRole('button', { name: 'Yes, create the label' }));
    await waitFor(() => expect(labelsCreate).toHaveBeenCalledTimes(1));
    expect(labelsCreate.mock.calls[0]![0].shipment.parcels[0]!.items![0]!.unitPrice.amount).toBe(3500);
  });

  it('does not ask at or below the threshold set in Settings', async () => {
    const user = userEvent.setup();
    const { labelsCreate } = setup({}, 'en', 35_000);
    await fill(user, { quantity: '10', unitPrice: '3500' });
    await user.keyboard('{Enter}');
    await waitFor(() => expect(labelsCreate).toHaveBeenCalledTimes(1));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });
});

describe('create label: messages in the packer’s language', () => {
  it('says the phone and country problems in 繁體中文', async () => {
    const user = userEvent.setup();
    setup({}, 'zh-TW');
    const to = within(await screen.findByRole('group', { name: '收件人' }));
    await waitFor(() => expect(to.getByLabelText('名')).toHaveFocus());
    await user.keyboard('Pat{Tab}Buyer{Tab}12-3{Enter}');
    await waitFor(() => expect(to.getByLabelText('電話')).toHaveAccessibleDescription('電話號碼至少需要 5 位數字。'));
    expect(to.getByLabelText('國家/地區（2 個字母）')).toHaveAccessibleDescription(/^請從清單中選擇國家\/地區/);
  });
});
