import crypto from "node:crypto";

/**
 * Activation codes are printed on a letter and typed by older residents on a phone keypad, so they are
 * digits only: 12 of them (10^12 codes) in three groups of four. Guessing is stopped by the attempt limits,
 * and a code only ever opens an account that has not been activated, for a limited time.
 */
export const CODE_DIGITS = 12;
export const CODE_VALID_DAYS = 30;

export function newActivationCode(): string {
  let code = "";
  for (let i = 0; i < CODE_DIGITS; i++) code += String(crypto.randomInt(0, 10));
  return code;
}

/** "1234 5678 9012" as printed; what people type (spaces, dashes, full-width digits) reads back to the digits. */
export function formatActivationCode(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, "$1 ");
}

export function normaliseActivationCode(typed: string): string {
  return typed.normalize("NFKC").replace(/[\s\-–—.]/g, "");
}

export function isActivationCodeShape(code: string): boolean {
  return new RegExp(`^\\d{${CODE_DIGITS}}$`).test(code);
}

/**
 * Only this digest is stored. It is keyed with the server's secret (SESSION_SECRET, required in production):
 * twelve digits could be searched offline from a bare SHA-256, but not without the key, so a copy of the
 * database alone gives nobody a working code. Changing the secret retires the codes on letters not yet used.
 */
export function hashActivationCode(code: string, key: string): string {
  return crypto.createHmac("sha256", `yishi-activation:${key}`).update(code).digest("hex");
}
