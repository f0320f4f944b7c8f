import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { textSizeCookie } from "../web/preferences.server";
import { parseForm } from "../web/legacy-forms";
import { readFormData } from "../web/params.server";
import { safeRedirect } from "../web/safe-redirect";

const SetTextSizeSchema = z.object({ size: z.enum(["normal", "large"], { error: "errors.field.invalid_choice" }) });

/** Larger type for readers who need it, remembered per browser; a plain form so it works without JavaScript. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const parsed = parseForm(SetTextSizeSchema, form);
  const back = safeRedirect(form.get("redirectTo"));
  if (!parsed.ok) return redirect(back);
  return redirect(back, { headers: { "Set-Cookie": await textSizeCookie.serialize(parsed.data.size) } });
}

export async function loader() {
  return redirect("/");
}
