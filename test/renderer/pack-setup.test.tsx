/**
 * The packing setup screen against a real station (core on its own SQLite
 * file, demo mode): the SKU catalogue (CSV preview with refused rows, import,
 * add/edit/delete with field messages, export), the boxes (units, barcode
 * uniqueness), ship-from addresses, defaults and courier rules.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useState } from 'react';
import { PackSetupView, type PackSetupTab } from '../../renderer/src/features/pack-setup/PackSetupView';
import { catalogueCsv } from '../../renderer/src/features/pack-setup/sku-form';
import { toBase64 } from '../../renderer/src/features/orders/file-transfer';
import type { StationApi } from '../../shared/contract';
import { renderWithStation } from './render';
import { PackView } from '../../renderer/src/features/orders/PackView';
import { ScanToastProvider } from '../../renderer/src/features/scan/ScanToast';

/**
 * test/helpers/real-station.ts runs the core (node types, SQLite): imported by
 * a path the renderer's type-check does not follow (the node project checks it).
 */
const REAL_STATION = '../helpers/real-station';
type RealStation = { api: StationApi; test: { dispose(): Promise<void> } };
const { startRealStation } = (await import(/* @vite-ignore */ REAL_STATION)) as { startRealStation(): Promise<RealStation> };

const CATALOGUE_CSV = [
  'SKU,English description,Local description,Unit weight,Unit value,Currency,HS code,Origin country',
  'MUG-BLU,Ceramic mug,陶瓷杯,350 g,,,6912.00,CN',
  'TOTE-1,"Cotton tote bag, printed",棉质手提袋,7 oz,4.00,USD,4202.92,IN',
  'PEN-9,Ink pen,,12,,,,',
  'CAP-1,Cap,,80 g,,,,XX',
].join('\r\n');

let api: StationApi;
let station: RealStation['test'];
beforeEach(async () => {
  ({ api, test: station } = await startRealStation());
});
afterEach(async () => {
  await station.dispose();
});

function Harness({ initial }: { initial: PackSetupTab }) {
  const [tab, setTab] = useState<PackSetupTab>(initial);
  return <PackSetupView tab={tab} onTab={setTab} />;
}
/** A catalogue row saved through the contract; fields not given are empty. */
const saveSku = (sku: string, fields: Partial<Parameters<StationApi['skusSave']>[0]['entry']>) =>
  api.skusSave({
    entry: { sku, descriptionEn: '', descriptionLocal: '', unitWeightKg: null, unitValue: null, hsCode: '', originCountry: '', ...fields },
  });
const open = (tab: PackSetupTab = 'catalogue') => renderWithStation(<Harness initial={tab} />, api);

async function skus() {
  const r = await api.skusList({ offset: 0, limit: 100 });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.items;
}

