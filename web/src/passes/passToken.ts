// A pass's token checked in the browser, with no network: the same rules as the server's
// PassToken.Verify (src/Situation.Contracts/Passes/PassToken.cs). The token is
// SP1.<key id>.<claims>.<signature>: the claims base64url JSON, the signature ECDSA P-256 with
// SHA-256 (r‖s) over everything before the last dot, which WebCrypto verifies as it is.

import type { PassCheck, PassClaims, PassKey } from "../../generated/contract";

export interface PassVerdict {
  result: PassCheck;
  claims?: PassClaims;
}

const VERSION = "SP1";

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error("not base64url");
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(text.length / 4) * 4, "=");
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const imported = new Map<string, Promise<CryptoKey>>();

function importKey(key: PassKey): Promise<CryptoKey> {
  const cacheKey = `${key.kid}:${key.x}:${key.y}`;
  let held = imported.get(cacheKey);
  if (!held) {
    held = crypto.subtle.importKey("jwk", { kty: "EC", crv: "P-256", x: key.x, y: key.y, ext: true }, { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]);
    imported.set(cacheKey, held);
  }
  return held;
}

/** Checks a token shown at a checkpoint: signed by a kept key, not revoked, inside its window, for this checkpoint (or at least its zones). */
export async function verifyPass(
  token: string, keys: PassKey[], revoked: ReadonlySet<string>, checkpointId: string, checkpointZones: readonly string[], now: Date,
): Promise<PassVerdict> {
  const parts = token.trim().split(".");
  if (parts.length !== 4 || parts[0] !== VERSION) return { result: "malformed" };
  const key = keys.find((k) => k.kid === parts[1]);
  if (!key) return { result: "unknown_key" };
  let signature: Uint8Array<ArrayBuffer>;
  try {
    signature = fromBase64Url(parts[3]);
  } catch {
    return { result: "malformed" };
  }
  const input = new TextEncoder().encode(`${parts[0]}.${parts[1]}.${parts[2]}`);
  const holds = await crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, await importKey(key), signature, input);
  if (!holds) return { result: "bad_signature" };
  let claims: PassClaims;
  try {
    claims = JSON.parse(new TextDecoder().decode(fromBase64Url(parts[2]))) as PassClaims;
  } catch {
    return { result: "malformed" };
  }
  const at = Math.floor(now.getTime() / 1000);
  const result: PassCheck = revoked.has(claims.p) ? "revoked"
    : at < claims.nb ? "not_yet_valid"
    : at >= claims.na ? "expired"
    : claims.c.includes(checkpointId) ? "valid"
    : claims.z.some((zone) => checkpointZones.includes(zone)) ? "wrong_checkpoint"
    : "wrong_zone";
  return { result, claims };
}
