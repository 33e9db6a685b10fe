// A horizontal bar chart drawn in SVG by us (no chart library), with its table equivalent: the
// drawing is hidden from assistive technologies, the table (the same figures, in words) is read
// instead and shown to everyone. Colours are presentation attributes (the CSP refuses inline
// styles); the bar's length only repeats the figure written beside it.
import { fr } from "@codegouvfr/react-dsfr";
import { useId } from "react";

import { Table } from "./Table";

export interface Bar {
  label: string;
  value: number;
}

const WIDTH = 640;
const LABEL = 270;
const ROW = 36;
const BAR = 22;
const BLUE_FRANCE = "#000091";
const TEXT = "#161616";

export function BarChart({
  title,
  bars,
  valueHeader,
  format = String,
}: {
  title: string;
  bars: Bar[];
  valueHeader: string;
  format?: (n: number) => string;
}) {
  const id = useId();
  const max = Math.max(1, ...bars.map((b) => b.value));
  const room = WIDTH - LABEL - 60;
  return (
    <figure className={fr.cx("fr-my-3w")} aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className={fr.cx("fr-h6")}>
        {title}
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${bars.length * ROW}`} width="100%" aria-hidden="true" focusable="false">
        {bars.map((b, i) => {
          const y = i * ROW;
          const length = Math.round((b.value / max) * room);
          return (
            <g key={b.label}>
              <text x={LABEL - 8} y={y + ROW / 2 + 5} textAnchor="end" fontSize="15" fill={TEXT}>
                {b.label}
              </text>
              <rect x={LABEL} y={y + (ROW - BAR) / 2} width={Math.max(length, b.value > 0 ? 2 : 0)} height={BAR} fill={BLUE_FRANCE} />
              <text x={LABEL + length + 8} y={y + ROW / 2 + 5} fontSize="15" fill={TEXT}>
                {format(b.value)}
              </text>
            </g>
          );
        })}
      </svg>
      <Table
        className={fr.cx("fr-table--no-caption")}
        caption={title}
        headers={[title, valueHeader]}
        rowHeaders
        keys={bars.map((b) => b.label)}
        rows={bars.map((b) => [b.label, format(b.value)])}
      />
    </figure>
  );
}
