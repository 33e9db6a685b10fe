// The drawing the console's charts share (BarChart, RateBars, ShareChart): a row per label with
// its bars, each a fraction of the row's track with its figure written after it. The words are
// HTML, so they keep the page's size on a phone (the label goes above its bars below 36 em), and
// the bars are SVG whose lengths are attributes (the CSP refuses inline styles). The drawing is
// hidden from assistive technologies: every chart gives the same figures as a table.
import "./widgets.css";

export interface DrawnBar {
  fraction: number; // of the track, 0 to 1
  text: string; // the figure, written after the bar
  kind?: "main" | "reference";
}

export interface DrawnRow {
  label: string;
  bars: DrawnBar[];
}

const clamp = (f: number) => (Number.isFinite(f) ? Math.max(0, Math.min(1, f)) : 0);

export function BarsDrawing({ rows, track = false }: { rows: DrawnRow[]; track?: boolean }) {
  return (
    <div className="console-bars" aria-hidden="true">
      {rows.map((r) => (
        <div className="console-bars__row" key={r.label}>
          <span className="console-bars__label">{r.label}</span>
          <span className="console-bars__bars">
            {r.bars.map((b, i) => (
              <span className="console-bars__bar" key={i}>
                <svg
                  viewBox="0 0 1000 10"
                  preserveAspectRatio="none"
                  focusable="false"
                  className={`console-bars__svg console-bars__svg--${b.kind ?? "main"}`}
                >
                  {track && <rect width="1000" height="10" className="console-bars__track" />}
                  <rect width={Math.round(clamp(b.fraction) * 1000)} height="10" className="console-bars__fill" />
                </svg>
                <span className="console-bars__value">{b.text}</span>
              </span>
            ))}
          </span>
        </div>
      ))}
    </div>
  );
}
