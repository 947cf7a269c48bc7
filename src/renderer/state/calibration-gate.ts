/**
 * One calibration at a time from this window. The engine refuses an estimate or a run
 * while a calibration is in flight ('busy', since probes use the cores), so the window's
 * estimates queue behind each other, and Run waits for the one in flight instead of failing.
 */
export class CalibrationGate {
  private inFlight: Promise<unknown> = Promise.resolve();
  private pending = 0;

  /** Whether a calibration of this window is queued or in flight. */
  get isBusy(): boolean {
    return this.pending > 0;
  }

  /** Resolves once no calibration of this window is in flight. */
  async whenIdle(): Promise<void> {
    let current: Promise<unknown>;
    do {
      current = this.inFlight;
      await current.catch(() => {
        // Its caller handles the failure; waiting only needs it to be over.
      });
    } while (current !== this.inFlight);
  }

  /** Runs `calibrate` once every calibration before it has ended. */
  run<T>(calibrate: () => Promise<T>): Promise<T> {
    // Chained on the one before, not on whenIdle(), which would wait for this one too.
    this.pending++;
    const next = this.inFlight.then(calibrate, calibrate).finally(() => this.pending--);
    this.inFlight = next;
    return next;
  }
}
