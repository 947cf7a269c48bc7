/** The honest-measurement note: how the numbers are taken and what "100%" means where. */
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../shared/errors';
import { formatMs, formatPercent } from '../../shared/format';
import type { SamplerStats } from '../../shared/lab-api';
import type { HostInfo } from '../../shared/results';
import { ScalingGlossary } from './ScalingGlossary';

export interface AboutNumbersProps {
  isOpen: boolean;
  onClose: () => void;
  host: HostInfo | null;
  /** Fetches the sampler's current figures (its cost is measured as it runs). */
  loadSamplerStats: (() => Promise<SamplerStats>) | null;
}

/** A modal dialog; Escape or the Close button dismisses it. */
export function AboutNumbers({ isOpen, onClose, host, loadSamplerStats }: AboutNumbersProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [stats, setStats] = useState<SamplerStats | null>(null);
  const [statsError, setStatsError] = useState<string | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (isOpen && !dialog.open) dialog.showModal();
    if (!isOpen && dialog.open) dialog.close();
  }, [isOpen]);

  useEffect(() => {
    if (!isOpen || !loadSamplerStats) return;
    let isCurrent = true;
    loadSamplerStats().then(
      (next) => {
        if (!isCurrent) return;
        setStats(next);
        setStatsError(null);
      },
      (error: unknown) => isCurrent && setStatsError(errorMessage(error)),
    );
    return () => {
      isCurrent = false;
    };
  }, [isOpen, loadSamplerStats]);

  const logical = host?.logicalCores;
  const physical = host?.physicalCores;
  return (
    <dialog ref={dialogRef} className="about" aria-labelledby="about-title" onClose={onClose}>
      <header className="about-header">
        <h2 id="about-title">About these numbers</h2>
        <button type="button" className="button button-quiet" onClick={onClose}>
          Close
        </button>
      </header>
      <div className="about-body">
        <section>
          <h3>The core sampler</h3>
          {stats ? (
            <p>
              Core usage is read from{' '}
              {stats.source === 'proc-stat' ? (
                <code>/proc/stat</code>
              ) : (
                'the systeminformation library'
              )}{' '}
              {stats.hz} times a second (every {formatMs(1000 / stats.hz)}). Reading it costs{' '}
              {formatMs(stats.meanSampleCostMs)} per sample, which is{' '}
              {formatPercent(stats.cpuFractionOfOneCore, 2)} of one core: measured, on its own
              thread, while you watch.
            </p>
          ) : (
            <p>
              {statsError
                ? `The sampler's figures are not available: ${statsError}.`
                : 'Loading the sampler’s figures…'}
            </p>
          )}
        </section>
        <section>
          <h3>Logical and physical cores</h3>
          <p>
            {host
              ? `This machine has ${logical} logical cores on ${physical} physical cores. `
              : ''}
            The charts show logical cores, the ones the operating system schedules on.
            {logical !== undefined && physical !== undefined && logical > physical
              ? ' Two logical cores on one physical core (hyper-threading) share its execution units, so going from ' +
                `${physical} to ${logical} workers adds much less than the first ${physical} did.`
              : ''}
          </p>
        </section>
        <section>
          <h3>Scaling: the words of the sweep</h3>
          <p>
            A sweep runs one model at 1, 2, 3… workers and fits two laws to the throughput of every
            run: Amdahl&apos;s law (a serial part caps the speedup) and the Universal Scalability
            Law (USL: contention caps it, coherency can make it fall). A law is fitted only from
            enough worker counts: 3 for Amdahl, 4 for the USL.
          </p>
          <ScalingGlossary />
        </section>
        <section>
          <h3>What 100% means</h3>
          <dl className="about-list">
            <dt>Live cores</dt>
            <dd>
              Each row is one logical core; 100% is that core busy for the whole sample interval,
              with any process, not only Corelab.
            </dd>
            <dt>Cores busy in total</dt>
            <dd>
              The sum over all cores, in cores: the top of the line is every logical core at 100%.
            </dd>
            <dt>Worker timeline</dt>
            <dd>
              A bar is one task, from when its worker started it to when it finished. A lane with no
              gaps is a worker that was busy 100% of the run.
            </dd>
            <dt>CPU time</dt>
            <dd>
              User plus system time of every process of the run. It exceeds wall time when work runs
              in parallel: twice the wall time means two cores busy on average.
            </dd>
            <dt>Speedup</dt>
            <dd>
              Time with 1 worker divided by time with N. The ideal line is N; it cannot be reached
              beyond the physical cores.
            </dd>
            <dt>Frame delay</dt>
            <dd>
              How late this window&apos;s animation frames arrive compared with the display&apos;s
              frame interval. Near 0 the window is smooth; 100 ms or more is a visible freeze.
            </dd>
            <dt>Models in the window</dt>
            <dd>
              Renderer main thread and Web Workers run inside this page, which cannot read its own
              CPU time, memory or the engine&apos;s event loop, so those cells show a dash.
            </dd>
          </dl>
        </section>
      </div>
    </dialog>
  );
}
