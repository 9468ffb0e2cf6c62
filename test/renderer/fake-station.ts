import type { WarehouseSettingsView } from '../../shared/domain/warehouse';
import type { StationApi, StationEvent } from '../../shared/contract';
import { ORDER_STATUSES, type OrderCounts } from '../../shared/domain/order-desk';
import { DEFAULT_STATION_DEFAULTS, type StationDefaults } from '../../shared/domain/packing';
import { err, ok } from '../../shared/result';
import { parseCommandBarcode } from '../../shared/scan/commands';
import { resolveScan } from '../../renderer/src/features/scan/resolve-scan';
import { TAGS, type Tag } from '../../shared/domain/tags';
import type { AppStatus } from '../../shared/domain/app';
import { DEFAULT_NOTIFY_TAGS, type SettingsView } from '../../shared/domain/settings';
import { DEFAULT_PRINT_PROFILE, DOCUMENT_TYPES, type PrintProfile, type PrintProfilesView } from '../../shared/domain/printing';
import type { PrinterStatus, PrinterStatusView } from '../../shared/domain/printer-status';
import type { Packer, PackersView } from '../../shared/domain/packers';

/** The default profile's printer as `printers:status` answers: ready unless told otherwise. */
export function fakePrinterStatus(
  status: Partial<PrinterStatus> = {},
  profileId: string | null = DEFAULT_PRINT_PROFILE.id,
): PrinterStatusView {
  const faults = status.faults ?? [];
  return {
    profileId,
    profileName: profileId === null ? null : DEFAULT_PRINT_PROFILE.name,
    isDefault: true,
    status: {
      target: 'Zebra_ZD421',
      level: faults.length > 0 ? 'fault' : 'ready',
      faults,
      warnings: [],
      busy: false,
      detail: null,
      source: 'cups',
      checkedAt: '2026-01-01T00:00:00.000Z',
      ...status,
    },
  };
}

/** A fresh station's settings as the Settings screen sees them. */
export function fakeSettingsView(overrides: Partial<SettingsView> = {}): SettingsView {
  return {
    environment: 'sandbox',
    customBaseUrl: null,
    hasApiToken: false,
    tokenProtection: 'none',
    hasFlashAmericasKey: false,
    hasFlashAmericasWebhookSecret: false,
    notices: [],
    stationName: 'Bench 7',
    language: null,
    autoPrint: true,
    closeToTray: true,
    startAtLogin: false,
    notifyTags: { ...DEFAULT_NOTIFY_TAGS },
    notifySiteWide: false,
    shipFrom: null,
    scanReprint: false,
    scanner: { burstMinChars: 6, burstMaxGapMs: 35, sound: false },
    updateUrl: null,
    autoUpdate: false,
    privateDocumentHosts: [],
    declaredValueConfirmAbove: 1_000,
    ...overrides,
  };
}

/**
 * A StationApi for component tests: every method answers from `overrides` or
 * a neutral default, and `push` delivers events as the main process would.
 */
