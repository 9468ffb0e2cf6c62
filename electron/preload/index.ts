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
  shipmentsList: (args) => ipcRenderer.invoke('shipments:list', args),
  subscribe(listener: (event: StationEvent) => void) {
    const wrapped = (_e: IpcRendererEvent, event: StationEvent): void => listener(event);
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
    };
  },
} satisfies StationApi;

contextBridge.exposeInMainWorld('station', api);
