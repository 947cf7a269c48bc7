/** The window's frame delay: a recorder, and the requestAnimationFrame loop that feeds it. */
import { useEffect, useState } from 'react';
import { FrameDelayRecorder, startFrameMonitor } from '../state/frame-monitor';

/** One FrameDelayRecorder for the component's life. */
export function useFrameRecorder(): FrameDelayRecorder {
  const [recorder] = useState(() => new FrameDelayRecorder());
  return recorder;
}

/**
 * Feeds `recorder` from requestAnimationFrame while `isRecording`. Stopped (quiet while
 * measuring, with no model of the page's own running), it asks for no frames: a callback
 * every frame keeps the renderer and compositor awake, CPU taken from the run measured.
 */
export function useFrameMonitor(recorder: FrameDelayRecorder, isRecording: boolean): void {
  useEffect(() => {
    if (isRecording) return startFrameMonitor(recorder);
    // The gap until it starts again is not a stall of the page.
    recorder.pause();
  }, [recorder, isRecording]);
}
