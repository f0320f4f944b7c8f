/** Where the "raise an issue" form keeps its draft in the browser, so a reload or lost signal loses nothing. */
export const DRAFT_STORAGE_KEY = "yishi:issue-draft:v1";
export const DRAFT_FIELDS = ["title", "description", "categoryId", "gridId", "address", "urgency"] as const;
