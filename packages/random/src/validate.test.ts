import { describe, expect, it } from "vitest";
import { Generator, RandomArgumentError } from "./index.js";

// Bad input fails at the boundary with the method and the argument named, never deep inside.
describe("random: arguments are checked at the boundary", () => {
  const rng = () => new Generator(1);
  const bad: [string, () => unknown, RegExp][] = [
    [
      "fromState({})",
      () => Generator.fromState({} as never),
      /state\.s must hold four unsigned 32-bit integers/,
    ],
    ["fromState(null)", () => Generator.fromState(null as never), /state\.s must hold four/],
    [
      "setState with a bad spareNormal",
      () => rng().setState({ s: [1, 2, 3, 4], spareNormal: "x" as never }),
      /state\.spareNormal/,
    ],
    [
      "permutation(-1)",
      () => rng().permutation(-1),
      /^permutation: n must be a non-negative integer, got -1/,
    ],
    [
      "permutation(2.5)",
      () => rng().permutation(2.5),
      /^permutation: n must be a non-negative integer, got 2.5/,
    ],
    [
      "fillUniform(null)",
      () => rng().fillUniform(null as never, 0, 1),
      /^fillUniform: out must be a Float32Array/,
    ],
    [
      "fillUniform low > high",
      () => rng().fillUniform(new Float32Array(2), 1, 0),
      /^fillUniform: low and high .* got 1 and 0/,
    ],
    [
      "fillNormal std < 0",
      () => rng().fillNormal(new Float64Array(2), 0, -1),
      /^fillNormal: mean must be finite and std >= 0/,
    ],
    ["shuffle(undefined)", () => rng().shuffle(undefined as never), /^shuffle: array must be/],
    ["sample(null, 1)", () => rng().sample(null as never, 1), /^sample: population must be/],
  ];
  for (const [what, call, message] of bad) {
    it(what, () => {
      let thrown: unknown;
      try {
        call();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(RandomArgumentError);
      expect((thrown as RandomArgumentError).code).toBe("INVALID_ARGUMENT");
      expect((thrown as Error).message).toMatch(message);
    });
  }

  it("a saved state still round-trips, and a zero-length permutation is allowed", () => {
    const a = new Generator(7);
    a.normal();
    const b = Generator.fromState(a.getState());
    expect(b.normal()).toBe(a.normal());
    expect(a.permutation(0)).toHaveLength(0);
  });
});
