// A table in the DSFR's frame (scrolls sideways on a narrow screen rather than the page), with
// its caption: the rows and header are the caller's. The part that scrolls is a region named by
// the caption that takes the focus, so that it can be scrolled with the keyboard.
import { fr } from "@codegouvfr/react-dsfr";
import type { ReactNode } from "react";

export function TableFrame({ caption, children, hideCaption = false }: { caption: string; children: ReactNode; hideCaption?: boolean }) {
  return (
    <div className={fr.cx("fr-table", hideCaption && "fr-table--no-caption")}>
      <div className="fr-table__wrapper">
        <div className="fr-table__container" role="region" aria-label={caption} tabIndex={0}>
          <div className="fr-table__content">
            <table>
              <caption>{caption}</caption>
              {children}
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
