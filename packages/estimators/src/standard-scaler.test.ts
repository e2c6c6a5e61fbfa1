import { describe, expect, it } from "vitest";
import { EstimatorError, StandardScaler } from "./index.js";

describe("StandardScaler", () => {
  it("centres and scales by the population std, leaving constant features centred only", () => {
    const x = [
      [1, 10, 5],
      [3, 20, 5],
      [5, 60, 5],
    ];
    const scaler = new StandardScaler().fit(x);
    expect(Array.from(scaler.mean!)).toEqual([3, 30, 5]);
    expect(scaler.scale![0]).toBeCloseTo(Math.sqrt(8 / 3), 12);
    expect(scaler.scale![2]).toBe(1);
    const t = scaler.transform(x);
    expect(t.data[0]).toBeCloseTo(-2 / Math.sqrt(8 / 3), 6);
    expect(t.data[2]).toBe(0);
    const back = scaler.inverseTransform(t);
    Array.from(back.data).forEach((v, i) => expect(v).toBeCloseTo(x.flat()[i]!, 4));
  });

  it("refuses to transform before fit or with another width", () => {
    expect(() => new StandardScaler().transform([[1]])).toThrow(EstimatorError);
    expect(() => new StandardScaler().fit([[1, 2]]).transform([[1, 2, 3]])).toThrow(
      /StandardScaler.transform: X has 3 features, but StandardScaler was fitted with 2/,
    );
  });
});
