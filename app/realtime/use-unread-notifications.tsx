import { useEffect, useState } from "react";
import { connectTab } from "./tab-connection";

/**
 * The bell's unread count: the server-rendered figure, then live pushes to this person's room over the tab's
 * one connection. The connection is authenticated by the session cookie, so it only ever hears its own
 * person's count.
 */
export function useUnreadNotifications(initial: number, signedIn: boolean): number {
  const [unread, setUnread] = useState(initial);
  useEffect(() => setUnread(initial), [initial]);
  useEffect(() => {
    if (!signedIn) return;
    const link = connectTab();
    const onChanged = ({ unread: next }: { unread: number }) => setUnread(next);
    link.socket.on("notifications:changed", onChanged);
    return () => {
      link.socket.off("notifications:changed", onChanged);
      link.release();
    };
  }, [signedIn]);
  return unread;
}
