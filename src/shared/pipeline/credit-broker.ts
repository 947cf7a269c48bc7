/**
 * The broker of a message-passing pipeline: the host holds the one bounded queue, and
 * producers and consumers only send it messages. Backpressure by credits: a producer may put
 * an event only with a credit, and the broker grants one only while queued events plus
 * credits out stay within capacity, so a full queue leaves producers waiting.
 */
import { invalidArgument } from '../errors';
import type { PipelineEvent } from './pipeline-event';
import type { PipelineHostMessage, PipelinePeerMessage } from './pipeline-protocol';

/** A participant's ask and when it arrived, so the answer can say how long it was held. */
interface Ask {
  index: number;
  atMs: number;
}

const ask = (index: number): Ask => ({ index, atMs: performance.now() });
const heldMs = (asked: Ask): number => performance.now() - asked.atMs;

export class CreditBroker {
  private readonly queue: PipelineEvent[] = [];
  private head = 0;
  private deepest = 0;
  /** Credits granted and not yet spent, per producer. */
  private readonly creditsOut: number[];
  /** Producers waiting for a credit, in the order they asked, and since when (ms). */
  private readonly wantingCredit: Ask[] = [];
  /** Consumers waiting for an event, in the order they asked, and since when (ms). */
  private readonly wantingEvent: Ask[] = [];
  private readonly producersActive: boolean[];
  private readonly consumersEnded: boolean[];
  private isStopping = false;
  private isHalted = false;

  constructor(
    readonly capacity: number,
    producers: number,
    consumers: number,
    private readonly send: (
      role: 'producer' | 'consumer',
      index: number,
      message: PipelineHostMessage,
    ) => void,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw invalidArgument('capacity', `must be a positive integer (got ${capacity})`);
    }
    this.creditsOut = Array.from({ length: producers }, () => 0);
    this.producersActive = Array.from({ length: producers }, () => true);
    this.consumersEnded = Array.from({ length: consumers }, () => false);
  }

  get depth(): number {
    return this.queue.length - this.head;
  }

  get maxDepth(): number {
    return this.deepest;
  }

  /** Handles a producer's message. */
  fromProducer(index: number, message: PipelinePeerMessage): void {
    switch (message.type) {
      case 'want':
        this.wantingCredit.push(ask(index));
        break;
      case 'put':
        this.creditsOut[index] = Math.max(0, this.creditsOut[index]! - 1);
        this.queue.push(message.event);
        this.deepest = Math.max(this.deepest, this.depth);
        // A put also asks for the next credit, which saves a message per event.
        if (this.producersActive[index]) this.wantingCredit.push(ask(index));
        break;
      default:
        return;
    }
    this.pump();
  }

  /** Handles a consumer's message. */
  fromConsumer(index: number, message: PipelinePeerMessage): void {
    if (message.type !== 'take') return;
    this.wantingEvent.push(ask(index));
    this.pump();
  }

  /** A producer has gone (said bye or exited): its unspent credits free their room. */
  producerGone(index: number): void {
    this.producersActive[index] = false;
    this.creditsOut[index] = 0;
    this.pump();
  }

  /** A consumer has gone: it asks for nothing more. */
  consumerGone(index: number): void {
    this.consumersEnded[index] = true;
    this.pump();
  }

  /** Graceful stop, step one: producers stop; consumers drain what is queued. */
  stopProducers(): void {
    this.isStopping = true;
    this.wantingCredit.length = 0;
    this.producersActive.forEach((isActive, index) => {
      if (isActive) this.send('producer', index, { type: 'stop' });
    });
    this.pump();
  }

  /** Forced stop: nobody gets anything more; what is queued stays queued. */
  halt(): void {
    this.isHalted = true;
    this.wantingCredit.length = 0;
    this.wantingEvent.length = 0;
    this.producersActive.forEach((isActive, index) => {
      if (isActive) this.send('producer', index, { type: 'halt' });
    });
    this.consumersEnded.forEach((isEnded, index) => {
      if (!isEnded) this.send('consumer', index, { type: 'halt' });
    });
  }

  /** The events still queued, oldest first. */
  remaining(): PipelineEvent[] {
    return this.queue.slice(this.head);
  }

  /** Hands queued events to waiting consumers and free room to waiting producers. */
  private pump(): void {
    if (this.isHalted) return;
    while (this.depth > 0 && this.wantingEvent.length > 0) {
      const asked = this.wantingEvent.shift()!;
      if (this.consumersEnded[asked.index]) continue;
      const event = this.queue[this.head]!;
      this.head++;
      this.send('consumer', asked.index, { type: 'event', event, heldMs: heldMs(asked) });
    }
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    const creditsOut = this.creditsOut.reduce((sum, credits) => sum + credits, 0);
    let room = this.capacity - this.depth - creditsOut;
    while (room > 0 && this.wantingCredit.length > 0 && !this.isStopping) {
      const asked = this.wantingCredit.shift()!;
      if (!this.producersActive[asked.index]) continue;
      this.creditsOut[asked.index]!++;
      room--;
      this.send('producer', asked.index, { type: 'credit', heldMs: heldMs(asked) });
    }
    if (this.depth === 0 && this.producersActive.every((isActive) => !isActive)) {
      // Drained and no producer left: waiting consumers are done.
      for (const { index } of this.wantingEvent.splice(0)) {
        if (!this.consumersEnded[index]) this.send('consumer', index, { type: 'end' });
      }
    }
  }
}
