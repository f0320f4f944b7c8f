/** What pages show: a full view for the photo's own page and a small square for lists and grids. */
export const FULL_VIEW_MAX_EDGE = 2048;
export const THUMBNAIL_EDGE = 384;
