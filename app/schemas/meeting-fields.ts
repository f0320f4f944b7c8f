import { z } from "zod";
import { idField } from "./params";

/*
 * Fields the meetings and voting schemas share. The same schemas parse form posts (strings) and socket
 * payloads (JSON), so each field accepts both spellings.
 */

/** A meeting's, poll's, person's or item's id; anything else is a malformed request. */
export const recordRef = idField("meetings:errors.malformed");

/** A checkbox: a form sends "on" or nothing, a socket payload a boolean. */
export const checkbox = z
  .union([z.boolean(), z.enum(["on", "true", "false", "1", "0", ""])])
  .optional()
  .transform((v) => v === true || v === "on" || v === "true" || v === "1");
