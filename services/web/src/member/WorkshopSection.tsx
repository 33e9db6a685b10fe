// My workshop and its calendar: the workshop the member was placed in, its sessions and the
// assembly's plenaries (dates in the reader's language, Paris time), and the address of the
// member's own calendar feed to subscribe to (GET /v1/members/{id}/calendar-link: a signed path
// of the workshops service, reached through the gateway; calendar applications send no token).
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Badge from "@codegouvfr/react-dsfr/Badge";
import Button from "@codegouvfr/react-dsfr/Button";
import Input from "@codegouvfr/react-dsfr/Input";
import { useEffect, useState } from "react";

import { api } from "../api/client";
import { useI18n } from "../i18n/i18n";
import type { Session, Workshop } from "./model";
import type { SectionProps } from "./sections";
import { useMyWorkshop } from "./useMyWorkshop";

export function WorkshopSection({ member, memberId }: SectionProps) {
  const { t, has } = useI18n();
  // The catalogue names the usual themes in the reader's language; others as the service does.
  const name = (w: Workshop) => {
    const key = `member.theme.${w.theme}`;
    return has(key) ? t(key) : (w.title ?? w.theme ?? "");
  };
  const { mine, reload } = useMyWorkshop(member);
  const [feed, setFeed] = useState<string | undefined | null>();
  useEffect(() => {
    api.workshops
      .GET("/v1/members/{id}/calendar-link", { params: { path: { id: memberId } } })
      .then(
        ({ data }) => setFeed(data?.path ? `${window.location.origin}/api/workshops${data.path}` : null),
        () => setFeed(null),
      );
  }, [memberId]);

  return (
    <div>
      <h1>{t("member.workshop.title")}</h1>
      {mine.state === "loading" && <p role="status">{t("member.loading")}</p>}
      {mine.state === "failed" && (
        <>
          <Alert severity="error" small description={t("member.error.server")} />
          <Button className={fr.cx("fr-mt-2w")} priority="secondary" onClick={reload}>
            {t("member.retry")}
          </Button>
        </>
      )}
      {mine.state === "ready" && (
        <>
          {mine.workshop ? (
            <p className={fr.cx("fr-text--lead")}>
              {t("member.workshop.yours", { title: name(mine.workshop) })}
            </p>
          ) : (
            <p>{t("member.workshop.none")}</p>
          )}
          <h2>{t("member.workshop.sessions")}</h2>
          {mine.sessions.length === 0 ? (
            <p>{t("member.workshop.noSessions")}</p>
          ) : (
            <SessionList sessions={mine.sessions} />
          )}
        </>
      )}
      <h2 className={fr.cx("fr-mt-4w")}>{t("member.workshop.calendar.title")}</h2>
      <p>{t("member.workshop.calendar.text")}</p>
      {feed === null && <Alert severity="error" small description={t("member.error.server")} />}
      {feed && (
        <>
          <Input
            label={t("member.workshop.calendar.label")}
            hintText={t("member.workshop.calendar.hint")}
            nativeInputProps={{ id: "member-calendar", readOnly: true, value: feed, onFocus: (e) => e.target.select() }}
          />
          <a className={fr.cx("fr-link", "fr-icon-calendar-line", "fr-link--icon-left")} href={feed}>
            {t("member.workshop.calendar.download")}
          </a>
        </>
      )}
    </div>
  );
}

export function SessionList({ sessions }: { sessions: Session[] }) {
  const { t, has, range } = useI18n();
  return (
    <ul className={fr.cx("fr-raw-list")}>
      {sessions.map((s) => {
        const type = `member.session.type.${s.type}`;
        return (
          <li key={s.id} className={fr.cx("fr-mb-3w")}>
            <h3 className={fr.cx("fr-h6", "fr-mb-1v")}>
              {s.title}
              {s.state === "cancelled" && (
                <Badge severity="warning" small className={fr.cx("fr-ml-1w")}>
                  {t("member.session.cancelled")}
                </Badge>
              )}
            </h3>
            <p className={fr.cx("fr-mb-0")}>
              {has(type) ? t(type) : s.type}
              {s.starts_at && s.ends_at && <> — {range(new Date(s.starts_at), new Date(s.ends_at))}</>}
            </p>
            {s.place && <p className={fr.cx("fr-mb-0", "fr-text--sm")}>{t("member.session.place", { place: s.place })}</p>}
          </li>
        );
      })}
    </ul>
  );
}
