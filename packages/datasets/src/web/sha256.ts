/** SHA-256 of the bytes as lowercase hex, with the platform's Web Crypto (`crypto.subtle`). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (subtle === undefined) {
    throw new Error(
      "sha256: this runtime has no crypto.subtle (a browser page must be served over https or localhost)",
    );
  }
  const digest = new Uint8Array(await subtle.digest("SHA-256", bytes));
  let hex = "";
  for (const byte of digest) hex += byte.toString(16).padStart(2, "0");
  return hex;
}
