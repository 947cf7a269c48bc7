import { describe, expect, it } from 'vitest';
import { CreditBroker } from '../../../../src/shared/pipeline/credit-broker';
import type { PipelineHostMessage } from '../../../../src/shared/pipeline/pipeline-protocol';

type Sent = [role: 'producer' | 'consumer', index: number, message: PipelineHostMessage];

/** A broker whose sends are recorded. */
function broker(capacity: number, producers: number, consumers: number) {
  const sent: Sent[] = [];
  const instance = new CreditBroker(capacity, producers, consumers, (role, index, message) =>
    sent.push([role, index, message]),
  );
  const credits = (producer: number) =>
    sent.filter(
      ([role, index, m]) => role === 'producer' && index === producer && m.type === 'credit',
    ).length;
  return { broker: instance, sent, credits };
}

const event = (producer: number, seq: number) => ({
  producer,
  seq,
  value: 1,
  sendEpochMs: 0,
});

describe('CreditBroker', () => {
  it('grants no more credits than there is free room, so a full queue blocks producers', () => {
    const { broker: b, credits } = broker(2, 3, 1);
    for (const p of [0, 1, 2]) b.fromProducer(p, { type: 'want' });
    expect(credits(0) + credits(1) + credits(2)).toBe(2);
    expect(credits(2)).toBe(0);
    b.fromProducer(0, { type: 'put', event: event(0, 0) });
    b.fromProducer(1, { type: 'put', event: event(1, 0) });
    // Two events queued, no consumer: no room, so producer 2 and the others still wait.
    expect(b.depth).toBe(2);
    expect(credits(0) + credits(1) + credits(2)).toBe(2);
    b.fromConsumer(0, { type: 'take' });
    // One event left for the consumer: one credit freed, for the producer that asked first.
    expect(b.depth).toBe(1);
    expect(credits(2)).toBe(1);
    expect(b.maxDepth).toBe(2);
  });

  it('hands events to consumers in the order they were put', () => {
    const { broker: b, sent } = broker(4, 1, 2);
    b.fromProducer(0, { type: 'want' });
    for (let seq = 0; seq < 3; seq++) b.fromProducer(0, { type: 'put', event: event(0, seq) });
    b.fromConsumer(1, { type: 'take' });
    b.fromConsumer(0, { type: 'take' });
    const handed = sent
      .filter(([role, , m]) => role === 'consumer' && m.type === 'event')
      .map(([, index, m]) => [index, m.type === 'event' ? m.event.seq : -1]);
    expect(handed).toEqual([
      [1, 0],
      [0, 1],
    ]);
  });

  it('on a graceful stop tells producers, drains, then ends waiting consumers', () => {
    const { broker: b, sent } = broker(4, 1, 1);
    b.fromProducer(0, { type: 'want' });
    b.fromProducer(0, { type: 'put', event: event(0, 0) });
    b.stopProducers();
    expect(sent.some(([role, , m]) => role === 'producer' && m.type === 'stop')).toBe(true);
    b.producerGone(0);
    b.fromConsumer(0, { type: 'take' });
    expect(sent.at(-1)).toEqual([
      'consumer',
      0,
      { type: 'event', event: event(0, 0), heldMs: expect.any(Number) },
    ]);
    b.fromConsumer(0, { type: 'take' });
    expect(sent.at(-1)).toEqual(['consumer', 0, { type: 'end' }]);
  });

  it('on halt tells everyone and keeps what is queued', () => {
    const { broker: b, sent } = broker(4, 1, 1);
    b.fromProducer(0, { type: 'want' });
    b.fromProducer(0, { type: 'put', event: event(0, 0) });
    b.halt();
    b.fromConsumer(0, { type: 'take' });
    expect(sent.filter(([, , m]) => m.type === 'halt')).toHaveLength(2);
    expect(sent.some(([, , m]) => m.type === 'event')).toBe(false);
    expect(b.remaining()).toEqual([event(0, 0)]);
  });
});
