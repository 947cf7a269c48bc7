/**
 * A bounded queue for async code on one thread: `put` awaits room, `get` awaits an item.
 * No lock: one thread runs one callback at a time, so only the awaits interleave. This is
 * the queue of the event-loop and renderer-main models (Python's asyncio.Queue, in JS).
 */
import { invalidArgument } from '../errors';

/** Why a put or get gave up: producers were told to stop, or everything was halted. */
export type QueueClosed = 'closed';

export class AsyncBoundedQueue<T> {
  private readonly items: T[] = [];
  private head = 0;
  private readonly roomWaiters: (() => void)[] = [];
  private readonly itemWaiters: (() => void)[] = [];
  private isPutClosed = false;
  private isHalted = false;
  private deepest = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw invalidArgument('capacity', `must be a positive integer (got ${capacity})`);
    }
  }

  /** Events in the queue now. */
  get depth(): number {
    return this.items.length - this.head;
  }

  /** The deepest the queue has been. */
  get maxDepth(): number {
    return this.deepest;
  }

  /**
   * Adds `item` once there is room. Resolves true when it went in, false when producers were
   * stopped (or all halted) before room came: a stopped producer's last event is not sent.
   */
  async put(item: T): Promise<boolean> {
    // A loop, not one wait: another producer may take the room between wake-up and resume.
    while (this.depth >= this.capacity) {
      if (this.isPutClosed || this.isHalted) return false;
      await new Promise<void>((resolve) => this.roomWaiters.push(resolve));
    }
    if (this.isPutClosed || this.isHalted) return false;
    this.items.push(item);
    this.deepest = Math.max(this.deepest, this.depth);
    this.itemWaiters.shift()?.();
    return true;
  }

  /**
   * Takes the oldest item, waiting while the queue is empty. Resolves 'closed' once the queue
   * is empty and producers are stopped (drained), or at once when halted.
   */
  async get(): Promise<T | QueueClosed> {
    while (this.depth === 0) {
      if (this.isPutClosed || this.isHalted) return 'closed';
      await new Promise<void>((resolve) => this.itemWaiters.push(resolve));
    }
    if (this.isHalted) return 'closed';
    const item = this.items[this.head]!;
    this.head++;
    // Compact now and then, so a long run does not keep every item it ever held.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items.splice(0, this.head);
      this.head = 0;
    }
    this.roomWaiters.shift()?.();
    return item;
  }

  /** No more puts: waiting producers give up; consumers drain what is left, then get 'closed'. */
  closeProducers(): void {
    this.isPutClosed = true;
    this.wakeAll();
  }

  /** Everyone gives up at once; what is in the queue stays there. */
  halt(): void {
    this.isHalted = true;
    this.wakeAll();
  }

  /** The items still in the queue, oldest first. */
  remaining(): T[] {
    return this.items.slice(this.head);
  }

  private wakeAll(): void {
    for (const wake of this.roomWaiters.splice(0)) wake();
    for (const wake of this.itemWaiters.splice(0)) wake();
  }
}
