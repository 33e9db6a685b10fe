import { describe, expect, it } from "vitest";

import { CALLBACK_PATH, oidcSettings } from "./auth";

describe("sign-in settings", () => {
  it("use the realm and the public client through the gateway's origin, code flow", () => {
    const s = oidcSettings("http://127.0.0.1:8080");
    expect(s.authority).toBe("http://127.0.0.1:8080/auth/realms/assembly");
    expect(s.client_id).toBe("assembly-web");
    expect(s.redirect_uri).toBe(`http://127.0.0.1:8080${CALLBACK_PATH}`);
    expect(s.response_type).toBe("code");
  });
});
