// Sign-in with the suite's Keycloak (realm assembly, public client assembly-web) by the
// authorization code flow with PKCE (S256), through oidc-client-ts. The identity provider is
// reached through the gateway (/auth/realms/assembly, same origin); the tokens stay in this
// tab's sessionStorage; the access token goes with the API calls (api/client.ts).
import { type User, UserManager, WebStorageStateStore } from "oidc-client-ts";

import { setAccessToken } from "../api/client";

export const CALLBACK_PATH = "/connexion/retour";
export const REALM_PATH = "/auth/realms/assembly";
export const CLIENT_ID = "assembly-web";

export function oidcSettings(origin: string) {
  return {
    authority: `${origin}${REALM_PATH}`,
    client_id: CLIENT_ID,
    redirect_uri: `${origin}${CALLBACK_PATH}`,
    post_logout_redirect_uri: `${origin}/`,
    response_type: "code",
    scope: "openid profile email",
    automaticSilentRenew: true,
  } as const;
}

let manager: UserManager | undefined;
function userManager(): UserManager {
  manager ??= new UserManager({
    ...oidcSettings(window.location.origin),
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });
  return manager;
}

function remember(user: User | null): User | null {
  setAccessToken(user && !user.expired ? user.access_token : undefined);
  return user;
}

export async function currentUser(): Promise<User | null> {
  return remember(await userManager().getUser());
}

// Leaves for Keycloak's sign-in page; comes back to CALLBACK_PATH, then to `returnTo`.
export function signIn(returnTo: string): Promise<void> {
  return userManager().signinRedirect({ state: { returnTo } });
}

export async function completeSignIn(): Promise<string> {
  const user = remember(await userManager().signinRedirectCallback());
  const state = user?.state as { returnTo?: string } | undefined;
  return state?.returnTo?.startsWith("/") ? state.returnTo : "/";
}

export async function signOut(): Promise<void> {
  setAccessToken(undefined);
  await userManager().signoutRedirect();
}
