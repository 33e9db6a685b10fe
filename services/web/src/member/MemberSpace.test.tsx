import { cleanup, render, screen, waitFor } from "@testing-library/react";
import type { User } from "oidc-client-ts";
import { afterEach, describe, expect, it } from "vitest";

import { I18nProvider, translate } from "../i18n/i18n";
import { MemberSpace } from "./MemberSpace";
import { sections } from "./sections";
import { jwt, ME, member, services, show } from "./testing";

afterEach(cleanup);

const signedIn = (claims: object) => ({ access_token: jwt(claims), profile: {} }) as unknown as User;

describe("the members' space", () => {
  it("offers to sign in when nobody is", () => {
    const api = services({});
    show(<MemberSpace path="/espace-membre" user={null} />);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Espace membre");
    expect(screen.getByRole("button", { name: "Se connecter" })).toBeTruthy();
    expect(api.sent).toHaveLength(0);
  });

  it("says the space is not open to an account without a member id, or whose record is refused", async () => {
    const api = services({ [`GET /api/membership/v1/members/${ME}`]: [403, { status: 403 }] });
    show(<MemberSpace path="/espace-membre" user={signedIn({ sub: "secretariat.local" })} />);
    expect(screen.getByText(/cet espace ne vous est pas ouvert/)).toBeTruthy();
    expect(api.sent).toHaveLength(0);
    cleanup();
    show(<MemberSpace path="/member-space" user={signedIn({ member_id: ME })} />, "en");
    expect(await screen.findByText(/this space is not open to you/)).toBeTruthy();
  });

  it("shows the member's sections in a side menu, the address naming the section", async () => {
    const api = services({
      [`GET /api/membership/v1/members/${ME}`]: [200, member()],
      "GET /api/workshops/v1/sessions": [200, { items: [] }],
      [`GET /api/workshops/v1/members/${ME}/calendar-link`]: [200, { path: `/v1/calendars/${ME}/a.ics` }],
    });
    window.history.pushState({}, "", "/espace-membre/atelier");
    const user = show(<MemberSpace path="/espace-membre/atelier" user={signedIn({ member_id: ME })} />);
    expect(await screen.findByRole("heading", { level: 1, name: "Mon atelier et son calendrier" })).toBeTruthy();
    expect(api.sent[0].path).toBe(`/api/membership/v1/members/${ME}`);
    expect(document.title).toBe("Mon atelier — Espace membre — Ville de Paris");
    const menu = screen.getByRole("navigation");
    const links = [...menu.querySelectorAll("a")];
    expect(links.map((a) => a.textContent)).toEqual(sections.map((s) => translate("fr", s.label)));
    expect(links.map((a) => a.getAttribute("href"))).toEqual([
      "/espace-membre",
      "/espace-membre/atelier",
      "/espace-membre/presence",
      "/espace-membre/carnet",
      "/espace-membre/recommandations",
      "/espace-membre/votes",
      "/espace-membre/evaluation",
      "/espace-membre/donnees",
      "/espace-membre/messages",
    ]);
    expect(links[1].getAttribute("aria-current")).toBe("page");
    await user.click(links[0]);
    await waitFor(() => expect(window.location.pathname).toBe("/espace-membre"));
  });

  it("opens my messages at the address the e-mails give to unsubscribe", async () => {
    const api = services({
      [`GET /api/membership/v1/members/${ME}`]: [200, member()],
      [`GET /api/notifications/v1/members/${ME}/preferences`]: [
        200,
        { member_id: ME, kinds: [{ kind: "report-published", mandatory: false, receive: true }] },
      ],
      [`GET /api/notifications/v1/members/${ME}/messages`]: [200, { items: [] }],
    });
    show(<MemberSpace path="/espace-membre/messages" user={signedIn({ member_id: ME })} />);
    expect(await screen.findByRole("heading", { level: 1, name: "Mes messages" })).toBeTruthy();
    expect(await screen.findByRole("checkbox", { name: /Rapports de suivi/ })).toBeTruthy();
    expect(api.sent.map((r) => r.path)).toContain(`/api/notifications/v1/members/${ME}/preferences`);
    expect(document.title).toBe("Mes messages — Espace membre — Ville de Paris");
  });

  it("moves the focus to the section chosen", async () => {
    services({
      [`GET /api/membership/v1/members/${ME}`]: [200, member()],
      [`GET /api/membership/v1/members/${ME}/consents`]: [200, { items: [] }],
      [`GET /api/membership/v1/members/${ME}/contact`]: [404, {}],
    });
    const me = signedIn({ member_id: ME });
    const { rerender } = render(
      <I18nProvider lang="fr">
        <MemberSpace path="/espace-membre" user={me} />
      </I18nProvider>,
    );
    await screen.findByRole("heading", { level: 1, name: "Ma situation et la suite" });
    expect(document.activeElement?.id).not.toBe("member-section");
    rerender(
      <I18nProvider lang="fr">
        <MemberSpace path="/espace-membre/donnees" user={me} />
      </I18nProvider>,
    );
    await screen.findByRole("heading", { level: 1, name: "Mes données" });
    await waitFor(() => expect(document.activeElement?.id).toBe("member-section"));
  });
});
