import { describe, expect, it } from "vitest";
import { FlagError } from "./flag-error.js";
import {
  choice,
  closest,
  fraction,
  integer,
  layerList,
  nonNegativeNumber,
  positiveNumber,
} from "./flag-parsers.js";

describe("flag parsers", () => {
  it("accept good values", () => {
    expect(positiveNumber("--lr")("0.01")).toBe(0.01);
    expect(nonNegativeNumber("--momentum", 1)("0")).toBe(0);
    expect(integer("--epochs", 1)("10")).toBe(10);
    expect(fraction("--val-split")("0.1")).toBe(0.1);
    expect(layerList("--layers")("512, 256,128")).toEqual([512, 256, 128]);
    expect(choice("--dataset", ["mnist", "cifar10"] as const)("cifar10")).toBe("cifar10");
  });

  it("reject bad values with the flag's name", () => {
    expect(() => positiveNumber("--lr")("-1")).toThrow(
      new FlagError("INVALID_FLAG_VALUE", '--lr must be a positive number, got "-1"'),
    );
    expect(() => positiveNumber("--lr")("")).toThrow(FlagError);
    expect(() => integer("--epochs", 1)("1.5")).toThrow('--epochs must be an integer >= 1, got "1.5"');
    expect(() => fraction("--val-split")("1")).toThrow("--val-split must be a number between 0 and 1");
    expect(() => layerList("--layers")("512,,128")).toThrow('"" is not one');
    expect(() => layerList("--layers")("0")).toThrow('"0" is not one');
    expect(() => choice("--dataset", ["mnist", "fashion-mnist"] as const)("fashon-mnist")).toThrow(
      'Did you mean "fashion-mnist"?',
    );
  });

  it("did-you-mean only for near misses", () => {
    expect(closest("mnsit", ["mnist", "cifar10"])).toBe("mnist");
    expect(closest("imagenet", ["mnist", "cifar10"])).toBeUndefined();
  });
});
