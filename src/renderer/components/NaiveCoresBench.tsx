/**
 * The baseline the live view is measured against (page mode #bench-cores-naive): the
 * obvious recharts design, one Line per core over 600 points, re-rendered at every sample
 * with animation off. It exists only so bench/ui-cores.ts can report a side-by-side ratio.
 */
import { useEffect, useState } from 'react';
import { Line, LineChart, XAxis, YAxis } from 'recharts';
import { nextLoads } from './CoresBench';

export interface NaiveCoresBenchProps {
  cores: number;
  hz?: number;
}

const WINDOW_POINTS = 600;

/** Renders a recharts LineChart with one series per core, fed a synthetic stream. */
export function NaiveCoresBench({ cores, hz = 10 }: NaiveCoresBenchProps) {
  const [rows, setRows] = useState<Record<string, number>[]>([]);

  useEffect(() => {
    let loads = Array.from({ length: cores }, (_, i) => (i * 37) % 100);
    let t = 0;
    const timer = setInterval(() => {
      loads = nextLoads(loads);
      const row: Record<string, number> = { t: t++ };
      loads.forEach((load, core) => (row[`c${core}`] = load));
      setRows((previous) => [...previous.slice(-(WINDOW_POINTS - 1)), row]);
      const chart = document.querySelector<HTMLElement>('[data-testid=core-chart]');
      if (chart) chart.dataset.samples = String(t);
    }, 1000 / hz);
    return () => clearInterval(timer);
  }, [cores, hz]);

  return (
    <main className="bench-page" data-testid="core-chart" data-cores={cores}>
      <LineChart width={1100} height={400} data={rows}>
        <XAxis dataKey="t" />
        <YAxis domain={[0, 100]} />
        {Array.from({ length: cores }, (_, core) => (
          <Line key={core} dataKey={`c${core}`} dot={false} isAnimationActive={false} />
        ))}
      </LineChart>
    </main>
  );
}
