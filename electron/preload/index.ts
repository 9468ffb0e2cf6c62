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
  subscribe(listener: (event: StationEvent) => void) {
    const wrapped = (_e: IpcRendererEvent, event: StationEvent): void => listener(event);
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
    };
  },
} satisfies StationApi;

contextBridge.exposeInMainWorld('station', api);
