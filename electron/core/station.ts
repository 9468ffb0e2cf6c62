/**
 * The composition of everything the main process does, without Electron:
 * Electron's main (electron/main) and browser mode (electron/browser) both
 * build one Station and expose its handlers, one over IPC, one over HTTP.
 */
import { EventBus } from './events';
import { StationFailure } from '../../shared/result';
import type { Handlers } from './invoke';
import { appHandlers, type DesktopPort } from './handlers/app';
import { settingsHandlers } from './handlers/settings';
import { shipmentsHandlers } from './handlers/shipments';
import { printingHandlers } from './handlers/printing';
import type { PrintService } from './printing/print-service';
import type { PrintProfiles } from './printing/profiles';
import { DocumentRouter } from './printing/document-router';
import type { CommandRunner } from './printing/runner';
import { createPrintingParts } from './printing/station-parts';
import { catalogHandlers } from './handlers/catalog';
import { AccountLimiters, FlexForwardClient, type FlexForwardApi } from './api/flexforward';
import { CourierNames } from './api/courier-names';
import { startSandbox, DEMO_TOKEN, type Sandbox } from '../sandbox/server';
import { DEMO_SPEED } from '../sandbox/flexforward/tracking-sim';
import { resolveEndpoint, type ApiEndpoint } from './environment';
import { assertDataFolderWritable, openShipmentDb, type StationDb } from './db/open';
import { startWarehouseDb, type WarehouseStart } from './db/open-warehouse';
import { SiteLimiter } from './api/site-limiter';
import { readOrCreateStationId } from './site/station-id';
import { SiteMembership, type SiteHealth } from './site/membership';
import { SiteChangeListener } from './site/change-listener';
import { resolveConnection, type WarehouseConnection } from './db/postgres';
import { siteHandlers } from './handlers/site';
import { warehouseSettingsHandlers } from './handlers/warehouse-settings';
import { warehouseFromSettings, type WarehouseSource } from './site/connection';
import { createHash } from 'node:crypto';
import { withStorageFaults } from './db/storage-errors';
import { countShipmentsByTag, getShipmentVoid, listShipments } from './db/queries/shipments';
import { getShipmentDetail } from './shipments/detail';
import { ChangeFeed } from './shipments/change-feed';
import { FlexForwardTrackingSource } from './tracking/flexforward-source';
import { LabelWorkflow } from './labels/workflow';
import { createOrderParts, LOCAL_STATION, stationLanguage } from './orders/station-parts';
import { routedSlipPrinter } from './orders/routed-slip-printer';
import { createWaveParts } from './waves/station-parts';
import { getShipment } from './db/queries/shipments';
import { printServicePrinter } from './labels/print-adapter';
import { printJobsRecorder } from './labels/print-history';
import { labelsHandlers } from './handlers/labels';
import { moveInHandlers } from './handlers/move-in';
import { trackingHandlers } from './handlers/tracking';
import { findFaShipmentId } from './db/queries/fa_details';
import { NotificationRules } from './tracking/notifications';
import { SITE_LEASE_RENEW_MS, SITE_MAX_SLEEP_MS, SITE_POLL_LEASE_MS, TrackingPoller } from './tracking/poller';
import { TrackingStore } from './tracking/store';
import { demoPollSchedule, endpointPollSchedule } from './tracking/schedule';
import { TrackShipmentService } from './tracking/track-shipment';
import type { TrackingSources } from './tracking/ports';
import { trackHandlers } from './handlers/track';
import { packersHandlers } from './handlers/packers';
import { auditHandlers } from './handlers/audit';
import { endOfDayHandlers } from './handlers/end-of-day';
import { EndOfDay } from './audit/end-of-day';
import { AuditLog } from './audit/audit-log';
import { withAudit } from './audit/audited-handlers';
import { PackerDesk } from './packers/packer-desk';
import { parseBadgeBarcode, type Packer } from '../../shared/domain/packers';
import { createFlashAmericasParts } from './api/flashamericas/station-parts';
import { faDetailsView } from './api/flashamericas/detail-view';
import { startWebhookReceiver, type WebhookReceiver } from './api/flashamericas/webhook-receiver';
import { createFlashAmericasSandboxRouter, type FlashAmericasSandboxRouter } from '../sandbox/flashamericas/router';
import { FlashAmericasSandboxState } from '../sandbox/flashamericas/state';
import type { SecretStore, SettingsStore } from './settings/types';
import type { Clock } from './util/clock';
import type { LoggerFactory } from './util/log';

