import { describe, expect, it } from "vitest";

import {
  checkInOpen,
  contactBody,
  contactForm,
  likelySession,
  memberIdOf,
  outcomeOf,
  parisDate,
  type Session,
  splitMemberPath,
  validateCheckIn,
  validateContact,
  validateReason,
} from "./model";
import { jwt } from "./testing";


describe("the members' space, without React", () => {
  it("reads whose space it is from the token's member_id claim only", () => {
    expect(memberIdOf(jwt({ member_id: "c0ffee00-1234-4abc-9def-0123456789ab", sub: "x" }))).toBe(
      "c0ffee00-1234-4abc-9def-0123456789ab",
    );
    expect(memberIdOf(jwt({ sub: "secretariat.local" }))).toBeUndefined();
    expect(memberIdOf(jwt({ member_id: "" }))).toBeUndefined();
    expect(memberIdOf("not a token")).toBeUndefined();
    expect(memberIdOf(undefined)).toBeUndefined();
  });

  it("knows its addresses, French and English, and the section after them", () => {
    expect(splitMemberPath("/espace-membre")).toEqual({ base: "/espace-membre", section: "" });
    expect(splitMemberPath("/member-space/atelier/")).toEqual({ base: "/member-space", section: "atelier" });
    expect(splitMemberPath("/espace-membres")).toBeUndefined();
    expect(splitMemberPath("/repondre")).toBeUndefined();
  });

  it("asks a reason of a decline and a withdrawal, 500 characters at most", () => {
    expect(validateReason("  ")).toEqual({ "/reason": { key: "member.reason.missing" } });
    expect(validateReason("x".repeat(501))).toEqual({ "/reason": { key: "member.reason.tooLong" } });
    expect(validateReason("I moved to Lyon")).toEqual({});
  });

  it("checks the room's code before sending: 6 signs of its alphabet, any case", () => {
    expect(validateCheckIn("s-1", "k7m pq3")).toEqual({});
    expect(validateCheckIn("", "")).toEqual({
      "/session": { key: "member.checkIn.session.missing" },
      "/code": { key: "member.checkIn.code.missing" },
    });
    expect(validateCheckIn("s-1", "K7MPQ")["/code"]?.key).toBe("member.checkIn.code.format");
    expect(validateCheckIn("s-1", "K7MPQ0")["/code"]?.key).toBe("member.checkIn.code.format");
  });

  it("asks for the field the preferred channel needs, and a plausible e-mail", () => {
    const f = contactForm(undefined);
    expect(validateContact(f)).toEqual({ "/preferred_channel": { key: "member.contact.channel.missing" } });
    expect(validateContact({ ...f, preferred_channel: "post" })).toEqual({
      "/address": { key: "member.contact.address.needed" },
    });
    expect(validateContact({ ...f, preferred_channel: "sms" })["/phone"]?.key).toBe("member.contact.phone.needed");
    expect(validateContact({ ...f, preferred_channel: "email", email: "camille" })).toEqual({
      "/email": { key: "member.contact.email.format" },
    });
    const ok = { ...f, preferred_channel: "email" as const, email: " camille@example.org " };
    expect(validateContact(ok)).toEqual({});
    expect(contactBody(ok)).toEqual({ email: "camille@example.org", preferred_channel: "email", language: "fr" });
  });

  it("puts a problem's errors next to their fields, the others at the form's main field", () => {
    const problem = {
      status: 422,
      errors: [
        { pointer: "/email", detail: "email is not an e-mail address" },
        { pointer: "/other", detail: "unknown" },
      ],
    };
    expect(outcomeOf(422, problem, ["/email", "/preferred_channel"], "/preferred_channel").fields).toEqual({
      "/email": { key: "member.error.field", detail: "email is not an e-mail address" },
      "/preferred_channel": { key: "member.error.field", detail: "unknown" },
    });
    expect(outcomeOf(400, { detail: "bad", field: "/code" }, ["/code"], "/code").fields["/code"]?.detail).toBe("bad");
    expect(outcomeOf(409, { detail: "the member is declined" }, [], "/reason")).toEqual({
      fields: {},
      general: "member.error.conflict",
    });
    expect(outcomeOf(429, undefined, [], "/code").general).toBe("member.error.tooMany");
    expect(outcomeOf(403, undefined, [], "/code").general).toBe("member.error.forbidden");
    expect(outcomeOf(502, undefined, [], "/code").general).toBe("member.error.server");
  });

  it("opens check-in an hour before a session until an hour after it, and picks that one", () => {
    const at = (h: number) => new Date(Date.UTC(2026, 2, 3, h)).toISOString();
    const s = (id: string, from: number, to: number, state = "scheduled") =>
      ({ id, starts_at: at(from), ends_at: at(to), state }) as Session;
    const evening = s("evening", 17, 20);
    expect(checkInOpen(evening, new Date(at(16)))).toBe(true);
    expect(checkInOpen(evening, new Date(Date.parse(at(16)) - 1))).toBe(false);
    expect(checkInOpen(evening, new Date(at(21)))).toBe(true);
    expect(checkInOpen(s("c", 17, 20, "cancelled"), new Date(at(18)))).toBe(false);
    const list = [s("later", 22, 23), evening, s("morning", 8, 10)];
    expect(likelySession(list, new Date(at(18)))?.id).toBe("evening");
    expect(likelySession(list, new Date(at(12)))?.id).toBe("evening");
    expect(likelySession(list, new Date(Date.UTC(2026, 2, 4, 2)))).toBeUndefined();
  });

  it("dates a consent in Paris", () => {
    expect(parisDate(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
  });
});