describe('SKU catalogue', () => {
  it('previews a CSV with the refused rows and why, stores nothing until Import, then lists the SKUs', async () => {
    const user = userEvent.setup();
    open();
    expect(await screen.findByText('The catalogue is empty. Import a CSV or add a SKU.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Import a CSV' }));
    await user.upload(screen.getByLabelText('Catalogue file'), new File([CATALOGUE_CSV], 'catalogue.csv', { type: 'text/csv' }));

    const preview = await screen.findByTestId('catalogue-preview', {}, { timeout: 10_000 });
    const rows = within(preview).getAllByTestId('catalogue-preview-row');
    expect(rows.map((r) => within(r).getAllByRole('cell')[1]!.textContent)).toEqual(['MUG-BLU', 'TOTE-1']);
    // 7 oz in kg, the value override with its currency.
    expect(rows[1]!.textContent).toContain('0.198');
    expect(rows[1]!.textContent).toContain('4.00 USD');
    const refused = within(preview).getByTestId('catalogue-preview-refused');
    const reasons = within(refused)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(reasons).toHaveLength(2);
    expect(reasons[0]).toMatch(/row 4.*Unit weight.*"12" has no unit/);
    expect(reasons[1]).toMatch(/row 5.*Origin country/);
    expect(within(preview).getByTestId('catalogue-count-refused').textContent).toContain('2');
    expect(await skus()).toEqual([]);

    await user.click(within(preview).getByRole('button', { name: 'Import 2 SKUs' }));
    const report = await screen.findByTestId('catalogue-report');
    expect(within(report).getByTestId('catalogue-count-added').textContent).toContain('2');
    expect(within(report).getAllByRole('listitem')).toHaveLength(2);
    expect(document.activeElement).toBe(within(report).getByRole('heading', { name: 'Catalogue import report' }));
    expect((await skus()).map((s) => s.sku).sort()).toEqual(['MUG-BLU', 'TOTE-1']);

    await user.click(within(report).getByRole('button', { name: 'Back to the catalogue' }));
    const table = await screen.findByRole('table', { name: 'SKU catalogue, 2 rows' });
    expect(within(table).getByRole('rowheader', { name: 'MUG-BLU' })).toBeTruthy();
    expect(within(table).getByText('陶瓷杯')).toBeTruthy();
  });

  it('says what to fix in each field, refuses a SKU already there, and saves a good one', async () => {
    const user = userEvent.setup();
    await saveSku('MUG-BLU', { descriptionEn: 'Ceramic mug', unitWeightKg: 0.35 });
    open();
    await screen.findByRole('table', { name: 'SKU catalogue, 1 row' });
    await user.click(screen.getByRole('button', { name: 'Add a SKU' }));
    const form = screen.getByTestId('sku-form');
    await user.type(within(form).getByLabelText('Unit weight'), 'heavy');
    await user.type(within(form).getByLabelText('HS code'), '12');
    await user.click(within(form).getByRole('button', { name: 'Save' }));

    expect(within(form).getByRole('alert').textContent).toBe('Fix the 4 fields marked below, then save again.');
    const sku = within(form).getByLabelText('SKU');
    expect(sku.getAttribute('aria-invalid')).toBe('true');
    expect(sku.getAttribute('aria-describedby')).toContain('sku-sku-error');
    expect(within(form).getByText('Enter a number above 0, e.g. 0.35, or leave it empty.')).toBeTruthy();
    expect(within(form).getByText('Enter 6 to 10 digits, e.g. 6912.00, or leave it empty.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(sku));

    await user.type(sku, 'MUG-BLU');
    await user.type(within(form).getByLabelText('English description (for customs)'), 'Blue mug');
    const weight = within(form).getByLabelText('Unit weight');
    await user.clear(weight);
    await user.type(weight, '350');
    await user.selectOptions(within(form).getByLabelText('Weight unit'), 'g');
    await user.clear(within(form).getByLabelText('HS code'));
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('The SKU MUG-BLU is already in the catalogue. Edit that row, or use another SKU.')).toBeTruthy();
    expect((await skus()).map((s) => s.descriptionEn)).toEqual(['Ceramic mug']);

    await user.clear(sku);
    await user.type(sku, 'MUG-NAVY');
    await user.selectOptions(within(form).getByLabelText('Origin country'), 'CN');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('SKU MUG-NAVY saved.')).toBeTruthy();
    const saved = (await skus()).find((s) => s.sku === 'MUG-NAVY');
    expect(saved).toMatchObject({ descriptionEn: 'Blue mug', unitWeightKg: 0.35, originCountry: 'CN' });
    expect(await screen.findByRole('table', { name: 'SKU catalogue, 2 rows' })).toBeTruthy();
  });

  it('edits a row from the keyboard, deletes after a second press, and exports what it holds', async () => {
    const user = userEvent.setup();
    await saveSku('PEN-1', { descriptionEn: 'Ink pen' });
    await saveSku('PEN-2', {
      descriptionEn: 'Pen, "gel"',
      descriptionLocal: '笔',
      unitWeightKg: 0.02,
      unitValue: { amount: 1.5, currency: 'EUR' },
      hsCode: '9608.10',
      originCountry: 'DE',
    });
    open();
    const table = await screen.findByRole('table', { name: 'SKU catalogue, 2 rows' });
    expect(within(table).getByText('not set')).toBeTruthy();
    await user.click(screen.getByRole('searchbox'));
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement?.getAttribute('data-sku')).toBe('PEN-1');
    await user.keyboard('{Enter}');
    const form = await screen.findByRole('form', { name: 'Edit SKU PEN-1' });
    await user.type(within(form).getByLabelText('Unit weight'), '0.015');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await screen.findByText('SKU PEN-1 saved.');
    expect((await skus()).find((s) => s.sku === 'PEN-1')?.unitWeightKg).toBe(0.015);

    await user.click(screen.getByRole('button', { name: 'Delete PEN-1' }));
    expect(screen.getByText('Delete PEN-1? Press Delete again to confirm.')).toBeTruthy();
    expect((await skus()).length).toBe(2);
    await user.click(screen.getByRole('button', { name: 'Delete PEN-1' }));
    await screen.findByText('SKU PEN-1 deleted.');
    expect((await skus()).map((s) => s.sku)).toEqual(['PEN-2']);

    // The export is the CSV the import reads back: same SKUs, same values.
    const csv = catalogueCsv(await skus());
    const r = await api.skusImport({ file: { name: 'back.csv', base64: toBase64(new TextEncoder().encode(csv)) }, dryRun: true });
    expect(r.ok && r.value).toMatchObject({ accepted: true, added: 0, updated: 0, unchanged: 1, problems: [] });
  });
});

