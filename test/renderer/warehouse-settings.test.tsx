/**
 * Settings › Warehouse database and the site view (issue 15), as an admin
 * sees them: what is missing is marked before anything is sent, Test
 * connection shows the station's answer, Save sends the password once and
 * says to restart, the environment variable is said to win, the move-in
 * report is shown, and the site view lists the stations and the database.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/src/app/App';
import { WarehouseSettings } from '../../renderer/src/features/settings/WarehouseSettings';
import { SiteView } from '../../renderer/src/features/site/SiteView';
import type { MoveInReport } from '../../shared/domain/move-in';
import type { ConnectReason, SiteView as Site, WarehouseSettingsView } from '../../shared/domain/warehouse';
import { err, ok } from '../../shared/result';
import { fakeStation, fakeWarehouseSettings } from './fake-station';
import { renderWithStation } from './render';

const PARTS = { url: null, host: 'db.warehouse.lan', port: 5432, database: 'shipping', user: 'station', sslmode: null, caFile: null };

describe('Settings › Warehouse database', () => {
  it('marks what is missing, tests the typed connection, saves it with the password once and says to restart', async () => {
    const user = userEvent.setup();
    const base = fakeStation().api;
    const warehouseTestConnection = vi.fn(async () =>
      ok({
        ok: false,
        location: 'station@db.warehouse.lan:5432/shipping',
        message:
          'The warehouse database refused station@db.warehouse.lan:5432/shipping: wrong user or password, or this station is not allowed in (pg_hba.conf).',
        reason: { key: 'auth' as const, params: { location: 'station@db.warehouse.lan:5432/shipping' } },
        serverVersion: null,
        schemaVersion: null,
        stationSchemaVersion: 150,
        latencyMs: null,
      }),
    );
    const warehouseSaveSettings = vi.fn(base.warehouseSaveSettings);
    renderWithStation(<WarehouseSettings />, fakeStation({ warehouseTestConnection, warehouseSaveSettings }).api);
    const section = within(await screen.findByRole('region', { name: 'Warehouse database' }));
    expect(section.getByTestId('warehouse-running')).toHaveTextContent(
      'This station now keeps its data in its own file: /tmp/shipments.sqlite',
    );
    expect(section.queryByTestId('warehouse-env')).toBeNull();

    // Nothing typed: each missing field is said, nothing is sent.
    await user.click(section.getByRole('button', { name: 'Save connection' }));
    expect(section.getByLabelText('Host')).toHaveAttribute('aria-invalid', 'true');
    expect(section.getByLabelText('Host')).toHaveAccessibleDescription(/Enter the database host, e.g. db.warehouse.lan./);
    expect(section.getByLabelText('Database')).toHaveAccessibleDescription('Enter the database name, e.g. shipping.');
    expect(section.getByTestId('warehouse-error')).toHaveTextContent('Fix the connection fields marked below.');
    expect(warehouseSaveSettings).not.toHaveBeenCalled();

    await user.type(section.getByLabelText('Host'), 'db.warehouse.lan');
    await user.type(section.getByLabelText('Database'), 'shipping');
    await user.type(section.getByLabelText('User'), 'station');
    await user.type(section.getByLabelText('Password'), 'typed-secret');
    await user.click(section.getByRole('button', { name: 'Test connection' }));
    await waitFor(() => expect(section.getByTestId('warehouse-error')).toHaveTextContent(/It does not work yet: .*wrong user or password/));
    expect(warehouseTestConnection).toHaveBeenCalledWith({
      host: 'db.warehouse.lan',
      port: 5432,
      database: 'shipping',
      user: 'station',
      password: 'typed-secret',
    });

    await user.click(section.getByRole('button', { name: 'Save connection' }));
    await waitFor(() => expect(section.getByTestId('warehouse-note')).toHaveTextContent('Warehouse connection saved.'));
    expect(warehouseSaveSettings).toHaveBeenCalledWith({ connection: PARTS, password: 'typed-secret' });
    expect(section.getByLabelText('Password')).toHaveValue('');
    expect(section.getByTestId('warehouse-restart')).toHaveTextContent('Saved. Restart the station to connect to this database');
    expect(section.getByTestId('warehouse-password-state')).toHaveTextContent('A password is kept for this connection.');
  });

  it('tests a saved connection with the station’s own password, and puts a refused field’s reason beside it', async () => {
    const user = userEvent.setup();
    const saved: WarehouseSettingsView = {
      ...fakeWarehouseSettings(),
      saved: { ...PARTS, sslmode: 'verify-full', caFile: '/etc/ca.pem' },
      hasPassword: true,
      passwordProtection: 'encrypted',
    };
    const warehouseTestConnection = vi.fn(async () =>
      ok({
        ok: true,
        location: 'station@db.warehouse.lan:5432/shipping',
        message: 'Connected to PostgreSQL 16.4 at station@db.warehouse.lan:5432/shipping; the database is ready.',
        reason: { key: 'ready' as const, params: { version: '16.4', location: 'station@db.warehouse.lan:5432/shipping' } },
        serverVersion: '16.4',
        schemaVersion: 150,
        stationSchemaVersion: 150,
        latencyMs: 2,
      }),
    );
    const message = 'The warehouse database’s CA certificate file /etc/ca.pem does not exist: give the path of its PEM file.';
    const warehouseSaveSettings = vi.fn(async () => err('INVALID_ARGUMENT', message, [{ field: 'caFile', message }]));
    renderWithStation(
      <WarehouseSettings />,
      fakeStation({ warehouseSettings: async () => ok(saved), warehouseTestConnection, warehouseSaveSettings }).api,
    );
    const section = within(await screen.findByRole('region', { name: 'Warehouse database' }));
    expect(section.getByLabelText('Host')).toHaveValue('db.warehouse.lan');
    expect(section.getByLabelText('Encryption (TLS)')).toHaveValue('verify-full');
    expect(section.getByTestId('warehouse-password-state')).toHaveTextContent('encrypted by this computer’s keychain');
    await user.click(section.getByRole('button', { name: 'Test connection' }));
    await waitFor(() => expect(section.getByTestId('warehouse-note')).toHaveTextContent('It works: Connected to PostgreSQL 16.4'));
    expect(warehouseTestConnection).toHaveBeenCalledWith({
      host: 'db.warehouse.lan',
      port: 5432,
      database: 'shipping',
      user: 'station',
      sslmode: 'verify-full',
      caFile: '/etc/ca.pem',
      useSavedPassword: true,
    });
    await user.click(section.getByRole('button', { name: 'Save connection' }));
    await waitFor(() => expect(section.getByLabelText('CA certificate file (PEM)')).toHaveAttribute('aria-invalid', 'true'));
    expect(section.getByText(message, { selector: '.field-error' })).toBeInTheDocument();
    // No password typed: none sent, the saved one stays.
    expect(warehouseSaveSettings).toHaveBeenCalledWith({ connection: { ...PARTS, sslmode: 'verify-full', caFile: '/etc/ca.pem' } });
  });

  it('in 简体中文 says what Test connection found in Chinese; only the server’s own words stay English (lang="en")', async () => {
    const user = userEvent.setup();
    const location = 'station@db.warehouse.lan:5432/shipping';
    const answers: ConnectReason[] = [
      { key: 'auth', params: { location } },
      { key: 'certificate', params: { location, detail: 'self-signed certificate in certificate chain' } },
      { key: 'ready', params: { version: '16.4', location } },
    ];
    const warehouseTestConnection = vi.fn(async () => {
      const reason = answers.shift()!;
      return ok({
        ok: reason.key === 'ready',
        location,
        message: 'English only for the log',
        reason,
        serverVersion: null,
        schemaVersion: null,
        stationSchemaVersion: 150,
        latencyMs: null,
      });
    });
    const saved: WarehouseSettingsView = { ...fakeWarehouseSettings(), saved: PARTS, hasPassword: true, passwordProtection: 'encrypted' };
    renderWithStation(
      <WarehouseSettings />,
      fakeStation({ warehouseSettings: async () => ok(saved), warehouseTestConnection }).api,
      'zh-CN',
    );
    const section = within(await screen.findByRole('region', { name: '仓库数据库' }));
    const test = section.getByRole('button', { name: '测试连接' });

    await user.click(test);
    const error = section.getByTestId('warehouse-error');
    await waitFor(() => expect(error).toHaveTextContent(`暂时无法连接：仓库数据库拒绝了 ${location}：用户名或密码错误`));
    expect(error).not.toHaveTextContent('English only for the log');
    expect(error.querySelector('[lang="en"]')).toBeNull();

    await user.click(test);
    await waitFor(() => expect(error).toHaveTextContent('仓库数据库的 TLS 证书未被接受'));
    expect(error.querySelector('[lang="en"]')).toHaveTextContent('self-signed certificate in certificate chain');

    await user.click(test);
    await waitFor(() =>
      expect(section.getByTestId('warehouse-note')).toHaveTextContent(
        `连接成功：已连接到 ${location} 上的 PostgreSQL 16.4；数据库已就绪。`,
      ),
    );
  });

  it('says the environment variable wins, what the site shares, opens the site view, and shows the move-in report', async () => {
    const user = userEvent.setup();
    const view: WarehouseSettingsView = {
      ...fakeWarehouseSettings(),
      environmentSet: true,
      running: { mode: 'warehouse', source: 'environment', location: 'station@db.warehouse.lan:5432/shipping' },
    };
    const report: MoveInReport = {
      moved: true,
      labels: { found: 3, leftForReprint: 1, unfinished: [] },
      tables: [
        { table: 'shipments', found: 3, copied: 2, alreadyThere: 1, keptWarehouse: 0, conflicts: 0 },
        { table: 'orders', found: 5, copied: 5, alreadyThere: 0, keptWarehouse: 0, conflicts: 0 },
      ],
      conflicts: [],
      unknownTables: [],
      durationMs: 120,
    };
    const onOpenSite = vi.fn();
    renderWithStation(
      <WarehouseSettings onOpenSite={onOpenSite} />,
      fakeStation({ warehouseSettings: async () => ok(view), warehouseMoveIn: async () => ok(report) }).api,
    );
    const section = within(await screen.findByRole('region', { name: 'Warehouse database' }));
    expect(section.getByTestId('warehouse-running')).toHaveTextContent(
      'connected to the warehouse database station@db.warehouse.lan:5432/shipping (set by the STATION_WAREHOUSE_URL environment variable)',
    );
    expect(section.getByTestId('warehouse-env')).toHaveTextContent(
      'The STATION_WAREHOUSE_URL environment variable is set on this computer: it wins over what is saved here.',
    );
    expect(section.getByTestId('warehouse-shared')).toHaveTextContent(/Shared by every station of the site .*shipments/);
    expect(section.getByTestId('warehouse-shared')).toHaveTextContent(/This station’s own .*printers/);

    await user.click(section.getByRole('button', { name: 'Open the site view' }));
    expect(onOpenSite).toHaveBeenCalledOnce();

    await user.click(section.getByRole('button', { name: 'Move this station in' }));
    const shown = within(await section.findByTestId('move-in-report'));
    expect(shown.getByText('Moved in: 7 rows copied, 1 already there, 0 kept from the warehouse, 0 in conflict.')).toBeInTheDocument();
    expect(shown.getByText('Labels left for a reprint: 1')).toBeInTheDocument();
    expect(shown.getByRole('row', { name: /orders 5 5 0 0 0/ })).toBeInTheDocument();
  });

  it('speaks Chinese, the station’s English words marked as English', async () => {
    const view: WarehouseSettingsView = { ...fakeWarehouseSettings(), saved: PARTS, restartNeeded: true };
    renderWithStation(<WarehouseSettings />, fakeStation({ warehouseSettings: async () => ok(view) }).api, 'zh-CN');
    const section = within(await screen.findByRole('region', { name: '仓库数据库' }));
    expect(section.getByLabelText('主机')).toHaveValue('db.warehouse.lan');
    expect(section.getByTestId('warehouse-restart')).toHaveTextContent('已保存。请重新启动工作站以连接此数据库');
    expect(section.getByRole('button', { name: '测试连接' })).toBeInTheDocument();
    expect(section.getByTestId('warehouse-running').querySelector('[lang="en"]')).toHaveTextContent('/tmp/shipments.sqlite');
  });
});

describe('site view', () => {
  const site: Site = {
    mode: 'warehouse',
    location: 'station@db.warehouse.lan:5432/shipping',
    thisStationId: 'a',
    reachable: true,
    message: null,
    lagMs: 3.4,
    clockOffsetMs: -120,
    stations: [
      {
        id: 'a',
        name: 'Bench 1',
        version: '1.4.0',
        startedAt: new Date().toISOString(),
        lastSeenAt: new Date().toISOString(),
        connected: true,
        polls: 1200,
        lastPollAt: new Date().toISOString(),
        polling: true,
      },
      {
        id: 'b',
        name: 'Bench 2',
        version: '1.4.0',
        startedAt: new Date().toISOString(),
        lastSeenAt: new Date(Date.now() - 600_000).toISOString(),
        connected: false,
        polls: 3,
        lastPollAt: null,
        polling: false,
      },
    ],
  };

  it('lists the stations (which one polls, which is gone), the database’s reachability, round trip and clock offset; refreshes', async () => {
    const user = userEvent.setup();
    const siteView = vi.fn(async () => ok(site));
    renderWithStation(<SiteView />, fakeStation({ siteView }).api);
    const table = within(await screen.findByTestId('site-stations'));
    expect(table.getByRole('row', { name: /Bench 1 \(this station\) Connected Polling 1,200/ })).toBeInTheDocument();
    expect(table.getByRole('row', { name: /Bench 2 Not connected — 3/ })).toBeInTheDocument();
    const db = screen.getByTestId('site-database');
    expect(db).toHaveTextContent('station@db.warehouse.lan:5432/shipping · Reachable');
    expect(db).toHaveTextContent('Round trip3 ms');
    expect(db).toHaveTextContent('-120 ms');

    siteView.mockResolvedValueOnce(
      ok({
        ...site,
        reachable: false,
        message: 'The warehouse database at station@db.warehouse.lan:5432/shipping refused the connection.',
        stations: [],
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(screen.getByTestId('site-database')).toHaveTextContent('Not reachable The warehouse database at'));
    expect(screen.getByText('No station has reported yet.')).toBeInTheDocument();
  });

  it('on a station with its own file, says there is no site and how to make one', async () => {
    renderWithStation(<SiteView />, fakeStation().api);
    expect(await screen.findByTestId('site-sqlite')).toHaveTextContent(
      'This station keeps its data in its own file (/tmp/shipments.sqlite): there is no site to show.',
    );
  });
});

describe('the site view in the app', () => {
  it('opens from Settings in warehouse mode, under the Settings tab', async () => {
    const user = userEvent.setup();
    const view: WarehouseSettingsView = {
      ...fakeWarehouseSettings(),
      saved: PARTS,
      hasPassword: true,
      passwordProtection: 'encrypted',
      running: { mode: 'warehouse', source: 'settings', location: 'station@db.warehouse.lan:5432/shipping' },
    };
    const site: Site = {
      mode: 'warehouse',
      location: 'station@db.warehouse.lan:5432/shipping',
      thisStationId: 'a',
      reachable: true,
      message: null,
      lagMs: 2,
      clockOffsetMs: 0,
      stations: [],
    };
    const { api, push } = fakeStation({ warehouseSettings: async () => ok(view), siteView: async () => ok(site) });
    renderWithStation(<App />, api);
    await screen.findByRole('heading', { name: 'Create label' });
    act(() => push({ type: 'app:navigate', payload: { view: 'settings' } }));
    await user.click(await screen.findByRole('button', { name: 'Open the site view' }));
    expect(await screen.findByRole('heading', { name: 'Site' })).toBeInTheDocument();
    expect(await screen.findByTestId('site-database')).toHaveTextContent('Reachable');
    expect(screen.getByRole('navigation').querySelector('[aria-current="page"]')).toHaveTextContent('Settings');
  });
});
