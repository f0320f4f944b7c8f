import type { Actor } from "../permissions";
import { can } from "../permissions";

/**
 * Residents photograph their own doors, hallways and neighbours. Until the community's staff have accepted
 * an issue (and if they refuse it) nobody has checked what its photos show, so only its reporter and the
 * staff may see them. From acceptance on they belong to the public record like the rest of the issue.
 */
const UNPUBLISHED_STATUSES: ReadonlySet<string> = new Set(["submitted", "rejected"]);

export interface PhotoOwner {
  status: string;
  communityId: string;
  streetId: string;
  reporterId: string;
}

export function arePhotosPublic(issue: Pick<PhotoOwner, "status">): boolean {
  return !UNPUBLISHED_STATUSES.has(issue.status);
}

export function maySeePhotos(actor: Actor | null | undefined, issue: PhotoOwner): boolean {
  if (arePhotosPublic(issue)) return true;
  return can(actor, "view:unpublished-photos", { communityId: issue.communityId, streetId: issue.streetId, reporterId: issue.reporterId });
}