export interface StationOptions {
  shell: 'electron' | 'browser';
  version: string;
  platform: string;
  /** Folder for the database and label documents. */
  dataDir: string;
  settings: SettingsStore;
  secrets: SecretStore;
  logger: LoggerFactory;
  clock: Clock;
  /** Folder opening, clipboard: the Electron shell provides it, browser mode passes null. */
  desktop?: DesktopPort | null;
  /** Printing overrides: tests point CUPS at their own scheduler (CUPS_SERVER) or inject a command runner. */
  printing?: { run?: CommandRunner; cupsServer?: string };
  /**
   * The optional Flash Americas webhook receiver, on its own port. Off unless
   * given: a station behind a warehouse router cannot be called from outside,
   * so polling is the default.
   */
  flashAmericasWebhook?: { port: number; host?: string } | null;
  /**
   * The API limiter's budget: the reference's 10 requests a second unless given. Only tests and benches
   * widen it (a crash test is about crashes, not pacing); a station never does.
   */
  apiLimits?: { maxPerWindow: number; windowMs: number };
  /** Labels a wave buys at once (benches compare); WAVE_CONCURRENCY unless given. */
  waveConcurrency?: number;
  /**
   * Warehouse mode (issue 15): the site's PostgreSQL database, shared by its
   * stations, instead of this station's own SQLite file (from the environment,
   * STATION_WAREHOUSE_URL, or Settings: site/connection.ts). Null or absent: SQLite.
   */
  warehouse?: WarehouseConnection | null;
  /** Where `warehouse` came from, for Settings (the environment variable wins over Settings): 'settings' unless given. */
  warehouseSource?: WarehouseSource;
  /**
   * Demo mode of a site: the API simulator all its stations share (a label made
   * at one bench is known at the next), instead of each starting its own.
   */
  demoSandboxUrl?: string | null;
}

export interface Station {
  readonly handlers: Handlers;
  readonly events: EventBus;
  endpoint(): ApiEndpoint;
  /** The Flex Forward client of the current environment and token (one limiter per account). */
  readonly flexforward: FlexForwardApi;
  /** The embedded sandbox while demo mode runs it, else null. */
  sandbox(): Sandbox | null;
  /** This station's id (its data folder keeps it): the owner of the labels it starts. */
  readonly stationId: string;
  /** Warehouse mode: the database's reachability as this station sees it; null on SQLite. */
  site(): { location: string; health: SiteHealth } | null;
  /** The Flash Americas side of the demo sandbox (tests and demos move its shipments). */
  readonly flashAmericasSandbox: FlashAmericasSandboxRouter;
  /** The optional webhook receiver's URL while it runs. */
  flashAmericasWebhookUrl(): string | null;
  /**
   * The print service, the packer's print profiles, and the router every document prints through (auto-print
   * and reprint; the pack screen's label and slip: `documents.printLabelAndSlip`).
   */
  readonly printing: { service: PrintService; profiles: PrintProfiles; documents: DocumentRouter };
  /** The audit log (issue 13): `record` for a part that changes something a warehouse answers for (a void). */
  readonly audit: AuditLog;
  stop(): Promise<void>;
}

