/**
 * The renderer's only door into the main process: one named method per
 * contract entry and one event subscription. `ipcRenderer` itself never
 * crosses the bridge.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { StationApi, StationEvent } from '../../shared/contract';

const EVENT_CHANNEL = 'station:event';

const api = {
  appStatus: () => ipcRenderer.invoke('app:status'),
  settingsGet: () => ipcRenderer.invoke('settings:get'),
  settingsUpdate: (args) => ipcRenderer.invoke('settings:update', args),
  settingsSetApiToken: (args) => ipcRenderer.invoke('settings:setApiToken', args),
  settingsSetFlashAmericasCredentials: (args) => ipcRenderer.invoke('settings:setFlashAmericasCredentials', args),
  appOpenLogsFolder: () => ipcRenderer.invoke('app:openLogsFolder'),
  appCopyDiagnostics: () => ipcRenderer.invoke('app:copyDiagnostics'),
  shipmentsList: (args) => ipcRenderer.invoke('shipments:list', args),
  shipmentsGet: (args) => ipcRenderer.invoke('shipments:get', args),
  shipmentsCounts: () => ipcRenderer.invoke('shipments:counts'),
  shipmentsTrack: (args) => ipcRenderer.invoke('shipments:track', args),
  labelsCreate: (args) => ipcRenderer.invoke('labels:create', args),
  labelsRetry: (args) => ipcRenderer.invoke('labels:retry', args),
  labelsReprint: (args) => ipcRenderer.invoke('labels:reprint', args),
  labelsVoid: (args) => ipcRenderer.invoke('labels:void', args),
  labelsTakeOver: (args) => ipcRenderer.invoke('labels:takeOver', args),
  warehouseTestConnection: (args) => ipcRenderer.invoke('warehouse:testConnection', args),
  siteView: () => ipcRenderer.invoke('site:view'),
  warehouseSettings: () => ipcRenderer.invoke('warehouse:settings'),
  warehouseSaveSettings: (args) => ipcRenderer.invoke('warehouse:saveSettings', args),
  labelsDocument: (args) => ipcRenderer.invoke('labels:document', args),
  labelsFitted: (args) => ipcRenderer.invoke('labels:fitted', args),
  trackingRefresh: (args) => ipcRenderer.invoke('tracking:refresh', args),
  trackingPause: () => ipcRenderer.invoke('tracking:pause'),
  trackingResume: () => ipcRenderer.invoke('tracking:resume'),
  trackingStatus: () => ipcRenderer.invoke('tracking:status'),
  catalogCouriers: () => ipcRenderer.invoke('catalog:couriers'),
  catalogProducts: (args) => ipcRenderer.invoke('catalog:products', args),
  printersList: () => ipcRenderer.invoke('printers:list'),
  printersStatus: (args) => ipcRenderer.invoke('printers:status', args),
  printersTestPrint: (args) => ipcRenderer.invoke('printers:testPrint', args),
  printProfilesList: () => ipcRenderer.invoke('printProfiles:list'),
  printProfilesSave: (args) => ipcRenderer.invoke('printProfiles:save', args),
  printProfilesDelete: (args) => ipcRenderer.invoke('printProfiles:delete', args),
  importsUpload: (args) => ipcRenderer.invoke('imports:upload', args),
  ordersImport: (args) => ipcRenderer.invoke('orders:import', args),
  ordersPreview: (args) => ipcRenderer.invoke('orders:preview', args),
  ordersList: (args) => ipcRenderer.invoke('orders:list', args),
  ordersGet: (args) => ipcRenderer.invoke('orders:get', args),
  ordersUpdate: (args) => ipcRenderer.invoke('orders:update', args),
  ordersShip: (args) => ipcRenderer.invoke('orders:ship', args),
  ordersCommandSheet: (args) => ipcRenderer.invoke('orders:commandSheet', args),
  scanResolve: (args) => ipcRenderer.invoke('scan:resolve', args),
  orderPresetsList: () => ipcRenderer.invoke('orderPresets:list'),
  orderPresetsSave: (args) => ipcRenderer.invoke('orderPresets:save', args),
  orderPresetsDelete: (args) => ipcRenderer.invoke('orderPresets:delete', args),
  skusImport: (args) => ipcRenderer.invoke('skus:import', args),
  skusList: (args) => ipcRenderer.invoke('skus:list', args),
  skusSave: (args) => ipcRenderer.invoke('skus:save', args),
  skusDelete: (args) => ipcRenderer.invoke('skus:delete', args),
  boxesList: () => ipcRenderer.invoke('boxes:list'),
  boxesSave: (args) => ipcRenderer.invoke('boxes:save', args),
  boxesDelete: (args) => ipcRenderer.invoke('boxes:delete', args),
  shipFromList: () => ipcRenderer.invoke('shipFrom:list'),
  shipFromSave: (args) => ipcRenderer.invoke('shipFrom:save', args),
  shipFromDelete: (args) => ipcRenderer.invoke('shipFrom:delete', args),
  stationDefaultsGet: () => ipcRenderer.invoke('stationDefaults:get'),
  stationDefaultsUpdate: (args) => ipcRenderer.invoke('stationDefaults:update', args),
  wavesPreview: (args) => ipcRenderer.invoke('waves:preview', args),
  wavesCreate: (args) => ipcRenderer.invoke('waves:create', args),
  wavesList: () => ipcRenderer.invoke('waves:list'),
  wavesGet: (args) => ipcRenderer.invoke('waves:get', args),
  wavesPause: (args) => ipcRenderer.invoke('waves:pause', args),
  wavesResume: (args) => ipcRenderer.invoke('waves:resume', args),
  wavesCancel: (args) => ipcRenderer.invoke('waves:cancel', args),
  wavesRetry: (args) => ipcRenderer.invoke('waves:retry', args),
  packersList: () => ipcRenderer.invoke('packers:list'),
  packersSave: (args) => ipcRenderer.invoke('packers:save', args),
  packersRetire: (args) => ipcRenderer.invoke('packers:retire', args),
  packersSetOnDuty: (args) => ipcRenderer.invoke('packers:setOnDuty', args),
  packersBadgeSheet: (args) => ipcRenderer.invoke('packers:badgeSheet', args),
  auditList: (args) => ipcRenderer.invoke('audit:list', args),
  auditExport: (args) => ipcRenderer.invoke('audit:export', args),
  endOfDayView: (args) => ipcRenderer.invoke('endOfDay:view', args),
  endOfDayFile: (args) => ipcRenderer.invoke('endOfDay:file', args),
  endOfDayPrint: (args) => ipcRenderer.invoke('endOfDay:print', args),
  warehouseMoveIn: () => ipcRenderer.invoke('warehouse:moveIn'),
  subscribe(listener: (event: StationEvent) => void) {
    const wrapped = (_e: IpcRendererEvent, event: StationEvent): void => listener(event);
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
    };
  },
} satisfies StationApi;

contextBridge.exposeInMainWorld('station', api);
