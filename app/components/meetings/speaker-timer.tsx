import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

function format(seconds: number): string {
  const s = Math.abs(seconds);
  return `${seconds < 0 ? "−" : ""}${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/**
 * The per-speaker countdown. It runs from the server's start time, corrected by the server clock in the
 * last state, so every screen in the room shows the same number; it turns red when time is up.
 */
export function SpeakerTimer({
  startedAt,
  limitSeconds,
  serverNow,
  size = "normal",
}: {
  startedAt: string;
  limitSeconds: number;
  serverNow: string;
  size?: "normal" | "projector";
}) {
  const { t } = useTranslation("meetings");
  const [offset] = useState(() => new Date(serverNow).getTime() - Date.now());
  const [now, setNow] = useState(() => new Date(serverNow).getTime());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now() + offset), 500);
    return () => clearInterval(timer);
  }, [offset]);
  const left = Math.round((new Date(startedAt).getTime() + limitSeconds * 1000 - now) / 1000);
  const over = left < 0;
  return (
    <span
      role="timer"
      aria-label={over ? t("speakers.overtime") : t("speakers.timeLeft")}
      className={`tabular-nums font-bold ${size === "projector" ? "text-6xl" : "text-2xl"} ${over ? "text-red-600" : ""}`}
    >
      {format(left)}
    </span>
  );
}
