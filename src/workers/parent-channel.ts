/**
 * The channel from a forked host to its parent: Electron's utilityProcess speaks through
 * process.parentPort, a child_process.fork through process.send. Shared by child-process.ts and
 * pipeline-process.ts.
 */

/** The slice of Electron's process.parentPort a host uses (no Electron import here). */
interface UtilityParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

/** A host's link to its parent process, whichever way it was started. */
export interface ParentChannel<Message> {
  post(message: Message): void;
  on(listener: (message: unknown) => void): void;
  /** Exits once every message posted so far has left the process. */
  exitWhenFlushed(): void;
}

/** Opens the parent channel; `scriptName` names this host in the error when there is no IPC. */
export function parentChannel<Message>(scriptName: string): ParentChannel<Message> {
  const electronPort = (process as { parentPort?: UtilityParentPort }).parentPort;
  if (electronPort) {
    return {
      post: (message) => electronPort.postMessage(message),
      on: (listener) => electronPort.on('message', (event) => listener(event.data)),
      exitWhenFlushed: () => setImmediate(() => process.exit(0)),
    };
  }
  const send = process.send?.bind(process);
  if (!send) throw new Error(`${scriptName} must be started with an IPC channel (fork)`);
  // process.send is asynchronous: exiting before its callback can drop the last message
  // (a run's usage report, a pipeline's final tally).
  let pending = 0;
  let isExitWanted = false;
  const exitIfFlushed = (): void => {
    if (isExitWanted && pending === 0) process.exit(0);
  };
  return {
    post: (message) => {
      pending++;
      send(message, undefined, undefined, () => {
        pending--;
        exitIfFlushed();
      });
    },
    on: (listener) => process.on('message', listener),
    exitWhenFlushed: () => {
      isExitWanted = true;
      exitIfFlushed();
    },
  };
}
