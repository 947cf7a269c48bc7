/**
 * How often the live view may redraw: 0 for every animation frame that has new samples,
 * more while a run is measured quietly, so that watching costs the run less CPU.
 */
import { createContext } from 'react';

/** The least time between two redraws of a live chart or readout, in ms. */
export const LiveRateContext = createContext(0);

/** The live view's pace while a run is measured with "Quiet while measuring" on. */
export const QUIET_REDRAW_MS = 1000;
