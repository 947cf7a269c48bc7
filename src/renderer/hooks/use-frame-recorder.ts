/** The window's frame delay, recorded for as long as the component is mounted. */
import { useEffect, useState } from 'react';
import { FrameDelayRecorder, startFrameMonitor } from '../state/frame-monitor';

/** A FrameDelayRecorder driven by requestAnimationFrame. */
export function useFrameRecorder(): FrameDelayRecorder {
  const [recorder] = useState(() => new FrameDelayRecorder());
  useEffect(() => startFrameMonitor(recorder), [recorder]);
  return recorder;
}
