/**
 * Runs callbacks as macrotasks: between two of them the thread gets back to its event loop
 * (timers, I/O, painting), as real async code does at each await of real I/O. Not a
 * microtask, and not setTimeout(0), whose 1–4 ms clamp would dominate tiny tasks.
 *
 * Node has setImmediate, which yields to I/O between callbacks. A MessageChannel there
 * would not: Node drains a port while messages keep arriving, so two slots ping-ponging
 * starve each other, the engine's I/O and a cancel. Browsers have no setImmediate, and
 * there a MessageChannel task interleaves fairly with rendering and input.
 */
export interface MacrotaskQueue {
  schedule(run: () => void): void;
  close(): void;
}

/** The part of a port both the DOM's and Node's MessagePort have, typed once for either. */
interface PortEnd {
  onmessage: ((event: unknown) => void) | null;
  postMessage(message: null): void;
  close(): void;
}

export function macrotaskQueue(): MacrotaskQueue {
  const immediate = (globalThis as { setImmediate?: (run: () => void) => unknown }).setImmediate;
  if (immediate) {
    let isClosed = false;
    return {
      schedule: (run) => void immediate(() => !isClosed && run()),
      close: () => (isClosed = true),
    };
  }
  const channel = new MessageChannel();
  const [receiver, sender] = [channel.port1, channel.port2] as unknown as [PortEnd, PortEnd];
  const queue: (() => void)[] = [];
  receiver.onmessage = () => queue.shift()?.();
  return {
    schedule(run) {
      queue.push(run);
      sender.postMessage(null);
    },
    close() {
      receiver.close();
      sender.close();
    },
  };
}
