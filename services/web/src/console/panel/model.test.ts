import { describe, expect, it } from "vitest";

import { parseQuotaCsv, probabilityBuckets, QuotaCsvError, quotaCsv, quotaProblems } from "./model";

describe("the quota file", () => {
  it("reads the Foundation's layout, its earlier categories file and the paper's", () => {
    const rows = [{ category: "gender", value: "F", min: "1", max: "3" }];
    expect(parseQuotaCsv("feature,value,min,max\ngender,F,1,3\n")).toEqual(rows);
    expect(parseQuotaCsv("\ufeffcategory,name,min,max\r\ngender,F,1,3\r\n")).toEqual(rows);
    expect(parseQuotaCsv("category,feature,min,max\ngender,F,1,3")).toEqual(rows);
    expect(parseQuotaCsv('min,max,feature,value,min_flex\n1,3,"gen""der",F,0\n')).toEqual([{ ...rows[0], category: 'gen"der' }]);
  });

  it("names the line at fault", () => {
    expect(() => parseQuotaCsv("feature,value,min\ngender,F,1\n")).toThrow(QuotaCsvError);
    const line = (() => {
      try {
        parseQuotaCsv("feature,value,min,max\ngender,F,1,3\ngender,M,1\n");
      } catch (e) {
        return (e as QuotaCsvError).line;
      }
    })();
    expect(line).toBe(3);
  });

  it("writes the Foundation's layout back, quoting what needs it", () => {
    const rows = [
      { category: "gender", value: "F", min: "1", max: "3" },
      { category: "diploma", value: "bac+2, bac+3", min: "0", max: "2" },
    ];
    const csv = quotaCsv(rows);
    expect(csv).toBe('feature,value,min,max\ngender,F,1,3\ndiploma,"bac+2, bac+3",0,2\n');
    expect(parseQuotaCsv(csv)).toEqual(rows);
  });

  it("checks each cell before sending, by its pointer", () => {
    const found = quotaProblems([
      { pool: "roll", seats: "0", rows: [{ category: "", value: "F", min: "2", max: "1" }, { category: "g", value: "M", min: "x", max: "1" }] },
    ]);
    expect(found).toEqual({
      "/seat_pools/0/seats": "seats",
      "/seat_pools/0/rows/0/category": "empty",
      "/seat_pools/0/rows/0/max": "order",
      "/seat_pools/0/rows/1/min": "number",
    });
  });
});

describe("the probabilities' histogram", () => {
  it("counts people by tenths, 1 in the last", () => {
    expect(probabilityBuckets([0, 0.05, 0.19, 0.2, 1], 10)).toEqual([2, 1, 1, 0, 0, 0, 0, 0, 0, 1]);
  });
});
