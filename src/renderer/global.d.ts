/**
 * The renderer's view of the preload: `window.lab` is exactly LabApi (the type comes from
 * the contract, so it cannot drift), and absent in browser mode.
 */
import type { LabApi } from '../shared/lab-api';

declare global {
  interface Window {
    lab?: LabApi;
  }
}

export {};
