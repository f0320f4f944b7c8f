import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { MeetingState } from "../../domain/meetings/state.server";
import type { Connection, Delivery } from "../../realtime/client";
import { useOptionLabel } from "./poll-numbers";
import { formatReceiptTime } from "./vote-panel";

/**
 * One polite live region for the voter page: screen readers hear a poll opening, their ballot being
 * recorded, the result, and the connection dropping or coming back, in the page's language. Only changes
 * after the page loaded are announced; the page itself already says what was true before.
 */
export function LiveAnnouncer({
  state,
  connection,
  deliveries,
  voterNames,
}: {
  state: MeetingState;
  connection: Connection;
  deliveries: Record<string, Delivery>;
  /** voterId → the absent member's name for a proxy vote; own votes are not listed. */
  voterNames: Record<string, string>;
}) {
  const { t, i18n } = useTranslation("meetings");
  const label = useOptionLabel();
  const [message, setMessage] = useState("");
  const seen = useRef<{ poll: string | null; recorded: Set<string>; connection: Connection } | null>(null);

  useEffect(() => {
    const poll = state.poll;
    const pollKey = poll ? `${poll.id}:${poll.status}` : null;
    const recordedNow = Object.entries(deliveries).filter(([, d]) => d.state === "recorded");
    if (!seen.current) {
      seen.current = { poll: pollKey, recorded: new Set(recordedNow.map(([k]) => k)), connection };
      return;
    }
    const before = seen.current;
    const lines: string[] = [];
    if (pollKey !== before.poll && poll) {
      if (poll.status === "open") lines.push(t("ballotDelivery.announcePollOpen", { question: poll.question }));
      else if (poll.result) {
        const result = poll.result;
        const verdict =
          result.passed === true
            ? t("result.passed")
            : result.passed === false
              ? t("result.failed")
              : result.leaders.length === 0
                ? t("result.noVotes")
                : t("result.leaders", {
                    options: result.leaders
                      .map((k) => label(result.kind, result.options.find((o) => o.key === k) ?? { key: k, label: k }))
                      .join("、"),
                  });
        const counts = result.options
          .map((o) => t("ballotDelivery.announceCount", { option: label(result.kind, o), count: o.total }))
          .join(i18n.language === "en" ? ", " : "，");
        lines.push(t("ballotDelivery.announceResult", { question: poll.question, verdict, counts }));
      }
    }
    for (const [slot, delivery] of recordedNow) {
      if (before.recorded.has(slot) || delivery.state !== "recorded") continue;
      before.recorded.add(slot);
      const voterId = slot.slice(slot.indexOf(":") + 1);
      const time = formatReceiptTime(delivery.at, i18n.language);
      lines.push(
        voterNames[voterId]
          ? t("ballotDelivery.announceRecordedProxy", { name: voterNames[voterId], time })
          : t("ballotDelivery.announceRecorded", { time }),
      );
    }
    const wasLive = before.connection === "live";
    if (wasLive && (connection === "reconnecting" || connection === "offline")) lines.push(t("ballotDelivery.announceOffline"));
    if (!wasLive && before.connection !== "connecting" && connection === "live") lines.push(t("ballotDelivery.announceBack"));
    seen.current = { poll: pollKey, recorded: before.recorded, connection };
    if (lines.length) setMessage(lines.join(" "));
  }, [state.poll, connection, deliveries, voterNames, t, i18n.language, label]);

  return (
    <div
      role="status"
      aria-live="polite"
      aria-atomic="true"
      aria-label={t("ballotDelivery.liveRegion")}
      className="sr-only"
      data-testid="live-announcer"
    >
      {message}
    </div>
  );
}
