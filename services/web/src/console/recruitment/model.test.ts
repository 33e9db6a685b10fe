import { describe, expect, it } from "vitest";

import { joinCsvPages, type LetterJob, lettersFieldErrors, nextLink, partRanges, runningJob, sha256Hex } from "./model";

describe("the parts of a file", () => {
  it("cuts it in parts of the size given, the last one shorter", () => {
    expect(partRanges(10, 4)).toEqual([
      [0, 4],
      [4, 8],
      [8, 10],
    ]);
    expect(partRanges(8, 4)).toEqual([
      [0, 4],
      [4, 8],
    ]);
  });
  it("sends one empty part for an empty file, so the service names the fault", () => {
    expect(partRanges(0, 4)).toEqual([[0, 0]]);
  });
});

describe("the seed's commitment", () => {
  it("is the SHA-256 of the seed in hex", async () => {
    expect(await sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

describe("the mailing list's pages", () => {
  it("follows the Link header's next page", () => {
    expect(nextLink('</v1/x/mailing-list?cursor=abc>; rel="next"')).toBe("/v1/x/mailing-list?cursor=abc");
    expect(nextLink(null)).toBeUndefined();
    expect(nextLink('</a>; rel="prev"')).toBeUndefined();
  });
  it("joins the pages with the header once", () => {
    expect(joinCsvPages(["h\n1\n", "h\n2\n"])).toBe("h\n1\n2\n");
  });
});

describe("the letters' request", () => {
  it("asks for an answer-by date, today or later, and 50 to 10,000 letters per file", () => {
    expect(lettersFieldErrors("2027-01-04", "1000", "2026-12-07")).toEqual({});
    expect(lettersFieldErrors("2026-12-07", "50", "2026-12-07")).toEqual({});
    expect(lettersFieldErrors("", "1000", "2026-12-07")).toEqual({
      "/answer_by": { key: "console.recruitment.letters.answerByMissing" },
    });
    expect(lettersFieldErrors("2026-12-06", "49", "2026-12-07")).toEqual({
      "/answer_by": { key: "console.recruitment.letters.answerByPast" },
      "/batch_size": { key: "console.recruitment.letters.batchRange" },
    });
    expect(Object.keys(lettersFieldErrors("2027-01-04", "10001", "2026-12-07"))).toEqual(["/batch_size"]);
    expect(Object.keys(lettersFieldErrors("2027-01-04", "1e3", "2026-12-07"))).toEqual(["/batch_size"]);
  });

  it("follows the job still being made", () => {
    const job = (id: string, state: LetterJob["state"]) => ({ id, state }) as LetterJob;
    expect(runningJob([job("a", "done"), job("b", "running")])?.id).toBe("b");
    expect(runningJob([job("a", "queued")])?.id).toBe("a");
    expect(runningJob([job("a", "done"), job("b", "failed"), job("c", "erased")])).toBeUndefined();
  });
});