export async function createStation(options: StationOptions): Promise<Station> {
  const events = new EventBus();
  const log = options.logger('station');
  let sandboxUrl: string | null = options.demoSandboxUrl ?? null;
  const endpoint = (): ApiEndpoint => resolveEndpoint(options.settings.get(), options.secrets.getApiToken() !== null, sandboxUrl);

  // Demo mode: the embedded sandbox on a random loopback port, a day of shipping in four minutes.
  let sandbox: Sandbox | null = null;
  let sandboxStarting: Promise<void> | null = null;
  // Flash Americas is mounted on the same demo server, on the station's clock, at the same demo speed.
  const flashAmericasSandbox = createFlashAmericasSandboxRouter(
    new FlashAmericasSandboxState(() => options.clock.now(), true, DEMO_SPEED),
    () => options.clock.now(),
  );
  /** Starts the sandbox if demo mode needs it and it is not running; true when it started now. */
  const ensureSandbox = async (): Promise<boolean> => {
    if (sandbox || options.demoSandboxUrl || endpoint().environment !== 'sandbox') return false;
    if (sandboxStarting) {
      await sandboxStarting;
      return false;
    }
    sandboxStarting = startSandbox({
      speed: DEMO_SPEED,
      tokens: [DEMO_TOKEN],
      // Tracking moves on the station's clock, like the Flash Americas router.
      now: () => options.clock.now(),
      logger: options.logger('sandbox'),
      routers: [flashAmericasSandbox],
    })
      .then((started) => {
        sandbox = started;
        sandboxUrl = started.url;
        log.info('demo sandbox started', { url: started.url });
      })
      .catch((e: unknown) => log.error('demo sandbox failed to start', { error: e }))
      .finally(() => {
        sandboxStarting = null;
      });
    await sandboxStarting;
    return sandbox !== null;
  };
  await ensureSandbox();
  // Switching to demo mode later (environment setting, or the token removed) starts it then; the
  // sandbox keeps running after leaving demo mode, so demo labels stay readable.
  const unsubscribeSettings = events.subscribe((event) => {
    if (event.type !== 'settings:changed' && event.type !== 'app:statusChanged') return;
    void ensureSandbox().then((started) => {
      if (started) events.emit('app:statusChanged', {});
    });
  });

  /** The sandbox takes its own demo token; a real environment the stored one (never logged). */
  const apiToken = (): string | null => (endpoint().environment === 'sandbox' ? DEMO_TOKEN : options.secrets.getApiToken());
  const accountKey = (): string => `${endpoint().environment} ${endpoint().baseUrl} ${apiToken() ?? ''}`;

  // The shipment data: this station's SQLite file, or in warehouse mode the site's PostgreSQL database.
  // Its own SQLite file lives in the data folder: a folder it may not write stops the station here, before the
  // first file is written there (the station id), with the file and the cause.
  if (!options.warehouse) assertDataFolderWritable(options.dataDir);
  const stationId = readOrCreateStationId(options.dataDir);
  // Named in pg_stat_activity, and in the site's change notifications (a station skips its own: see change-listener.ts).
  const applicationName = `Shipping Station ${stationId.slice(0, 8)}`;
  // A warehouse database that cannot be reached at start does not stop the station: it starts with the red banner,
  // every call that needs the database answers DATABASE_UNREACHABLE (nothing is bought), and the parts that read it
  // at start (below, `startParts`) start when it has been reached, checked and migrated.
  const warehouseStart: WarehouseStart | null = options.warehouse
    ? await startWarehouseDb(
        { ...options.warehouse, applicationName },
        {
          logger: options.logger('warehouse-db'),
          waitIfUnreachable: true,
          // A connection from Settings is fixed in Settings: the station must run for that, whatever the refusal says.
          waitOnAnyFailure: options.warehouseSource === 'settings',
        },
      )
    : null;
  const shipmentDb: StationDb = warehouseStart ? warehouseStart.db : await openShipmentDb(options.dataDir);
  const siteMode = shipmentDb.dialect === 'postgres';
  if (siteMode) log.info('warehouse mode', { location: shipmentDb.location, stationId });
  // One window per account: in-process alone, or shared by every station of the site (the account key is
  // hashed: the token never reaches the database).
  /** Warehouse mode: every site limiter (Flex Forward, Flash Americas), whose waiting requests a stop during an outage ends. */
  const siteLimiters: SiteLimiter[] = [];
  const limiters = siteMode
    ? new SiteLimiter({
        db: shipmentDb.db,
        account: () => createHash('sha256').update(accountKey()).digest('hex'),
        stationId,
        logger: options.logger('site-limiter'),
        ...(options.apiLimits ?? {}),
      })
    : new AccountLimiters(accountKey, options.apiLimits ?? {});
  if (limiters instanceof SiteLimiter) siteLimiters.push(limiters);
  const keepSiteLimiter = (o: ConstructorParameters<typeof SiteLimiter>[0]): SiteLimiter => {
    const limiter = new SiteLimiter(o);
    siteLimiters.push(limiter);
    return limiter;
  };
  const membership = siteMode
    ? new SiteMembership({
        db: shipmentDb.db,
        stationId,
        name: () => options.settings.get().stationName,
        version: options.version,
        location: shipmentDb.location,
        clock: options.clock,
        logger: options.logger('site'),
        onHealthChanged: (health) => {
          events.emit('app:statusChanged', {});
          // The database is back after an outage: labels this station left mid-way go on (same key, never a second
          // label), and the poller looks for due work again. At start the parts do this themselves (startParts).
          if (health.reachable && partsStarted) databaseBack();
        },
      })
    : null;
  let partsStarted = false;
  await membership?.start();
  // Poll leases and due times on the site's one timeline (the database's clock), not this station's: see site-clock.ts.
  const siteClock: Clock = membership?.clock ?? options.clock;
  const flexforward = new FlexForwardClient({
    baseUrl: () => endpoint().baseUrl,
    token: apiToken,
    limiter: limiters,
    logger: options.logger('flexforward'),
    // Label documents come from public hosts only, except the embedded sandbox's (loopback) and
    // the hosts an admin listed in Settings (a label server on the warehouse network).
    documentHosts: () => ({
      privateHosts: [...(sandboxUrl ? [new URL(sandboxUrl).host] : []), ...options.settings.get().privateDocumentHosts],
    }),
  });

  const courierNames = new CourierNames({ api: () => flexforward, clock: options.clock, logger: options.logger('courier-names') });

  const printingParts = createPrintingParts({
    platform: options.platform,
    dataDir: options.dataDir,
    settings: options.settings,
    events,
    logger: options.logger,
    clock: options.clock,
    ...(options.printing?.run ? { run: options.printing.run } : {}),
    ...(options.printing?.cupsServer ? { cupsServer: options.printing.cupsServer } : {}),
  });
  const printing = { service: printingParts.service, profiles: printingParts.profiles };

  // The one tracking pipeline every provider feeds.
  // Who packed what (issue 13): the packer on duty (the list is the database's, the choice this station's setting)
  // and the append-only audit log every part below is given, naming the station and the packer on duty.
  const audit: AuditLog = new AuditLog({
    db: shipmentDb.db,
    clock: options.clock,
    station: () => options.settings.get().stationName,
    packer: (): Packer | null => packers.current(),
  });
  const packers: PackerDesk = new PackerDesk({
    db: shipmentDb.db,
    clock: options.clock,
    settings: options.settings,
    logger: options.logger('packers'),
    audit,
    onChanged: (view) => events.emit('packers:changed', view),
  });
  const stationLanguageNow = () => stationLanguage(options.settings.get().language);
  // Each document to the profile for its type (labels, their invoice pages, slips, reports); jobs of a shipment
  // (an order's label and slip) go into its print history.
  const documents = new DocumentRouter({
    service: printing.service,
    profiles: printing.profiles,
    clock: options.clock,
    log: options.logger('document-router'),
    recorder: printJobsRecorder(shipmentDb.db, options.clock),
  });
  const flashAmericas = createFlashAmericasParts({
    db: shipmentDb.db,
    clock: options.clock,
    logger: options.logger,
    demo: () => endpoint().environment === 'sandbox',
    sandboxUrl: () => sandboxUrl,
    apiKey: () => options.secrets.getFlashAmericasKey?.() ?? null,
    // Warehouse mode: the key's per-minute budget is the site's, not each station's.
    ...(siteMode
      ? {
          siteLimiter: (demo: boolean, budget: { requestsPerMinute: number }) =>
            keepSiteLimiter({
              db: shipmentDb.db,
              account: () =>
                createHash('sha256')
                  .update(`flashamericas ${demo ? 'demo' : (options.secrets.getFlashAmericasKey?.() ?? '')}`)
                  .digest('hex'),
              stationId,
              logger: options.logger('site-limiter'),
              maxPerWindow: budget.requestsPerMinute,
              windowMs: 60_000,
            }),
        }
      : {}),
  });
  const trackingSources: TrackingSources = {
    flexforward: new FlexForwardTrackingSource(() => flexforward),
    flashamericas: flashAmericas.source,
  };
  const notificationRules = new NotificationRules({
    clock: options.clock,
    notifiers: [(n) => events.emit('tracking:notified', n)],
    enabled: (tag) => options.settings.get().notifyTags[tag],
  });
  const changeFeed = new ChangeFeed(options.clock, (ids) => events.emit('shipments:changed', { ids }));
  // Warehouse mode: any station may poll a shipment; each tells about the shipments it made (or, by its setting, all
  // of the site's), from the database's notifications of every tag change, its own polls' included.
  const changeListener =
    siteMode && options.warehouse
      ? new SiteChangeListener({
          clientConfig: resolveConnection({ ...options.warehouse, applicationName: `${applicationName} listening` }).poolConfig,
          db: shipmentDb.db,
          ownApplicationName: applicationName,
          clock: options.clock,
          logger: options.logger('site-changes'),
          onShipmentsChanged: (ids) => {
            // Empty: more changed than can be named; everything shown is read again.
            if (ids.length === 0) events.emit('shipments:changed', { ids: [] });
            for (const id of ids) changeFeed.add(id);
          },
          onOrdersChanged: (ids) => events.emit('orders:changed', { ids }),
          wants: (maker) => maker === stationId || options.settings.get().notifySiteWide,
          onTagChanges: (changes) => {
            for (const { stationId: _maker, id: _id, ...change } of changes) notificationRules.onChange(change);
          },
        })
      : null;
  /** Set once the orders are wired: an order's status follows its label. */
  let orderOfShipmentChanged: ((id: string) => void) | null = null;
  const shipmentUpdated = (id: string): void => {
    changeFeed.add(id);
    orderOfShipmentChanged?.(id);
    // A new label or a newly tracked shipment may be due sooner than anything the poller waits for.
    poller.wake();
  };
  const trackingStore = new TrackingStore(shipmentDb.db);
  // One schedule for every next poll: the demo sandbox's tracking runs at DEMO_SPEED, so its polls
  // do too; development and custom endpoints (real couriers behind them) keep the live table.
  const schedule = endpointPollSchedule(() => endpoint().environment === 'sandbox', demoPollSchedule(DEMO_SPEED));
  const poller = new TrackingPoller({
    store: trackingStore,
    sources: trackingSources,
    clock: siteClock,
    logger: options.logger('tracking'),
    schedule,
    // A site's tag changes are told from the database's notifications (above), wherever they were polled.
    onChange: (change) => {
      if (!changeListener) notificationRules.onChange(change);
    },
    onShipmentUpdated: shipmentUpdated,
    onStatusChanged: (status) => events.emit('tracking:statusChanged', status),
    // A site's stations share the due polls: short leases, renewed while a poll runs, and a regular look for
    // due work (another station's new label, or a dead station's lease run out).
    ...(siteMode
      ? {
          leaseMs: SITE_POLL_LEASE_MS,
          renewLeaseEveryMs: SITE_LEASE_RENEW_MS,
          maxSleepMs: SITE_MAX_SLEEP_MS,
          onPolled: (at: number) => membership?.polled(at),
        }
      : {}),
  });
  const tracker = new TrackShipmentService({
    db: shipmentDb.db,
    sources: trackingSources,
    clock: siteClock,
    logger: options.logger('track'),
    schedule,
    destinationOf: (provider, remoteId) => (provider === 'flashamericas' ? flashAmericas.recorder.destinationOf(remoteId) : null),
    onTracked: async (id, provider, remoteId) => {
      if (provider === 'flashamericas') await flashAmericas.recorder.adopt(id, remoteId);
    },
    onShipmentUpdated: shipmentUpdated,
  });
  // Orders (issue 12): the workflow prints through the orders' printer, so an order's label brings its slip.
  const orders = createOrderParts({
    db: shipmentDb.db,
    dataDir: options.dataDir,
    clock: options.clock,
    logger: options.logger,
    settings: options.settings,
    events,
    // An order's label and its slip, each to its printer, in the label profile's order.
    slipPrinter: () => routedSlipPrinter(documents),
    audit,
  });
  // Waves (issue 13): their prints keep the wave's sequence, their requests wait behind the packer's.
  const waves = createWaveParts({
    db: shipmentDb.db,
    clock: options.clock,
    logger: options.logger,
    events,
    language: () => stationLanguage(options.settings.get().language),
    autoPrint: () => options.settings.get().autoPrint,
    // A site's waves are each station's own (its restart pauses its waves only); a lone station keeps 'local'.
    station: siteMode ? stationId : LOCAL_STATION,
    // Warehouse mode: a wave whose database goes away mid-way waits for it, then finishes what it had in flight.
    ...(membership ? { untilDatabaseBack: () => membership.whenReachable() } : {}),
    ...(options.waveConcurrency !== undefined ? { concurrency: options.waveConcurrency } : {}),
  });
  const labelWorkflow = new LabelWorkflow({
    audit,
    db: shipmentDb.db,
    documentsDir: shipmentDb.documentsDir,
    dataLocation: siteMode ? shipmentDb.location : options.dataDir,
    api: flexforward,
    printer: waves.labelPrinter(orders.labelPrinter(printServicePrinter(documents))),
    priorityOf: (shipmentId) => waves.priorityOf(shipmentId),
    clock: siteClock,
    logger: options.logger('labels'),
    schedule,
    autoPrint: () => options.settings.get().autoPrint,
    preflight: () => printingParts.preflight(),
    onProgress: (progress) => events.emit('labels:progress', progress),
    onChanged: shipmentUpdated,
    // Only this station resumes and prints the labels it started; a lone station also its history from before.
    station: { id: stationId, resumesUnowned: !siteMode },
  });
  const orderDesk = orders.connect({
    workflow: labelWorkflow,
    searchShipments: async (search, limit) =>
      (await listShipments(shipmentDb.db, { search, limit, offset: 0, sort: 'activity_desc' })).items,
    shipmentById: async (id) => {
      const found = await getShipment(shipmentDb.db, id);
      return found ? { id: found.id, tag: found.tag } : null;
    },
  });
  orderOfShipmentChanged = (id) => orders.shipmentChanged(id);
  const waveDesk = waves.connect({
    book: orders.book,
    ship: orderDesk.ship,
    workflow: labelWorkflow,
    // The same check the label workflow makes before buying a label, asked by the wave before each one.
    printer: { preflight: () => printingParts.preflight() },
  });
  // The parts that read the database as they start. Labels a crash or a quit left mid-way finish in the background;
  // the window opens meanwhile.
  let resumingLabels: Promise<unknown> = Promise.resolve();
  const resumeLabels = (): void => {
    resumingLabels = Promise.all([
      resumingLabels,
      labelWorkflow.resumeAll().catch((e: unknown) => log.error('resuming unfinished labels failed', { error: e })),
    ]);
  };
  let partsBegun = false;
  const startParts = async (): Promise<void> => {
    partsBegun = true;
    await packers.load();
    await changeListener?.start();
    await poller.start();
    await orders.start();
    resumeLabels();
    // A wave cut off by the stop comes back paused; its item in flight finishes (same key).
    await waves.start();
    partsStarted = true;
  };
  const databaseBack = (): void => {
    resumeLabels();
    poller.wake();
  };
  let stopping = false;
  let startingParts: Promise<void> = Promise.resolve();
  if (!warehouseStart?.ready) await startParts();
  else {
    // The database was down at start: the station runs with the banner until it is reached, checked and migrated.
    startingParts = warehouseStart.ready.then(
      async () => {
        if (stopping || partsBegun) return;
        await startParts().catch((e: unknown) => log.error('starting after the warehouse database came back failed', { error: e }));
        await membership?.beat();
        events.emit('app:statusChanged', {});
      },
      () => undefined,
    );
  }

  // A webhook is a doorbell: the shipment it names is read back through the poller, so news
  // from a push and from a poll take the same path (store, history, notification). An active
  // shipment is made due now, so a burst of deliveries becomes a few batched background polls
  // instead of jumping ahead of the packer; a stopped one (stale, delivered) is asked directly.
  let webhookReceiver: WebhookReceiver | null = null;
  if (options.flashAmericasWebhook) {
    webhookReceiver = await startWebhookReceiver({
      ...options.flashAmericasWebhook,
      secret: () => options.secrets.getFlashAmericasWebhookSecret?.() ?? null,
      clock: options.clock,
      logger: options.logger('flashamericas-webhook'),
      onEvent: async (payload) => {
        const id = await findFaShipmentId(shipmentDb.db, payload.data.trackingNumber);
        if (!id) return;
        const active = ((await trackingStore.get(id))?.nextPollAt ?? null) !== null;
        if (active) {
          await trackingStore.reschedule(id, siteClock.now());
          poller.wake();
        } else {
          await poller.refresh(id, true);
        }
      },
    });
  }

  const everyHandler: Handlers = {
    ...appHandlers({
      version: options.version,
      shell: options.shell,
      platform: options.platform,
      dataDir: options.dataDir,
      settings: options.settings,
      secrets: options.secrets,
      endpoint,
      desktop: options.desktop ?? null,
      now: () => new Date(options.clock.now()),
      site: () =>
        membership ? { location: shipmentDb.location, reachable: membership.health.reachable, message: membership.health.message } : null,
    }),
    ...settingsHandlers({ settings: options.settings, secrets: options.secrets, events, log: options.logger('settings'), audit }),
    ...catalogHandlers({ api: () => flexforward, learnCouriers: (couriers) => courierNames.learn(couriers) }),
    ...printingHandlers({ ...printing, now: () => options.clock.now() }),
    ...shipmentsHandlers({
      listShipments: (q) => listShipments(shipmentDb.db, q),
      getShipment: async (id) => {
        const detail = await getShipmentDetail(shipmentDb.db, id);
        return detail?.provider === 'flashamericas' ? { ...detail, providerDetails: await faDetailsView(shipmentDb.db, id) } : detail;
      },
      countShipments: () => countShipmentsByTag(shipmentDb.db),
    }),
    ...labelsHandlers({
      workflow: labelWorkflow,
      db: shipmentDb.db,
      documentsDir: shipmentDb.documentsDir,
      profiles: printing.profiles,
      voiding: {
        clock: options.clock,
        logger: options.logger('labels'),
        who: async () => (await packers.onDuty())?.name ?? options.settings.get().stationName,
        onChanged: shipmentUpdated,
        audit,
      },
    }),
    ...trackingHandlers(poller, async (id) => (await getShipmentVoid(shipmentDb.db, id)) !== undefined),
    ...trackHandlers({ tracker }),
    ...siteHandlers({ db: shipmentDb.db, stationId, location: shipmentDb.location, health: () => membership?.health ?? null }),
    ...warehouseSettingsHandlers({
      settings: options.settings,
      secrets: options.secrets,
      events,
      log: options.logger('settings'),
      audit,
      running: { source: options.warehouse ? (options.warehouseSource ?? 'settings') : null, location: shipmentDb.location },
    }),
    ...orderDesk.handlers,
    ...waveDesk.handlers,
    ...packersHandlers({ desk: packers, language: stationLanguageNow }),
    ...auditHandlers({ log: audit, language: stationLanguageNow }),
    ...endOfDayHandlers(
      new EndOfDay({
        db: shipmentDb.db,
        clock: options.clock,
        station: () => options.settings.get().stationName,
        language: stationLanguageNow,
        router: documents,
        courierNames: () => courierNames.lookup(),
      }),
    ),
    // Settings' "move this station in": into the database this run uses, else the one saved in Settings (moved in
    // before the restart that connects to it, so the bench starts on its own history).
    ...moveInHandlers({
      dataDir: options.dataDir,
      current: shipmentDb,
      workflow: labelWorkflow,
      api: () => flexforward,
      warehouse: () =>
        options.warehouse ?? warehouseFromSettings(options.settings.get().warehouse, options.secrets.getWarehousePassword?.() ?? null),
      clock: options.clock,
      logger: options.logger('move-in'),
    }),
    // A badge is resolved before anything else: the packer it names goes on duty in one scan.
    'scan:resolve': async (args) => {
      const badge = parseBadgeBarcode(args.code);
      if (badge !== null) return { kind: 'packer', packer: await packers.scanBadge(badge), code: args.code.trim() };
      return orderDesk.handlers['scan:resolve'](args);
    },
  };
  // A full or read-only disk is said as such, naming the data folder, whichever call met it. Changes made through
  // entries that do not record themselves (print profiles, station defaults, a wave cancelled) go to the audit log.
  const handlers = withStorageFaults(withAudit(everyHandler, audit), siteMode ? shipmentDb.location : options.dataDir, () => {
    // A packer met the outage before the heartbeat did: the banner says so now.
    if (membership?.health.reachable) void membership.beat();
  });

  log.info('station started', { shell: options.shell, environment: endpoint().environment });
  return {
    handlers,
    events,
    endpoint,
    flexforward,
    sandbox: () => sandbox,
    stationId,
    site: () => (membership ? { location: shipmentDb.location, health: membership.health } : null),
    flashAmericasSandbox,
    flashAmericasWebhookUrl: () => webhookReceiver?.url ?? null,
    printing: { ...printing, documents },
    audit,
    async stop() {
      stopping = true;
      unsubscribeSettings();
      if (membership) {
        // Nothing in the stop waits for a database that is not there: waves and labels waiting for it stop waiting
        // (left in flight, as a crash would; the next start finishes them with the same key), and so do requests
        // waiting for a rate-limiter slot only the database can give.
        await membership.beat();
        const down = !membership.health.reachable;
        await membership.stop();
        if (down) {
          const reason = new StationFailure(
            'DATABASE_UNREACHABLE',
            'The station stopped while the warehouse database could not be reached; this request was not sent, and the next start sends it.',
          );
          for (const limiter of siteLimiters) limiter.abortWaiting(reason);
        }
      }
      // Still waiting for the database: stop waiting (the parts that read it never start); a start under way finishes first.
      if (!partsBegun) await shipmentDb.close();
      await startingParts;
      await webhookReceiver?.close();
      await resumingLabels;
      // Work in flight lands before the demo sandbox goes: a poll or label cut off by a closed
      // sandbox would retry against a refused connection for seconds (demo polls run every few).
      if (partsBegun) {
        await orders.stop();
        await waves.stop();
        await labelWorkflow.stop();
        await poller.stop();
        await changeListener?.stop();
      }
      await membership?.stop();
      await sandboxStarting;
      const running = sandbox as Sandbox | null;
      sandbox = null;
      sandboxUrl = null;
      await running?.stop();
      notificationRules.flush();
      changeFeed.flush();
      await flashAmericasSandbox.settled();
      await shipmentDb.close();
      log.info('station stopped');
    },
  };
}