export function fakeStation(overrides: Partial<StationApi> = {}, status: Partial<AppStatus> = {}) {
  const listeners = new Set<(e: StationEvent) => void>();
  // Print profiles kept as saved; each type routed to its first profile, else the default (core's rule, simplified).
  const profiles: PrintProfile[] = [{ ...DEFAULT_PRINT_PROFILE }];
  let defaultProfileId = DEFAULT_PRINT_PROFILE.id;
  const profilesView = (): PrintProfilesView => ({
    profiles: structuredClone(profiles),
    defaultProfileId,
    routes: Object.fromEntries(
      DOCUMENT_TYPES.map((type) => {
        const own = profiles.find((p) => p.documentType === type);
        return [type, { profileId: own?.id ?? defaultProfileId, fallback: !own }];
      }),
    ) as PrintProfilesView['routes'],
  });
  // Packers kept as saved, the one on duty by id (core's rules, simplified).
  const packers: Packer[] = [];
  let onDutyId: string | null = null;
  const packersView = (): PackersView => ({
    packers: structuredClone(packers),
    onDuty: structuredClone(packers.find((p) => p.id === onDutyId && !p.retired) ?? null),
  });
  const api: StationApi = {
    appStatus: async () =>
      ok({
        version: '1.0.0',
        shell: 'browser',
        environment: 'sandbox',
        demo: true,
        apiBaseUrl: 'http://127.0.0.1:1',
        platform: 'linux',
        warehouse: null,
        ...status,
      }),
    settingsGet: async () => ok(fakeSettingsView()),
    settingsUpdate: async (patch) => ok({ ...fakeSettingsView(), ...patch } as SettingsView),
    settingsSetApiToken: async ({ token }) =>
      ok({ ...fakeSettingsView(), hasApiToken: token !== null, tokenProtection: token === null ? 'none' : 'encrypted' }),
    settingsSetFlashAmericasCredentials: async ({ apiKey, webhookSecret }) =>
      ok({
        ...fakeSettingsView(),
        ...(apiKey === undefined ? {} : { hasFlashAmericasKey: apiKey !== null }),
        ...(webhookSecret === undefined ? {} : { hasFlashAmericasWebhookSecret: webhookSecret !== null }),
      }),
    appOpenLogsFolder: async () => ok({ path: '/home/packer/.config/Shipping Station/logs', opened: true }),
    appCopyDiagnostics: async () => ok({ text: 'Shipping Station diagnostics\nVersion: 1.0.0', copied: true }),
    shipmentsList: async (q) => ok({ items: [], total: 0, offset: q?.offset ?? 0 }),
    shipmentsGet: async () => err('NOT_FOUND', 'No such shipment.'),
    shipmentsCounts: async () => ok({ total: 0, byTag: Object.fromEntries(TAGS.map((t) => [t, 0])) as Record<Tag, number> }),
    shipmentsTrack: async (a) =>
      ok({
        id: 'trk-1',
        provider: a.provider,
        labelState: null,
        trackingNumber: a.trackingNumber,
        orderNumber: null,
        recipientName: null,
        destination: 'Houston, TX, US',
        tag: 'InTransit',
        subtagMessage: 'In transit',
        stale: false,
        createdAt: '2026-01-01T00:00:00.000Z',
        activityAt: '2026-01-01T00:00:00.000Z',
      }),
    labelsCreate: async () => ok({ shipmentId: 'shp-1', state: 'printed', trackingNumber: 'YT2503010001CN', error: null }),
    labelsRetry: async (a) => ok({ shipmentId: a.shipmentId, state: 'printed', trackingNumber: 'YT2503010001CN', error: null }),
    warehouseTestConnection: async () =>
      ok({
        ok: false,
        location: null,
        message: 'No warehouse database in the fake station.',
        reason: null,
        serverVersion: null,
        schemaVersion: null,
        stationSchemaVersion: 0,
        latencyMs: null,
      }),
    warehouseSettings: async () => ok(fakeWarehouseSettings()),
    warehouseSaveSettings: async ({ connection, password }) =>
      ok({
        ...fakeWarehouseSettings(),
        saved: connection,
        hasPassword: connection !== null && typeof password === 'string',
        restartNeeded: true,
      }),
    siteView: async () =>
      ok({
        mode: 'sqlite',
        location: '/tmp/shipments.sqlite',
        thisStationId: 'fake',
        reachable: true,
        message: null,
        lagMs: null,
        clockOffsetMs: null,
        stations: [],
      }),
    labelsTakeOver: async (a) => ok({ shipmentId: a.shipmentId, state: 'printed', trackingNumber: 'YT2503010001CN', error: null }),
    labelsReprint: async () =>
      ok({
        id: 1,
        document: 'label',
        reason: 'reprint',
        outcome: 'printed',
        printer: 'Zebra',
        error: null,
        requestedAt: '2026-01-01T00:00:00.000Z',
        finishedAt: '2026-01-01T00:00:01.000Z',
      }),
    labelsVoid: async () => ok({ at: '2026-01-01T00:00:00.000Z', reason: 'wrong-address', note: null, by: 'Bench 7' }),
    labelsDocument: async () => err('NOT_FOUND', 'No label document for this shipment.'),
    labelsFitted: async () => err('NOT_FOUND', 'No label document for this shipment.'),
    trackingRefresh: async () => ok({ polled: true, tag: 'InTransit', nextPollAt: null, message: null }),
    trackingPause: async () => ok({ state: 'paused', nextPollAt: null, activeShipments: 0, apiHealth: 'ok', resumeAt: null }),
    trackingResume: async () => ok({ state: 'running', nextPollAt: null, activeShipments: 0, apiHealth: 'ok', resumeAt: null }),
    trackingStatus: async () => ok({ state: 'running', nextPollAt: null, activeShipments: 0, apiHealth: 'ok', resumeAt: null }),
    catalogCouriers: async () => ok([{ code: 'yunexpress', name: 'YunExpress' }]),
    catalogProducts: async (q) =>
      ok(
        [
          { code: 'YEXP01', name: 'YunExpress Standard', description: 'Standard cross-border e-commerce', courier: 'yunexpress' },
          { code: 'HKMUZXR', name: 'YunExpress Hong Kong Line', description: null, courier: 'yunexpress' },
        ].filter((p) => !q?.courier || p.courier === q.courier),
      ),
    printersList: async () => ok([{ name: 'Zebra_ZD421', isDefault: true, state: 'idle', accepting: true, message: null }]),
    printersStatus: async () => ok(fakePrinterStatus()),
    printersTestPrint: async ({ profileId }) =>
      ok({
        status: 'sent',
        profileId,
        mode: 'system',
        target: 'Zebra_ZD421',
        pages: 1,
        copies: 1,
        jobId: 'Zebra_ZD421-1',
        bytesSent: 2048,
        startedAt: '2026-01-01T00:00:00.000Z',
        finishedAt: '2026-01-01T00:00:00.200Z',
      }),
    printProfilesList: async () => ok(profilesView()),
    printProfilesSave: async ({ profile, makeDefault }) => {
      const saved = {
        documentType: 'label',
        packingSlip: 'after',
        ...profile,
        id: profile.id ?? `profile-${profiles.length + 1}`,
      } as PrintProfile;
      const index = profiles.findIndex((p) => p.id === saved.id);
      if (index < 0) profiles.push(saved);
      else profiles[index] = saved;
      if (makeDefault) defaultProfileId = saved.id;
      return ok(profilesView());
    },
    printProfilesDelete: async () => err('CONFLICT', 'Keep at least one print profile: change this one instead of deleting it.'),
    importsUpload: async (a) => ok({ uploadId: a.uploadId ?? '0'.repeat(32), size: a.offset + Math.floor((a.base64.length * 3) / 4) }),
    ordersImport: async () => err('UNAVAILABLE', 'This test station imports no orders.'),
    ordersPreview: async () => err('UNAVAILABLE', 'This test station imports no orders.'),
    ordersList: async (q) =>
      ok({ items: [], total: 0, offset: q?.offset ?? 0, counts: Object.fromEntries(ORDER_STATUSES.map((s) => [s, 0])) as OrderCounts }),
    ordersGet: async () => err('NOT_FOUND', 'This order is not in the station. Import its file first.'),
    ordersUpdate: async () => err('NOT_FOUND', 'This order is not in the station. Import its file first.'),
    ordersShip: async () => err('NOT_FOUND', 'This order is not in the station. Import its file first.'),
    ordersCommandSheet: async () => err('UNAVAILABLE', 'This test station writes no documents.'),
    // As the station resolves a scan when no order matches: commands first, then the shipment lookup.
    scanResolve: async ({ code }) => {
      const found = await resolveScan(api, code);
      switch (found.kind) {
        case 'error':
          return { ok: false, error: found.error };
        case 'command': {
          const command = parseCommandBarcode(found.code);
          return ok(command ? { kind: 'command', command, code: found.code } : { kind: 'reserved', code: found.code });
        }
        case 'found':
          return ok({ kind: 'shipment', shipment: found.shipment, candidate: found.candidate });
        case 'unknown':
          return ok(found);
      }
    },
    orderPresetsList: async () => ok([]),
    orderPresetsSave: async () => ok([]),
    orderPresetsDelete: async () => ok([]),
    skusImport: async () => err('UNAVAILABLE', 'This test station imports no catalogue.'),
    skusList: async (q) => ok({ items: [], total: 0, offset: q?.offset ?? 0 }),
    skusSave: async () => err('UNAVAILABLE', 'This test station keeps no catalogue.'),
    skusDelete: async () => ok({ deleted: false }),
    boxesList: async () => ok([]),
    boxesSave: async () => ok([]),
    boxesDelete: async () => ok([]),
    shipFromList: async () => ok([]),
    shipFromSave: async () => ok([]),
    shipFromDelete: async () => ok([]),
    stationDefaultsGet: async () => ok({ ...DEFAULT_STATION_DEFAULTS }),
    stationDefaultsUpdate: async (patch) => ok({ ...DEFAULT_STATION_DEFAULTS, ...patch } as StationDefaults),
    wavesPreview: async () => ok({ orders: [], total: 0, capped: false, couriers: [], countries: [] }),
    wavesCreate: async () =>
      err('NOT_FOUND', 'No ready order matches this filter, so there is nothing to start. Import orders or change the filter.'),
    wavesList: async () => ok([]),
    warehouseMoveIn: async () => err('UNAVAILABLE', 'Set the warehouse database in Settings first, then move this station in.'),
    wavesGet: async () => err('NOT_FOUND', 'This wave is not in the station. Pick one from the list.'),
    wavesPause: async () => err('NOT_FOUND', 'This wave is not in the station. Pick one from the list.'),
    wavesResume: async () => err('NOT_FOUND', 'This wave is not in the station. Pick one from the list.'),
    wavesCancel: async () => err('NOT_FOUND', 'This wave is not in the station. Pick one from the list.'),
    wavesRetry: async () => err('NOT_FOUND', 'This wave is not in the station. Pick one from the list.'),
    packersList: async () => ok(packersView()),
    packersSave: async ({ packer }) => {
      const existing = packers.find((p) => p.id === packer.id);
      if (existing) Object.assign(existing, { name: packer.name, badge: packer.badge ?? existing.badge });
      else
        packers.push({
          id: `packer-${packers.length + 1}`,
          name: packer.name,
          badge: packer.badge ?? String(packers.length + 1).padStart(4, '0'),
          retired: false,
        });
      return ok(packersView());
    },
    packersRetire: async ({ id, retired }) => {
      const p = packers.find((x) => x.id === id);
      if (p) p.retired = retired;
      if (retired && onDutyId === id) onDutyId = null;
      return ok(packersView());
    },
    packersSetOnDuty: async ({ id }) => {
      onDutyId = id;
      return ok(packersView());
    },
    packersBadgeSheet: async () => ok({ fileName: 'packer-badges-A4.pdf', base64: 'JVBERi0=' }),
    auditList: async () => ok({ entries: [], more: false }),
    endOfDayView: async (a) =>
      ok({
        station: 'Bench 7',
        from: a.from,
        to: a.to,
        couriers: [],
        packers: [],
        totals: { labels: 0, parcels: 0, weightKg: 0, voided: 0 },
      }),
    endOfDayFile: async (a) =>
      ok({ fileName: `courier-handover.${a.format}`, mimeType: a.format === 'pdf' ? 'application/pdf' : 'text/csv', base64: '' }),
    endOfDayPrint: async () => ok({ profileName: 'Laser', fallback: false, printed: true, message: null }),
    auditExport: async () => ok({ fileName: 'audit.csv', csv: '\uFEFFTime\r\n', entries: 0 }),
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    ...overrides,
  };
  return {
    api,
    push: (e: StationEvent) => listeners.forEach((l) => l(e)),
    listenerCount: () => listeners.size,
    profiles: () => profilesView(),
  };
}

/** Settings › Warehouse of a station on its SQLite file, nothing saved. */
export function fakeWarehouseSettings(): WarehouseSettingsView {
  return {
    saved: null,
    hasPassword: false,
    passwordProtection: 'none',
    environmentVariable: 'STATION_WAREHOUSE_URL',
    environmentSet: false,
    running: { mode: 'sqlite', source: null, location: '/tmp/shipments.sqlite' },
    restartNeeded: false,
  };
}
