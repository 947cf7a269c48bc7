import { describe, expect, it } from 'vitest';
import { FrameDelayRecorder } from '../../../../src/renderer/state/frame-monitor';

/** Feeds frames at the given times. */
function feed(recorder: FrameDelayRecorder, times: number[]): void {
  for (const t of times) recorder.frame(t);
}

const sixtyHz = (from: number, count: number): number[] =>
  Array.from({ length: count }, (_, i) => from + (i * 1000) / 60);

describe('FrameDelayRecorder', () => {
  it('reads steady 60 Hz frames as no delay', () => {
    const recorder = new FrameDelayRecorder();
    feed(recorder, sixtyHz(0, 120));
    const summary = recorder.summarize(0, 2000);
    expect(summary.maxMs).toBeLessThan(0.5);
    expect(recorder.intervalMs).toBeCloseTo(1000 / 60, 1);
  });

  it('reads a 200 ms stall as a frame about 183 ms late', () => {
    const recorder = new FrameDelayRecorder();
    const before = sixtyHz(0, 60);
    const stallEnd = before[before.length - 1]! + 200;
    feed(recorder, [...before, ...sixtyHz(stallEnd, 30)]);
    const summary = recorder.summarize(0, stallEnd + 1000);
    expect(summary.maxMs).toBeCloseTo(200 - 1000 / 60, 0);
    expect(summary.p50Ms).toBeLessThan(1);
  });

  it('summarises only the frames of the window asked for', () => {
    const recorder = new FrameDelayRecorder();
    const before = sixtyHz(0, 60);
    const stallEnd = before[before.length - 1]! + 300;
    feed(recorder, [...before, ...sixtyHz(stallEnd, 60)]);
    expect(recorder.summarize(stallEnd + 10, stallEnd + 900).maxMs).toBeLessThan(0.5);
    expect(recorder.summarize(5000, 6000)).toEqual({ p50Ms: 0, p99Ms: 0, maxMs: 0 });
  });

  it('does not count the time a hidden page was paused as a stall', () => {
    const recorder = new FrameDelayRecorder();
    feed(recorder, sixtyHz(0, 10));
    recorder.pause();
    feed(recorder, sixtyHz(10_000, 10));
    expect(recorder.summarize(0, 20_000).maxMs).toBeLessThan(0.5);
  });

  it('counts the frames of a window, none where the monitor was stopped', () => {
    const recorder = new FrameDelayRecorder();
    for (let t = 0; t <= 100; t += 10) recorder.frame(t);
    recorder.pause();
    recorder.frame(500);
    recorder.frame(510);
    expect(recorder.countBetween(0, 100)).toBe(10);
    expect(recorder.countBetween(150, 450)).toBe(0);
    expect(recorder.countBetween(450, 600)).toBe(1);
  });
});
