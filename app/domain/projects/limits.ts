/** Photos attached when a joint project's milestone is marked done (shared by the page and the server). */
export const MAX_PHOTOS_PER_MILESTONE = 4;
