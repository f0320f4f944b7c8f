import { createCookie } from "@remix-run/node";

export const textSizeCookie = createCookie("yishi_text", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

export async function textSizeOf(request: Request): Promise<"normal" | "large"> {
  return (await textSizeCookie.parse(request.headers.get("Cookie"))) === "large" ? "large" : "normal";
}
