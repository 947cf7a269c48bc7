import { describe, expect, it } from 'vitest';
import { AsyncBoundedQueue } from '../../../../src/shared/pipeline/async-queue';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('AsyncBoundedQueue', () => {
  it('hands items out first in, first out', async () => {
    const queue = new AsyncBoundedQueue<number>(4);
    for (const item of [1, 2, 3]) await queue.put(item);
    expect([await queue.get(), await queue.get(), await queue.get()]).toEqual([1, 2, 3]);
  });

  it('makes a put wait while the queue is full, until a get makes room', async () => {
    const queue = new AsyncBoundedQueue<number>(2);
    await queue.put(1);
    await queue.put(2);
    let isPut = false;
    const third = queue.put(3).then((ok) => (isPut = ok));
    await tick();
    expect(isPut).toBe(false);
    expect(queue.depth).toBe(2);
    expect(await queue.get()).toBe(1);
    await third;
    expect(isPut).toBe(true);
    expect(queue.maxDepth).toBe(2);
  });

  it('makes a get wait while the queue is empty', async () => {
    const queue = new AsyncBoundedQueue<string>(1);
    const got = queue.get();
    await tick();
    await queue.put('a');
    expect(await got).toBe('a');
  });

  it('never holds more than its capacity with many producers racing', async () => {
    const queue = new AsyncBoundedQueue<number>(3);
    const depths: number[] = [];
    const producers = Array.from({ length: 8 }, async (_, p) => {
      for (let i = 0; i < 50; i++) {
        await queue.put(p * 100 + i);
        depths.push(queue.depth);
      }
    });
    const taken: number[] = [];
    const consumer = (async () => {
      while (taken.length < 400) {
        const item = await queue.get();
        if (item !== 'closed') taken.push(item);
        await tick();
      }
    })();
    await Promise.all([...producers, consumer]);
    expect(Math.max(...depths)).toBeLessThanOrEqual(3);
    expect(queue.maxDepth).toBe(3);
    expect(new Set(taken).size).toBe(400);
  });

  it('after closeProducers, refuses puts, drains what is queued, then says closed', async () => {
    const queue = new AsyncBoundedQueue<number>(1);
    await queue.put(1);
    const blocked = queue.put(2);
    queue.closeProducers();
    expect(await blocked).toBe(false);
    expect(await queue.put(3)).toBe(false);
    expect(await queue.get()).toBe(1);
    expect(await queue.get()).toBe('closed');
  });

  it('after halt, wakes a waiting get with closed and keeps what is queued', async () => {
    const queue = new AsyncBoundedQueue<number>(2);
    const waiting = queue.get();
    await tick();
    queue.halt();
    expect(await waiting).toBe('closed');
    const other = new AsyncBoundedQueue<number>(2);
    await other.put(7);
    other.halt();
    expect(await other.get()).toBe('closed');
    expect(other.remaining()).toEqual([7]);
  });
});
