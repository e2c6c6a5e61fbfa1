import { createHash } from "node:crypto";

/** Digest algorithms the registry uses. */
export type DigestAlgorithm = "md5" | "sha256";

/** Hex digest of bytes. */
export function digestOf(bytes: Uint8Array, algorithm: DigestAlgorithm = "sha256"): string {
  return createHash(algorithm).update(bytes).digest("hex");
}

/** Digest of several named files, as the digest of their `sha256sum`-style listing (stable, order-aware). */
export function combinedSha256(parts: readonly { name: string; sha256: string }[]): string {
  if (parts.length === 1) return parts[0]!.sha256;
  return digestOf(new TextEncoder().encode(parts.map((p) => `${p.sha256}  ${p.name}\n`).join("")));
}
