import { z } from "zod";
import { slug } from "./params";

/** /open-data/<c|s>/<slug>/<dataset>.<csv|json>: a community (c) or a whole street (s), one dataset in one format. */
export const OpenDataFileParams = z.object({
  kind: z.enum(["c", "s"]),
  slug,
  file: z.string().regex(/^[a-z-]{1,32}\.(csv|json)$/),
});
