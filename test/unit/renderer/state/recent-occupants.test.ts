import { describe, expect, it } from 'vitest';
import { CoreHistory } from '../../../../src/renderer/state/core-history';
import { RecentOccupants } from '../../../../src/renderer/state/recent-occupants';
import type { CoreOccupant } from '../../../../src/shared/results';

const threads = (worker: number): CoreOccupant => ({ model: 'worker-threads', workers: [worker] });
const loop: CoreOccupant = { model: 'event-loop', workers: [0, 1] };

describe('CoreHistory occupants', () => {
  it('keeps each core’s occupant per sample, equal occupants under one code', () => {
    const history = new CoreHistory(3);
    history.push({ t: 1, cores: [90, 10, 80], occupants: [threads(1), null, loop] });
    history.push({ t: 2, cores: [90, 95, 0], occupants: [null, threads(1), null] });
    expect(history.hasOccupants).toBe(true);
    expect(history.occupantAt(0, 0)).toEqual(threads(1));
    expect(history.occupantAt(0, 1)).toBeNull();
    expect(history.occupantAt(0, 2)).toEqual(loop);
    expect(history.occupantCodeAt(1, 1)).toBe(history.occupantCodeAt(0, 0));
    expect(history.occupantCodeAt(1, 0)).toBe(0);
  });

  it('stores nothing for samples without occupants, and none after a run’s samples end', () => {
    const history = new CoreHistory(2);
    history.push({ t: 1, cores: [50, 50] });
    expect(history.hasOccupants).toBe(false);
    expect(history.occupantAt(0, 0)).toBeNull();
    history.push({ t: 2, cores: [50, 50], occupants: [threads(0), null] });
    history.push({ t: 3, cores: [50, 50] });
    expect(history.occupantAt(1, 0)).toEqual(threads(0));
    expect(history.occupantAt(2, 0)).toBeNull();
  });

  it('forgets occupants with the rows of another host', () => {
    const history = new CoreHistory(2);
    history.push({ t: 1, cores: [50, 50], occupants: [threads(0), null] });
    history.push({ t: 2, cores: [1, 2, 3] });
    expect(history.hasOccupants).toBe(false);
    expect(history.occupantAt(0, 0)).toBeNull();
  });
});

describe('RecentOccupants', () => {
  it('lists the models seen within the window, in the models’ order, dropping older ones', () => {
    const history = new CoreHistory(2);
    const recent = new RecentOccupants(history);
    history.push({ t: 1000, cores: [90, 90], occupants: [threads(0), loop] });
    history.push({ t: 1100, cores: [90, 0], occupants: [threads(1), null] });
    recent.add(0, 1);
    expect(recent.models(60_000)).toEqual(['event-loop', 'worker-threads']);
    history.push({ t: 70_000, cores: [90, 0], occupants: [threads(0), null] });
    recent.add(2, 2);
    // The event loop was last on a core more than a minute before the newest sample.
    expect(recent.models(60_000)).toEqual(['worker-threads']);
  });

  it('takes in the window already held when a chart first paints', () => {
    const history = new CoreHistory(1);
    history.push({ t: 0, cores: [90], occupants: [loop] });
    history.push({ t: 5000, cores: [90], occupants: [threads(3)] });
    const recent = new RecentOccupants(history);
    recent.addWindow(2000);
    expect(recent.models(2000)).toEqual(['worker-threads']);
    expect(new RecentOccupants(new CoreHistory(4)).models(2000)).toEqual([]);
  });
});
