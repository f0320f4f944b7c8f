import { createCookie } from "@remix-run/node";
import type { TextSize } from "../schemas/account";

/** The reader's text size, remembered per browser (the header's switch). */
export const textSizeCookie = createCookie("yishi_text", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

export async function textSizeOf(request: Request): Promise<TextSize> {
  return (await textSizeCookie.parse(request.headers.get("Cookie"))) === "large" ? "large" : "normal";
}
