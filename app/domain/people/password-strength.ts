import { createRequire } from "node:module";
import type * as ZxcvbnCore from "@zxcvbn-ts/core";
import type { ZxcvbnFactory } from "@zxcvbn-ts/core";
import type * as LanguageCommon from "@zxcvbn-ts/language-common";
import type * as LanguageEn from "@zxcvbn-ts/language-en";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./limits";

/** zxcvbn's score 0–4; 2 = "somewhat guessable", safe with the sign-in limits in front of it (ADR 0014). */
export const MIN_PASSWORD_SCORE = 2;

/** The warnings zxcvbn-ts may give, each with a translation under `people:password.warning.<key>`. */
export const PASSWORD_WARNINGS = [
  "straightRow",
  "keyPattern",
  "simpleRepeat",
  "extendedRepeat",
  "sequences",
  "recentYears",
  "dates",
  "topTen",
  "topHundred",
  "common",
  "similarToCommon",
  "wordByItself",
  "namesByThemselves",
  "commonNames",
  "userInputs",
  "pwned",
] as const;
export type PasswordWarning = (typeof PASSWORD_WARNINGS)[number];

let factory: ZxcvbnFactory | undefined;

/**
 * Built on first use, and only then loaded: the dictionaries decompress at import (~0.2 s of CPU), which a
 * restarting server must not spend before its voters can reconnect (issue #8). A synchronous require keeps
 * the check synchronous for its callers.
 */
function estimator(): ZxcvbnFactory {
  if (!factory) {
    const load = createRequire(import.meta.url);
    const core = load("@zxcvbn-ts/core") as typeof ZxcvbnCore;
    const common = load("@zxcvbn-ts/language-common") as typeof LanguageCommon;
    const en = load("@zxcvbn-ts/language-en") as typeof LanguageEn;
    factory = new core.ZxcvbnFactory({ dictionary: { ...common.dictionary, ...en.dictionary }, graphs: common.adjacencyGraphs });
  }
  return factory;
}

export type PasswordVerdict = { ok: true } | { ok: false; reason: "too_short" | "too_long" | PasswordWarning | "weak" };

/**
 * Whether a password is strong enough. `personal` holds what an attacker knows of the person (name, phone,
 * username), which zxcvbn counts as guessable. The reason is a translation key, never a sentence.
 */
export function checkPasswordStrength(password: string, personal: string[]): PasswordVerdict {
  if ([...password].length < MIN_PASSWORD_LENGTH) return { ok: false, reason: "too_short" };
  if (password.length > MAX_PASSWORD_LENGTH) return { ok: false, reason: "too_long" };
  const result = estimator().check(password, personal.filter(Boolean));
  if (result.score >= MIN_PASSWORD_SCORE) return { ok: true };
  const warning = result.feedback.warning;
  return {
    ok: false,
    reason: warning && (PASSWORD_WARNINGS as readonly string[]).includes(warning) ? (warning as PasswordWarning) : "weak",
  };
}
