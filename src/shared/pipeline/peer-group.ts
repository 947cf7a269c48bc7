/**
 * The producers and consumers of a pipeline that live in other threads or processes: spawns
 * them, waits for each one's ready, routes their messages, and tracks how each one ended.
 */
import { LabError, serializeError, type SerializedError } from '../errors';
import type { PipelineConfig } from './pipeline-config';
import type {
  PeerExit,
  PipelineHostMessage,
  PipelinePeer,
  PipelinePeerMessage,
  PipelinePeerSpawner,
  PipelineRole,
} from './pipeline-protocol';
import type { PipelineTally } from './pipeline-tally';
import type { WatchedThreadId } from '../sampler-protocol';

/** A participant that is not ready by then fails the run. */
const READY_TIMEOUT_MS = 30_000;

interface Member {
  role: PipelineRole;
  index: number;
  peer: PipelinePeer;
  isReady: boolean;
  saidBye: boolean;
  isKilled: boolean;
  exit: PeerExit | null;
}

/** What the group tells its owner. */
export interface PeerGroupHandlers {
  onTally(tally: PipelineTally): void;
  /** Any other message (the broker's traffic). */
  onMessage(role: PipelineRole, index: number, message: PipelinePeerMessage): void;
  /** A member is done: said bye, or exited (its exit is then the reason, if it failed). */
  onGone(role: PipelineRole, index: number): void;
  onFailure(error: SerializedError): void;
  /** A member told which OS thread runs it. */
  onThread?(role: PipelineRole, index: number, thread: WatchedThreadId): void;
}

export class PeerGroup {
  private readonly members: Member[] = [];
  private handlers: PeerGroupHandlers | null = null;
  private resolveExited: () => void = () => undefined;
  /** Resolves once every member has exited. */
  readonly exited = new Promise<void>((resolve) => (this.resolveExited = resolve));
  private killed = 0;

  constructor(
    private readonly config: PipelineConfig,
    private readonly spawn: PipelinePeerSpawner,
  ) {}

  /** Spawns everyone, sends each its init, and resolves once all are ready. */
  start(
    handlers: PeerGroupHandlers,
    initFor: (role: PipelineRole, index: number) => PipelineHostMessage,
  ): Promise<void> {
    this.handlers = handlers;
    return new Promise<void>((resolve, reject) => {
      let readyCount = 0;
      const total = this.config.producers + this.config.consumers;
      const timer = setTimeout(
        () =>
          reject(
            new LabError(
              'timeout',
              `pipeline participants were not ready within ${READY_TIMEOUT_MS / 1000} s`,
            ),
          ),
        READY_TIMEOUT_MS,
      );
      const onReady = (): void => {
        if (++readyCount === total) {
          clearTimeout(timer);
          resolve();
        }
      };
      const failEarly = (error: SerializedError): void => {
        clearTimeout(timer);
        reject(new LabError('worker-crashed', error.message));
      };
      const roles: [PipelineRole, number][] = [
        ...Array.from({ length: this.config.producers }, (_, i): [PipelineRole, number] => [
          'producer',
          i,
        ]),
        ...Array.from({ length: this.config.consumers }, (_, i): [PipelineRole, number] => [
          'consumer',
          i,
        ]),
      ];
      for (const [role, index] of roles) {
        let peer: PipelinePeer;
        try {
          peer = this.spawn(role, index);
        } catch (error) {
          failEarly(serializeError(error));
          return;
        }
        const member: Member = {
          role,
          index,
          peer,
          isReady: false,
          saidBye: false,
          isKilled: false,
          exit: null,
        };
        this.members.push(member);
        peer.onMessage((message) => {
          if (message.type === 'ready' && !member.isReady) {
            member.isReady = true;
            if (message.thread) handlers.onThread?.(role, index, message.thread);
            onReady();
          } else this.route(member, message);
        });
        peer.onExit((exit) => {
          member.exit = exit;
          // One we killed ended as we asked; any other early exit is a crash.
          if (!member.isReady && !member.isKilled) failEarly(this.describeExit(member, exit));
          else if (!member.saidBye && !member.isKilled) this.fail(this.describeExit(member, exit));
          if (!member.saidBye) this.handlers?.onGone(role, index);
          if (this.members.length === total && this.members.every((m) => m.exit !== null)) {
            this.resolveExited();
          }
        });
        peer.post(initFor(role, index));
      }
    });
  }

  /** Sends `message` to one member, if it is still there. */
  post(role: PipelineRole, index: number, message: PipelineHostMessage): void {
    const member = this.members.find((m) => m.role === role && m.index === index);
    if (member && member.exit === null) member.peer.post(message);
  }

  /** Sends `message` to every member still there. */
  broadcast(message: PipelineHostMessage): void {
    for (const member of this.members) if (member.exit === null) member.peer.post(message);
  }

  /** Terminates every member still running; counts them. */
  killAll(): void {
    for (const member of this.members) {
      if (member.exit !== null) continue;
      if (!member.saidBye) this.killed++;
      member.isKilled = true;
      member.peer.kill();
    }
  }

  /** Members that had to be killed before they were done. */
  get terminated(): number {
    return this.killed;
  }

  private route(member: Member, message: PipelinePeerMessage): void {
    switch (message.type) {
      case 'tally':
        this.handlers?.onTally(message.tally);
        return;
      case 'bye':
        member.saidBye = true;
        this.handlers?.onGone(member.role, member.index);
        return;
      case 'error':
        this.fail(message.error);
        return;
      default:
        this.handlers?.onMessage(member.role, member.index, message);
    }
  }

  private fail(error: SerializedError): void {
    this.handlers?.onFailure(error);
  }

  private describeExit(member: Member, exit: PeerExit): SerializedError {
    const how = exit.error
      ? exit.error.message
      : exit.signal
        ? `was killed by ${exit.signal}`
        : `exited with code ${exit.code}`;
    return {
      name: 'LabError',
      code: 'worker-crashed',
      message: `${member.role} ${member.index} ${how} before it finished`,
    };
  }
}
