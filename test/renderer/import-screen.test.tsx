import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ImportView } from '../../renderer/src/features/orders/ImportView';
import type { Args } from '../../shared/contract';
import { MAX_UPLOAD_BYTES, type ImportOutcome } from '../../shared/domain/order-desk';
import { SHOPIFY_PRESET, TEMPLATE_PRESETS } from '../../shared/domain/order-csv-presets';
import { ok } from '../../shared/result';
import { fakeStation } from './fake-station';
import { order } from './order-fixtures';
import { renderWithStation } from './render';

/** The head of test/fixtures/orders' files (the screen reads only the header; the station is faked here). */
const FILES: Record<string, string> = {
  'shopify-orders-export.csv':
    '\uFEFFName,Email,Fulfillment Status,Currency,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Lineitem requires shipping\r\n#1001,ada@example.com,unfulfilled,USD,2,Speckled Mug - Blue,12.50,MUG-BLU,true\r\n',
  'spreadsheet-lines-semicolon.csv':
    'Order;Name;Company;Address 1;Address 2;City;State;Postal code;Country;Phone;Email;Currency;SKU;Item;Quantity;Price;Weight (g)\nB-2001;Jürgen Müller;;Hauptstraße 5;;Berlin;;10115;Germany;+49 30 1234567;jm@example.de;EUR;MUG-BLU;Becher blau;2;12,50;350\n',
};
const fixtureFile = (name: string) => new File([FILES[name]!], name, { type: 'text/csv' });

function report(over: Partial<ImportOutcome['report']> = {}): ImportOutcome['report'] {
  return {
    file: 'shopify-orders-export.csv',
    format: 'shopify-csv',
    preset: 'Shopify order export',
    policy: 'import-good-rows',
    accepted: true,
    rows: 9,
    imported: 2,
    skipped: [{ key: { source: 'shopify', externalId: '#1005' }, orderNumber: '#1005', reason: 'fulfilled', row: 8, cancelledAt: null }],
    problems: [],
    needsAttention: [
      {
        key: { source: 'shopify', externalId: '#1003' },
        orderNumber: '#1003',
        row: 5,
        items: [{ field: 'shipTo.address', reason: 'no-address', detail: '' }],
      },
    ],
    ...over,
  };
}

function setup() {
  const previews: Args<'orders:preview'>[] = [];
  const imports: Args<'orders:import'>[] = [];
  const uploads: Args<'imports:upload'>[] = [];
  const saved: Args<'orderPresets:save'>[] = [];
  const builtIn = [SHOPIFY_PRESET, ...TEMPLATE_PRESETS].map((preset) => ({ preset, builtIn: true, updatedAt: null }));
  const { api } = fakeStation({
    orderPresetsList: async () => ok(builtIn),
    orderPresetsSave: async (args) => {
      saved.push(args);
      return ok([
        ...builtIn,
        { preset: { ...SHOPIFY_PRESET, ...args.preset } as never, builtIn: false, updatedAt: '2026-11-20T08:00:00.000Z' },
      ]);
    },
    importsUpload: async (a) => {
      uploads.push(a);
      return ok({ uploadId: 'a'.repeat(32), size: a.offset + Math.floor((a.base64.length * 3) / 4) });
    },
    ordersPreview: async (args) => {
      previews.push(args);
      if (args.file.name.startsWith('spreadsheet') && !args.preset && !args.presetName)
        return ok({
          report: report({
            file: args.file.name,
            format: null,
            accepted: false,
            imported: 0,
            skipped: [],
            needsAttention: [],
            problems: [{ severity: 'error', code: 'unknown-layout', row: null, column: null, value: '', order: '', params: {} }],
          }),
          orders: [],
        });
      const noAddress = order(3, {
        shipTo: {
          contact: { firstName: 'Kim', lastName: 'Nowhere', phone: '', email: '' },
          company: '',
          address: { streetLines: [], city: '', state: '', postalCode: '', countryCode: '' },
        },
      });
      return ok({
        report: report({ file: args.file.name }),
        orders: [
          { order: order(1), row: 2, attention: [] },
          { order: noAddress, row: 5, attention: [{ field: 'shipTo.address', reason: 'no-address', detail: '' }] },
        ],
      });
    },
    ordersImport: async (args) => {
      imports.push(args);
      return ok({
        report: report(),
        stored:
          imports.length === 1
            ? { created: 2, updated: 0, unchanged: 0, keptLabelled: [], conflicts: [], cancelledAfterLabelling: [], closed: [] }
            : { created: 0, updated: 0, unchanged: 2, keptLabelled: [], conflicts: [], cancelledAfterLabelling: [], closed: [] },
      });
    },
  });
  const onShowOrders = vi.fn();
  renderWithStation(<ImportView onShowOrders={onShowOrders} />, api);
  return { previews, imports, uploads, saved, onShowOrders };
}

