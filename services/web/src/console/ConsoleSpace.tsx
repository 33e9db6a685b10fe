// The organisers' console (/console): the assemblies the signed-in staff account acts in, then one
// assembly's side menu of sections (sections.ts) in the order of the process, each shown only to
// the roles that may work there. Signed out: an invitation to sign in; signed in without a staff
// role: a page saying the console is not open.
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Button from "@codegouvfr/react-dsfr/Button";
import SideMenu from "@codegouvfr/react-dsfr/SideMenu";
import type { User } from "oidc-client-ts";
import { useCallback, useEffect, useRef, useState } from "react";

import { api } from "../api/client";
import { signIn } from "../auth/auth";
import { useI18n } from "../i18n/i18n";
import { AssemblyChooser } from "./AssemblyChooser";
import { link } from "./link";
import { type Assembly, actsIn, consolePath, hasRole, type Staff, splitConsolePath, staffOf } from "./model";
import { Overview } from "./Overview";
import { sections } from "./sections";
import "./console.css";

type Loaded = { state: "loading" } | { state: "ok"; assembly: Assembly } | { state: "missing" } | { state: "failed" };

function Box({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className={fr.cx("fr-my-6w", "fr-col-12", "fr-col-md-8")}>
      <h1>{title}</h1>
      {children}
    </div>
  );
}

// `user`: undefined while the session is read, null when nobody is signed in.
export function ConsoleSpace({ path, user }: { path: string; user: User | null | undefined }) {
  const { t } = useI18n();
  const where = splitConsolePath(path) ?? { rest: [] };
  const staff = user ? staffOf(user.access_token) : undefined;

  useEffect(() => {
    if (!where.assembly) document.title = `${t("console.assemblies.title")} — ${t("console.title")} — ${t("app.operator")}`;
  }, [where.assembly, t]);

  if (user === undefined) return <p role="status">{t("console.loading")}</p>;
  if (user === null)
    return (
      <Box title={t("console.title")}>
        <p>{t("console.signedOut.text")}</p>
        <Button iconId="fr-icon-account-circle-line" onClick={() => void signIn(path)}>
          {t("console.signedOut.signIn")}
        </Button>
      </Box>
    );
  if (!staff)
    return (
      <Box title={t("console.title")}>
        <Alert severity="info" small description={t("console.notStaff.text")} />
      </Box>
    );
  if (!where.assembly) return <AssemblyChooser staff={staff} />;
  return <AssemblyConsole id={where.assembly} section={where.section} rest={where.rest} staff={staff} />;
}

function AssemblyConsole({ id, section: segment, rest, staff }: { id: string; section?: string; rest: string[]; staff: Staff }) {
  const { t } = useI18n();
  const [loaded, setLoaded] = useState<Loaded>({ state: "loading" });
  const load = useCallback(async () => {
    try {
      const { data, response } = await api.membership.GET("/v1/assemblies/{id}", { params: { path: { id } } });
      if (data) setLoaded({ state: "ok", assembly: data });
      else setLoaded({ state: response.status === 404 ? "missing" : "failed" });
    } catch {
      setLoaded({ state: "failed" });
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load, segment]);

  const section = sections.find((s) => s.path === segment);
  const open = section ? hasRole(staff, section.roles) : true;
  const visible = sections.filter((s) => hasRole(staff, s.roles));
  const name = loaded.state === "ok" ? loaded.assembly.name || id : id;
  const title = !segment ? name : section ? t(section.label) : t("console.notFound.title");
  useEffect(() => {
    document.title = `${title}${segment ? ` — ${name}` : ""} — ${t("console.title")} — ${t("app.operator")}`;
  }, [title, name, segment, t]);

  // Another section chosen: the focus goes to it (a screen reader reads it; on a phone the page
  // scrolls past the menu).
  const content = useRef<HTMLDivElement>(null);
  const shown = useRef(segment);
  useEffect(() => {
    if (shown.current === segment) return;
    shown.current = segment;
    content.current?.focus();
  }, [segment]);

  if (!actsIn(staff, id))
    return (
      <Box title={t("console.title")}>
        <Alert severity="warning" small description={t("console.outOfScope.text")} />
        <p className={fr.cx("fr-mt-2w")}>
          <a className={fr.cx("fr-link")} {...link(consolePath())}>
            {t("console.overview.change")}
          </a>
        </p>
      </Box>
    );
  if (loaded.state === "loading") return <p role="status">{t("console.loading")}</p>;
  if (loaded.state === "missing")
    return (
      <Box title={t("console.notFound.title")}>
        <p>{t("console.notFound.text")}</p>
        <a className={fr.cx("fr-link")} {...link(consolePath())}>
          {t("console.overview.change")}
        </a>
      </Box>
    );
  if (loaded.state === "failed")
    return (
      <Box title={t("console.title")}>
        <Alert severity="error" small description={t("console.error.load")} />
        <Button className={fr.cx("fr-mt-2w")} priority="secondary" onClick={() => void load()}>
          {t("console.retry")}
        </Button>
      </Box>
    );

  const assembly = loaded.assembly;
  const Current = section && open ? section.component : undefined;
  return (
    <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters", "fr-my-4w")}>
      <div className={fr.cx("fr-col-12", "fr-col-md-3")}>
        <SideMenu
          title={name}
          burgerMenuButtonText={t("console.menu")}
          items={[
            { text: t("console.overview.title"), isActive: !segment, linkProps: link(consolePath(id)) },
            ...visible.map((s) => ({
              text: t(s.label),
              isActive: s === section,
              linkProps: link(consolePath(id, s.path)),
            })),
          ]}
        />
      </div>
      <div ref={content} tabIndex={-1} id="console-section" className={fr.cx("fr-col-12", "fr-col-md-9")}>
        <p className={fr.cx("fr-text--sm", "fr-mb-1w")}>
          {t("console.title")} — {name}
        </p>
        {!segment ? (
          <Overview assembly={assembly} staff={staff} />
        ) : Current ? (
          <Current assembly={assembly} staff={staff} rest={rest} />
        ) : section ? (
          <>
            <h1>{t("console.forbidden.title")}</h1>
            <p>{t("console.forbidden.text")}</p>
          </>
        ) : (
          <>
            <h1>{t("console.notFound.title")}</h1>
            <p>{t("console.notFound.text")}</p>
          </>
        )}
      </div>
    </div>
  );
}
