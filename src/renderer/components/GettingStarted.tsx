/** What to do and what to watch, shown until the first result arrives. */

/** A short guide in place of the empty results area. */
export function GettingStarted() {
  return (
    <section className="panel getting-started" aria-labelledby="start-title">
      <h2 id="start-title">Compare concurrency models on this machine</h2>
      <ol>
        <li>
          Pick a <strong>workload</strong>: CPU-bound work shows which models use every core;
          I/O-bound work shows that waiting needs no extra cores.
        </li>
        <li>
          Choose the <strong>models</strong> and set each one&apos;s worker count with its slider.
        </li>
        <li>
          Press <strong>Run</strong> and watch the live cores: parallel models light up every row,
          the event loop keeps to one core, and the renderer main thread makes this window stutter
          (see its frame delay).
        </li>
        <li>
          <strong>Sweep</strong> one model from 1 to K workers to see how its speedup grows, and
          where it stops growing.
        </li>
      </ol>
    </section>
  );
}
