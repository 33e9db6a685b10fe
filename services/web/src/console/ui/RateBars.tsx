// Shares (0 to 1) as horizontal bars on a grey track (ui/Bars), one per line, with their table
// equivalent (the figures the bars draw, for screen readers and for reading exact values). The
// drawing is decorative (aria-hidden): the table says everything it shows.
import { fr } from "@codegouvfr/react-dsfr";

import { BarsDrawing } from "./Bars";
import { Table } from "./Table";

export interface RateBar {
  label: string;
  rate: number; // 0..1
  detail: string; // the figures behind the share, in words ("12 of 15")
}

export function RateBars({ id, caption, bars, labelHeader, rateHeader, detailHeader, format }: {
  id: string;
  caption: string;
  bars: RateBar[];
  labelHeader: string;
  rateHeader: string;
  detailHeader: string;
  format: (rate: number) => string;
}) {
  return (
    <figure className="console-chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{caption}</figcaption>
      <BarsDrawing track rows={bars.map((b) => ({ label: b.label, bars: [{ fraction: b.rate, text: format(b.rate) }] }))} />
      <Table
        className={`${fr.cx("fr-table--no-caption")} ${id}-table`}
        caption={caption}
        headers={[labelHeader, rateHeader, detailHeader]}
        rowHeaders
        keys={bars.map((b) => b.label)}
        rows={bars.map((b) => [b.label, format(b.rate), b.detail])}
      />
    </figure>
  );
}
