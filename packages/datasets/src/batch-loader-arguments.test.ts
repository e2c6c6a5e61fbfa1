import { describe, expect, it } from "vitest";
import { BatchLoader } from "./batch-loader.js";

// A missing or wrong argument is named at the boundary, never a TypeError deep inside.
describe("BatchLoader: arguments are checked at the boundary", () => {
  const set = {
    images: new Uint8Array(4 * 784),
    labels: new Uint8Array(4),
    count: 4,
    height: 28,
    width: 28,
    channels: 1,
  } as unknown as ConstructorParameters<typeof BatchLoader>[0];

  it("names a missing image set", () => {
    expect(() => new BatchLoader(undefined as never, { batchSize: 2 })).toThrow(
      /^BatchLoader: set must be an image set from loadImageSet\(\), got undefined$/,
    );
  });
  it("names missing options", () => {
    expect(() => new BatchLoader(set, undefined as never)).toThrow(
      /^BatchLoader: options must be an object with a batchSize/,
    );
  });
  it("names a bad batchSize", () => {
    expect(() => new BatchLoader(set, { batchSize: 0 })).toThrow(
      /^BatchLoader: options\.batchSize must be a positive integer, got 0$/,
    );
  });
  it("takes a valid set", () => {
    expect([...new BatchLoader(set, { batchSize: 2 })].length).toBe(2);
  });
});
