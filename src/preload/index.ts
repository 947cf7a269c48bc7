/**
 * The preload: exposes exactly LabApi as `window.lab`, over ipcRenderer.invoke (calls) and
 * ipcRenderer.on (events), both validated by the shared client. No raw ipcRenderer, no
 * Node: the page gets these eight functions and nothing else.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { exposeLabApi } from './expose-lab-api';

exposeLabApi(contextBridge, ipcRenderer);