describe('the import screen', () => {
  it('previews a Shopify export before anything is saved, then imports it and reports what happened', async () => {
    const user = userEvent.setup();
    const { previews, imports } = setup();
    await user.upload(screen.getByLabelText('Order file (CSV or JSON)'), fixtureFile('shopify-orders-export.csv'));
    const preview = await screen.findByTestId('import-preview');
    expect(previews).toHaveLength(1);
    expect(previews[0]!.file).toMatchObject({ name: 'shopify-orders-export.csv' });
    expect(imports).toHaveLength(0);
    const rows = within(preview).getAllByTestId('preview-order');
    expect(rows[0]).toHaveTextContent('#1001');
    expect(rows[0]).toHaveTextContent('2 × Ink pen');
    expect(rows[0]).toHaveTextContent('Complete');
    expect(rows[1]).toHaveTextContent('no shipping address');
    expect(within(preview).getByTestId('preview-skipped')).toHaveTextContent('#1005 (row 8) is already fulfilled: skipped.');

    await user.click(screen.getByRole('button', { name: 'Import' }));
    const done = await screen.findByTestId('import-report');
    expect(within(done).getByTestId('import-count-created')).toHaveTextContent('2');
    expect(within(done).getByTestId('import-count-attention')).toHaveTextContent('1');
    expect(within(done).getByTestId('report-attention')).toHaveTextContent('#1003: no shipping address');
    expect(imports[0]).toMatchObject({ policy: 'import-good-rows' });
  });

  it('a CSV the station does not recognise opens the column mapping with its columns; the mapping is saved and used', async () => {
    const user = userEvent.setup();
    const { previews, saved } = setup();
    await user.upload(screen.getByLabelText('Order file (CSV or JSON)'), fixtureFile('spreadsheet-lines-semicolon.csv'));
    const editor = await screen.findByTestId('mapping-editor');
    expect(within(editor).getByText('Columns found in spreadsheet-lines-semicolon.csv')).toBeInTheDocument();
    expect(editor.querySelectorAll('#map-header option')).toHaveLength(17);
    // Nothing mapped yet: the editor says what it needs before asking the station.
    await user.click(within(editor).getByRole('button', { name: 'Save mapping' }));
    expect(within(editor).getByText('Choose the column that holds the quantity.')).toBeInTheDocument();
    expect(saved).toHaveLength(0);

    await user.type(within(editor).getByLabelText('Order number'), 'Order');
    await user.type(within(editor).getByLabelText('Recipient name (full)'), 'Name');
    await user.type(within(editor).getByLabelText('Item SKU'), 'SKU');
    await user.type(within(editor).getByLabelText('Item quantity'), 'Quantity');
    await user.type(within(editor).getByLabelText("Column that tells one order's rows from the next"), 'Order');
    await user.selectOptions(within(editor).getByLabelText('Decimal separator'), ',');
    await user.selectOptions(within(editor).getByLabelText('Weight unit in the file'), 'g');
    await user.click(within(editor).getByRole('button', { name: 'Save mapping' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]!.preset).toMatchObject({
      name: 'spreadsheet-lines-semicolon',
      source: 'spreadsheet',
      layout: 'line-per-row',
      decimalSeparator: ',',
      weightUnit: 'g',
      groupBy: ['Order'],
      columns: { orderNumber: ['Order'], recipientName: ['Name'], lineSku: ['SKU'], lineQuantity: ['Quantity'] },
    });
    await waitFor(() => expect(previews.at(-1)).toMatchObject({ presetName: 'spreadsheet-lines-semicolon' }));
    expect(await screen.findByText('Mapping "spreadsheet-lines-semicolon" saved.')).toBeInTheDocument();
  });

  it('sends a large file in pieces through imports:upload, again for the import', async () => {
    const user = userEvent.setup();
    const { previews, uploads, imports } = setup();
    const big = 'Name,Lineitem quantity,Lineitem name\n' + '#1001,1,Mug\n'.repeat(90_000);
    await user.upload(screen.getByLabelText('Order file (CSV or JSON)'), new File([big], 'shopify-big.csv', { type: 'text/csv' }));
    await screen.findByTestId('import-preview');
    const pieces = uploads.length;
    expect(pieces).toBeGreaterThanOrEqual(3);
    expect(uploads[0]!.uploadId).toBeUndefined();
    expect(uploads[1]).toMatchObject({ uploadId: 'a'.repeat(32), offset: 510 * 1024 });
    expect(previews[0]!.file).toEqual({ name: 'shopify-big.csv', uploadId: 'a'.repeat(32) });
    await user.click(screen.getByRole('button', { name: 'Import' }));
    await screen.findByTestId('import-report');
    expect(uploads).toHaveLength(pieces * 2);
    expect(imports[0]!.file).toEqual({ name: 'shopify-big.csv', uploadId: 'a'.repeat(32) });
  });

  it('importing the same file again says nothing changed', async () => {
    const user = userEvent.setup();
    setup();
    const input = screen.getByLabelText('Order file (CSV or JSON)');
    await user.upload(input, fixtureFile('shopify-orders-export.csv'));
    await user.click(await screen.findByRole('button', { name: 'Import' }));
    await screen.findByTestId('import-report');
    await user.click(screen.getByRole('button', { name: 'Import another file' }));
    await user.upload(input, fixtureFile('shopify-orders-export.csv'));
    await user.click(await screen.findByRole('button', { name: 'Import' }));
    const done = await screen.findByTestId('import-report');
    expect(within(done).getByTestId('import-count-created')).toHaveTextContent('0');
    expect(within(done).getByTestId('import-count-unchanged')).toHaveTextContent('2');
  });

  it('a file over the upload limit is refused with the limit before anything is read or sent', async () => {
    const user = userEvent.setup();
    const { previews, uploads } = setup();
    const huge = fixtureFile('shopify-orders-export.csv');
    // The size as the file picker reports it; the bytes are never read.
    Object.defineProperty(huge, 'size', { value: MAX_UPLOAD_BYTES + 1 });
    await user.upload(screen.getByLabelText('Order file (CSV or JSON)'), huge);
    expect(
      await screen.findByText(`This file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB. Split it into smaller files.`),
    ).toBeTruthy();
    expect(uploads).toHaveLength(0);
    expect(previews).toHaveLength(0);
  });
});
