import { redirect } from "@remix-run/node";
import { SetTextSizeSchema } from "../schemas/account";
import { textSizeCookie } from "../web/text-size-cookie.server";
import { defineAction, parseForm } from "../web/route.server";
import { safeRedirect } from "../web/safe-redirect";

/** Larger type for readers who need it, remembered per browser; a plain form so it works without JavaScript. */
export const action = defineAction(async ({ form }) => {
  const { size, redirectTo } = parseForm(SetTextSizeSchema, form);
  const back = safeRedirect(redirectTo);
  if (!size) return redirect(back);
  return redirect(back, { headers: { "Set-Cookie": await textSizeCookie.serialize(size) } });
});

export async function loader() {
  return redirect("/");
}
