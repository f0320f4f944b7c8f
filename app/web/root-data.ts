import { useRouteLoaderData } from "@remix-run/react";
import type { CommunitySummary } from "../domain/communities/community-list.server";
import type { NavLink } from "./navigation";

/** What the root loader gives every page: the reader's language and text size, who they are, the header. */
export interface RootData {
  locale: string;
  textSize: "normal" | "large";
  user: { id: string; displayName: string; username: string } | null;
  communities: CommunitySummary[];
  currentCommunityId: string | null;
  nav: NavLink[];
  unreadNotifications: number;
}

/** The root loader's data, from any component (undefined inside the root error boundary before it loaded). */
export function useRootData(): RootData | undefined {
  return useRouteLoaderData("root") as RootData | undefined;
}
