/** Limits of the people area that pages show as well as enforce (kept apart from the server code and dictionaries). */

/** Rows one roll may hold: a large community (3,000 households) with room to spare. */
export const MAX_ROLL_ROWS = 6_000;

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;
