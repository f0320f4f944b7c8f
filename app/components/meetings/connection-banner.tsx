import { useTranslation } from "react-i18next";
import type { Connection, EndedConnection } from "../../realtime/client";

const ENDED_MESSAGE: Record<EndedConnection, string> = {
  "signed-out": "common:errors.realtime.signed_out",
  "session-ended": "common:errors.realtime.session_ended",
  flooding: "common:errors.realtime.flooding",
};

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
          : connection === "reconnecting"
            ? t("live.reconnecting")
            : t(ENDED_MESSAGE[connection]);
  return (
    <p
      role="status"
      data-testid="connection"
      data-connection={connection}
      className="rounded-lg bg-amber-100 p-3 font-medium text-amber-900"
    >
      {text}
    </p>
  );
}
