import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { connectTab } from "./tab-connection";

/**
 * Keeps a staff page's issue lists current: when the server says an issue of this community arrived or moved,
 * the page's loader runs again. Bursts (a grid worker filing several issues) are folded into one refetch.
 */
export function useTriageUpdates(communityId: string): void {
  const { revalidate } = useRevalidator();
  const latest = useRef(revalidate);
  latest.current = revalidate;
  useEffect(() => {
    const link = connectTab();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onChanged = (payload: { communityId: string }) => {
      if (payload.communityId !== communityId || timer) return;
      timer = setTimeout(() => {
        timer = null;
        latest.current();
      }, 300);
    };
    link.socket.on("triage:changed", onChanged);
    // A reconnect may have missed changes: refetch once it is back (habit 3).
    let wasLost = false;
    const unwatch = link.watch((state) => {
      if (state.kind === "lost") wasLost = true;
      else if (state.kind === "connected" && wasLost) {
        wasLost = false;
        latest.current();
      }
    });
    return () => {
      if (timer) clearTimeout(timer);
      link.socket.off("triage:changed", onChanged);
      unwatch();
      link.release();
    };
  }, [communityId]);
}
