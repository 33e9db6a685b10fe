// A table in the DSFR's markup (1.12 and later: wrapper, container, content), its caption naming
// it, its columns' headers, and optionally the first cell of each row as the row's header. When
// it is wider than the screen (a phone), its own region scrolls, not the page; that region takes
// the keyboard focus (Tab, then the arrow keys scroll it: RGAA 7.3, axe's
// scrollable-region-focusable) and is named by the caption.
import { fr } from "@codegouvfr/react-dsfr";
import { type ReactNode, useId } from "react";

export interface TableProps {
  caption: ReactNode;
  headers: ReactNode[];
  rows: ReactNode[][];
  rowHeaders?: boolean;
  keys?: string[]; // a stable key per row (its object's id), else the row's position
  // The order a column sorts the rows in, for the columns that sort (aria-sort on its header).
  sorted?: ("ascending" | "descending" | "none" | undefined)[];
  className?: string;
}

export function Table({ caption, headers, rows, rowHeaders = false, keys, sorted, className }: TableProps) {
  const id = useId();
  return (
    <div className={`${fr.cx("fr-table", "fr-table--bordered")}${className ? ` ${className}` : ""}`}>
      <div className={fr.cx("fr-table__wrapper")}>
        <div className={fr.cx("fr-table__container")}>
          <div className={fr.cx("fr-table__content")} tabIndex={0} role="region" aria-labelledby={`${id}-caption`}>
            <table>
              <caption id={`${id}-caption`}>{caption}</caption>
              <thead>
                <tr>
                  {headers.map((h, i) => (
                    <th key={i} scope="col" aria-sort={sorted?.[i]}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row, i) => (
                  <tr key={keys?.[i] ?? i}>
                    {row.map((cell, j) =>
                      rowHeaders && j === 0 ? (
                        <th key={j} scope="row">
                          {cell}
                        </th>
                      ) : (
                        <td key={j}>{cell}</td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
