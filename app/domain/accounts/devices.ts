/** Browser and system as a person recognises them ("Chrome · Android"); keys under `admin:device.*`, or null. */
export function describeDevice(userAgent: string | null): { browser: string; system: string } | null {
  if (!userAgent) return null;
  const browser = /MicroMessenger/i.test(userAgent)
    ? "wechat"
    : /Edg\//.test(userAgent)
      ? "edge"
      : /Firefox\//.test(userAgent)
        ? "firefox"
        : /(Chrome|Chromium|CriOS)\//.test(userAgent)
          ? "chrome"
          : /Safari\//.test(userAgent)
            ? "safari"
            : "other";
  const system = /Android/i.test(userAgent)
    ? "android"
    : /iPhone|iPad|iPod/i.test(userAgent)
      ? "ios"
      : /HarmonyOS/i.test(userAgent)
        ? "harmony"
        : /Windows/i.test(userAgent)
          ? "windows"
          : /Mac OS X|Macintosh/i.test(userAgent)
            ? "mac"
            : /Linux/i.test(userAgent)
              ? "linux"
              : "other";
  return { browser, system };
}