describe('boxes', () => {
  it('adds a box in cm and kg, and refuses a barcode another box has, naming that box', async () => {
    const user = userEvent.setup();
    open('boxes');
    await screen.findByText('No box yet. Add the boxes your bench uses.');
    await user.click(screen.getByRole('button', { name: 'Add a box' }));
    let form = screen.getByTestId('box-form');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(within(form).getByRole('alert').textContent).toBe('Fix the 5 fields marked below, then save again.');
    expect(within(form).getAllByText('Enter the inside measure in cm, above 0, e.g. 30.')).toHaveLength(3);

    await user.type(within(form).getByLabelText('Name'), 'Small');
    await user.type(within(form).getByLabelText('Inside length (cm)'), '30');
    await user.type(within(form).getByLabelText('Inside width (cm)'), '20');
    await user.type(within(form).getByLabelText('Inside height (cm)'), '10,5');
    await user.type(within(form).getByLabelText('Empty weight (kg)'), '0.2');
    await user.type(within(form).getByLabelText('Barcode (optional)'), 'BOX-S');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await screen.findByText('Box Small saved.');
    const table = screen.getByRole('table', { name: 'Boxes' });
    expect(within(table).getByRole('columnheader', { name: 'Inside L × W × H (cm)' })).toBeTruthy();
    expect(within(table).getByText('30 × 20 × 10.5')).toBeTruthy();
    const box = await api.boxesList();
    expect(box.ok && box.value).toMatchObject([
      { name: 'Small', innerCm: { length: 30, width: 20, height: 10.5 }, tareKg: 0.2, barcode: 'BOX-S' },
    ]);

    await user.click(screen.getByRole('button', { name: 'Add a box' }));
    form = screen.getByTestId('box-form');
    for (const [label, v] of [
      ['Name', 'Large'],
      ['Inside length (cm)', '60'],
      ['Inside width (cm)', '40'],
      ['Inside height (cm)', '40'],
      ['Empty weight (kg)', '0.8'],
      ['Barcode (optional)', 'box-s'],
    ])
      await user.type(within(form).getByLabelText(label!), v!);
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(within(form).getByText('The box "Small" already has this barcode. Give this box another one.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(within(form).getByLabelText('Barcode (optional)')));
    await user.clear(within(form).getByLabelText('Barcode (optional)'));
    await user.type(within(form).getByLabelText('Barcode (optional)'), '%SHIP');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(within(form).getByText('A barcode cannot start with %: that prefix is kept for the command barcodes.')).toBeTruthy();
    await user.clear(within(form).getByLabelText('Barcode (optional)'));
    await user.type(within(form).getByLabelText('Barcode (optional)'), 'BOX-L');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await screen.findByText('Box Large saved.');
    expect(screen.getAllByTestId('box-row')).toHaveLength(2);
  });
});

describe('ship-from and defaults', () => {
  it('adds the default ship-from address, then saves defaults and a courier rule the station reads back', async () => {
    const user = userEvent.setup();
    open('station');
    await screen.findByText('No ship-from address yet: orders cannot be labelled until one is added.');
    await user.click(screen.getByRole('button', { name: 'Add an address' }));
    const form = screen.getByTestId('address-form');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(within(form).getByText('Name the address, e.g. "Main warehouse".')).toBeTruthy();
    await user.type(within(form).getByLabelText('Name of the address'), 'Main warehouse');
    for (const [label, v] of [
      ['First name', 'Ware'],
      ['Last name', 'House'],
      ['Phone', '+852-3000-0000'],
      ['Street', '8 Cargo Road'],
      ['City', 'Hong Kong'],
      ['Postal code', '999077'],
    ])
      await user.type(within(form).getByLabelText(label!), v!);
    await user.selectOptions(within(form).getByLabelText('Country (2 letters)'), 'HK');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await screen.findByText('Address Main warehouse saved.');
    const addresses = await api.shipFromList();
    expect(addresses.ok && addresses.value).toMatchObject([
      { name: 'Main warehouse', isDefault: true, party: { address: { city: 'Hong Kong', countryCode: 'HK' } } },
    ]);

    const defaults = await screen.findByTestId('defaults-form');
    const courier = within(defaults).getByLabelText('Courier');
    if (courier.tagName === 'SELECT') await user.selectOptions(courier, 'yunexpress');
    else await user.type(courier, 'yunexpress');
    await user.click(within(defaults).getByRole('button', { name: 'Add a rule' }));
    const rule = within(defaults).getByRole('listitem', { name: 'Rule 1' });
    await waitFor(() => expect(document.activeElement).toBe(within(rule).getByLabelText('Destination countries')));
    await user.type(within(rule).getByLabelText('Destination countries'), 'US, QQ');
    await user.type(within(rule).getByLabelText('From (kg)'), '2');
    await user.type(within(rule).getByLabelText('Up to (kg)'), '1');
    await user.click(within(defaults).getByRole('button', { name: 'Save' }));
    expect(within(rule).getByText('Unknown country code: QQ. Use two-letter ISO codes, e.g. US, DE.')).toBeTruthy();
    expect(within(rule).getByText('The upper weight must be above the lower one.')).toBeTruthy();
    await user.clear(within(rule).getByLabelText('Destination countries'));
    await user.type(within(rule).getByLabelText('Destination countries'), 'us ca');
    await user.clear(within(rule).getByLabelText('Up to (kg)'));
    await user.type(within(rule).getByLabelText('Up to (kg)'), '30');
    const product = within(rule).getByLabelText('Product');
    if (product.tagName === 'INPUT') await user.type(product, 'YEXP02');
    else await user.selectOptions(product, within(product).getAllByRole('option')[1]!);
    await user.click(within(defaults).getByLabelText('Ship on scan: the first scan of a ready order prints its label'));
    await user.click(within(defaults).getByRole('button', { name: 'Save' }));
    await within(defaults).findByText('Defaults saved.');
    const saved = await api.stationDefaultsGet();
    expect(saved.ok && saved.value).toMatchObject({
      courier: 'yunexpress',
      shipOnScan: true,
      rules: [{ countries: ['US', 'CA'], minWeightKg: 2, maxWeightKg: 30, courier: 'yunexpress' }],
    });
  });

  it('the watched folder needs a path, and a folder the station cannot use is refused under the field with its reason', async () => {
    const user = userEvent.setup();
    open('station');
    const defaults = await screen.findByTestId('defaults-form');
    await user.click(within(defaults).getByLabelText('Watch a folder for order files'));
    await user.click(within(defaults).getByRole('button', { name: 'Save' }));
    const folder = within(defaults).getByLabelText('Folder on this computer');
    expect(within(defaults).getByText('Enter the folder’s full path, or turn the watched folder off.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(folder));
    await user.type(folder, '/nonexistent/station-orders-in');
    await user.selectOptions(within(defaults).getByLabelText('When some rows cannot be read'), 'all-or-nothing');
    await user.click(within(defaults).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(folder.getAttribute('aria-invalid')).toBe('true'));
    expect(within(defaults).getByRole('alert').textContent).toContain('/nonexistent/station-orders-in cannot be watched');
    const saved = await api.stationDefaultsGet();
    expect(saved.ok && saved.value).toMatchObject({ watchedFolder: null, importPolicy: 'import-good-rows' });
  });

  it('moves between the tabs with the arrow keys', async () => {
    const user = userEvent.setup();
    open();
    const tab = await screen.findByRole('tab', { name: 'SKU catalogue' });
    expect(tab.getAttribute('aria-selected')).toBe('true');
    tab.focus();
    await user.keyboard('{ArrowRight}');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Boxes' })));
    expect(screen.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe('pack-setup-tab-boxes');
    await user.keyboard('{End}');
    await waitFor(() => expect(screen.getByRole('tab', { name: 'Ship-from and defaults' }).getAttribute('aria-selected')).toBe('true'));
  });

  it('keeps a half-filled form while another tab is looked at, and the default box list follows the Boxes tab', async () => {
    const user = userEvent.setup();
    open();
    await user.click(await screen.findByRole('button', { name: 'Add a SKU' }));
    await user.type(screen.getByLabelText('SKU'), 'HALF-1');
    await user.click(screen.getByRole('tab', { name: 'Ship-from and defaults' }));
    expect(await screen.findByRole('combobox', { name: 'Default box' })).toBeTruthy();
    expect(screen.queryByRole('option', { name: 'Tiny' })).toBeNull();
    await user.click(screen.getByRole('tab', { name: 'Boxes' }));
    await api.boxesSave({ box: { name: 'Tiny', innerCm: { length: 10, width: 10, height: 5 }, tareKg: 0.05, barcode: '' } });
    await user.click(screen.getByRole('tab', { name: 'Ship-from and defaults' }));
    expect(await screen.findByRole('option', { name: 'Tiny' })).toBeTruthy();
    await user.click(screen.getByRole('tab', { name: 'SKU catalogue' }));
    expect((screen.getByLabelText('SKU') as HTMLInputElement).value).toBe('HALF-1');
  });
});

describe('pack screen line weights', () => {
  it('an order whose SKU has no weight opens on that line; the weight typed there goes into the catalogue and the order is ready', async () => {
    const user = userEvent.setup();
    await saveSku('MUG-BLU', { descriptionEn: 'Ceramic mug' });
    await saveSku('PEN-1', { descriptionEn: 'Ink pen', unitWeightKg: 0.02 });
    const boxes = await api.boxesSave({
      box: { name: 'Small', innerCm: { length: 30, width: 20, height: 10 }, tareKg: 0.2, barcode: 'BOX-S' },
    });
    await api.shipFromSave({
      address: {
        name: 'HK',
        makeDefault: true,
        party: {
          contact: { firstName: 'Ware', lastName: 'House', phone: '+852-3000-0000', email: '' },
          address: { streetLines: ['8 Cargo Road'], city: 'Hong Kong', postalCode: '999077', countryCode: 'HK' },
        },
      },
    });
    await api.stationDefaultsUpdate({ courier: 'yunexpress', productCode: 'YEXP01', boxId: boxes.ok ? boxes.value[0]!.id : null });
    const json = JSON.stringify({
      format: 'shipping-station.orders',
      version: 1,
      source: 'erp',
      orders: [
        {
          externalId: 'SO-1',
          orderNumber: 'SO-10023',
          shipTo: {
            contact: { firstName: 'Ana', lastName: 'Buyer', phone: '+44 113 496 0000' },
            address: { streetLines: ['22 High Street'], city: 'Leeds', postalCode: 'LS1 4AP', countryCode: 'GB' },
          },
          currency: 'USD',
          lines: [
            { sku: 'MUG-BLU', name: 'Speckled Mug', quantity: 2, unitPrice: 12.5 },
            { sku: 'PEN-1', name: 'Pen', quantity: 1, unitPrice: 2 },
          ],
        },
      ],
    });
    const imported = await api.ordersImport({ file: { name: 'erp.json', base64: toBase64(new TextEncoder().encode(json)) } });
    expect(imported.ok).toBe(true);
    const list = await api.ordersList({ offset: 0, limit: 10 });
    const id = list.ok ? list.value.items[0]!.id : '';
    renderWithStation(
      <ScanToastProvider sound={false}>
        <PackView id={id} onOpenShipment={() => {}} onBack={() => {}} onDone={() => {}} onCommandSheet={() => {}} />
      </ScanToastProvider>,
      api,
    );
    const input = await screen.findByLabelText('Unit weight of MUG-BLU in kg');
    await waitFor(() => expect(document.activeElement).toBe(input));
    // A line whose SKU has a weight offers to change it instead.
    expect(screen.getByRole('button', { name: 'Change the unit weight of PEN-1' })).toBeTruthy();

    await user.type(input, 'heavy{Enter}');
    expect(screen.getByText('Enter the weight of one unit in kg, above 0, e.g. 0.35.')).toBeTruthy();
    await user.clear(input);
    await user.type(input, '0,35{Enter}');
    expect(await screen.findByText('Unit weight of MUG-BLU saved in the catalogue: 0.35 kg.')).toBeTruthy();
    expect((await skus()).find((s) => s.sku === 'MUG-BLU')).toMatchObject({ unitWeightKg: 0.35, descriptionEn: 'Ceramic mug' });
    await waitFor(() => expect(screen.getByTestId('pack-missing').textContent).toContain('Nothing is missing'));
    // 2 × 0.35 + 0.02 + the box's 0.2.
    expect((screen.getByLabelText('Weight (kg)', { exact: true }) as HTMLInputElement).value).toBe('0.92');
  });

  it('a line whose SKU is not in the catalogue is named, and its button opens the add form with that SKU', async () => {
    const user = userEvent.setup();
    const json = JSON.stringify({
      format: 'shipping-station.orders',
      version: 1,
      source: 'erp',
      orders: [
        {
          externalId: 'SO-2',
          orderNumber: 'SO-10024',
          shipTo: {
            contact: { firstName: 'Ana', lastName: 'Buyer', phone: '+44 113 496 0000' },
            address: { streetLines: ['22 High Street'], city: 'Leeds', postalCode: 'LS1 4AP', countryCode: 'GB' },
          },
          currency: 'USD',
          lines: [{ sku: 'NEW-9', name: 'Notebook', quantity: 1, unitPrice: 4 }],
        },
      ],
    });
    await api.ordersImport({ file: { name: 'erp.json', base64: toBase64(new TextEncoder().encode(json)) } });
    const list = await api.ordersList({ offset: 0, limit: 10 });
    const id = list.ok ? list.value.items[0]!.id : '';
    const onAddSku = vi.fn();
    const view = renderWithStation(
      <ScanToastProvider sound={false}>
        <PackView id={id} onOpenShipment={() => {}} onBack={() => {}} onDone={() => {}} onCommandSheet={() => {}} onAddSku={onAddSku} />
      </ScanToastProvider>,
      api,
    );
    expect(await screen.findByText(/NEW-9 is not in the SKU catalogue/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Add NEW-9 to the catalogue' }));
    expect(onAddSku).toHaveBeenCalledWith('NEW-9');
    view.unmount();

    const onBackToOrder = vi.fn();
    renderWithStation(<PackSetupView tab="catalogue" onTab={() => {}} addSku="NEW-9" onBackToOrder={onBackToOrder} />, api);
    const form = await screen.findByRole('form', { name: 'Add a SKU' });
    expect((within(form).getByLabelText('SKU') as HTMLInputElement).value).toBe('NEW-9');
    await user.type(within(form).getByLabelText('English description (for customs)'), 'Paper notebook');
    await user.type(within(form).getByLabelText('Unit weight'), '0.25');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await screen.findByText('SKU NEW-9 saved.');
    const detail = await api.ordersGet({ id });
    expect(detail.ok && detail.value.missing.filter((m) => m.field.startsWith('lines.'))).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Back to the order' }));
    expect(onBackToOrder).toHaveBeenCalled();
  });
});
