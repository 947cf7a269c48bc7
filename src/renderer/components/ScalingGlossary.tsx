/** The scaling terms in plain words: in the sweep panel and in "About these numbers". */
import { SCALING_GLOSSARY } from '../../shared/stats/scaling-words';

export interface ScalingGlossaryProps {
  className?: string;
}

/** A definition list of contention, coherency, γ, Amdahl's serial fraction and intervals. */
export function ScalingGlossary({ className = 'about-list' }: ScalingGlossaryProps) {
  return (
    <dl className={className} data-testid="scaling-glossary">
      {SCALING_GLOSSARY.map(({ term, symbol, meaning }) => (
        <div key={term} className="glossary-entry">
          <dt>
            {term} ({symbol})
          </dt>
          <dd>{meaning}</dd>
        </div>
      ))}
    </dl>
  );
}
