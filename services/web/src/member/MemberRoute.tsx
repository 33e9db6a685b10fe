// /espace-membre/<section>: one section of the members' space, for the signed-in member (their
// id is the access token's `member_id` claim); someone not signed in is asked to sign in first,
// and comes back here.
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Button from "@codegouvfr/react-dsfr/Button";
import type { User } from "oidc-client-ts";
import { useEffect, useState } from "react";

import { currentUser, signIn } from "../auth/auth";
import { useI18n } from "../i18n/i18n";
import { NotFoundPage } from "../pages/NotFoundPage";
import { sections } from "./sections";

export const MEMBER_PREFIX = "/espace-membre/";

// The member id of a signed-in user: the claim of the ID token, else of the access token.
export function memberIdOf(user: User | null): string | undefined {
  if (!user || user.expired) return undefined;
  const fromProfile = (user.profile as Record<string, unknown>).member_id;
  if (typeof fromProfile === "string" && fromProfile) return fromProfile;
  try {
    const payload = user.access_token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const claims = JSON.parse(atob(payload)) as { member_id?: unknown };
    return typeof claims.member_id === "string" && claims.member_id ? claims.member_id : undefined;
  } catch {
    return undefined;
  }
}

export function MemberRoute({ path }: { path: string }) {
  const { t } = useI18n();
  const [user, setUser] = useState<User | null | undefined>();
  useEffect(() => {
    currentUser().then(setUser, () => setUser(null));
  }, []);
  const section = sections.find((s) => `${MEMBER_PREFIX}${s.path}` === path.replace(/\/$/, ""));
  if (!section) return <NotFoundPage />;
  if (user === undefined) return <p role="status">{t("member.forms.loading")}</p>;
  const memberId = memberIdOf(user);
  if (!memberId)
    return (
      <div className={fr.cx("fr-my-6w")}>
        <h1>{t(section.labelKey)}</h1>
        <Alert
          severity="info"
          small
          description={t(user ? "member.forms.notMember" : "member.forms.signInFirst")}
          className={fr.cx("fr-mb-2w")}
        />
        {!user && <Button onClick={() => void signIn(path)}>{t("auth.signIn")}</Button>}
      </div>
    );
  const Page = section.component;
  return <Page memberId={memberId} />;
}
