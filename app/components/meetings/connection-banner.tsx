import { useTranslation } from "react-i18next";
import type { Connection } from "../../realtime/client";

/** Says when the screen is not live, so nobody trusts a stale poll. */
export function ConnectionBanner({ connection }: { connection: Connection }) {
  const { t } = useTranslation("meetings");
  if (connection === "live") return null;
  const text =
    connection === "outdated"
      ? t("live.outdated")
      : connection === "connecting"
        ? t("live.connecting")
        : connection === "offline"
          ? t("ballotDelivery.offlineBanner")
          : t("live.reconnecting");
  return (
    <p role="status" data-testid="connection" data-connection={connection} className="rounded-lg bg-amber-100 p-3 font-medium text-amber-900">
      {text}
    </p>
  );
}
