// A horizontal bar chart drawn by us (ui/Bars, no chart library), with its table equivalent: the
// drawing is hidden from assistive technologies, the table (the same figures, in words) is read
// instead and shown to everyone. The bar's length only repeats the figure written beside it.
import { fr } from "@codegouvfr/react-dsfr";
import { useId } from "react";

import { BarsDrawing } from "./Bars";
import { Table } from "./Table";

export interface Bar {
  label: string;
  value: number;
}

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
  return (
    <figure className="console-chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className={fr.cx("fr-h6")}>
        {title}
      </figcaption>
      <BarsDrawing rows={bars.map((b) => ({ label: b.label, bars: [{ fraction: b.value / max, text: format(b.value) }] }))} />
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
