/** Addresses of tracker pages, in one place so notifications, lists and redirects agree. */
export const issuePath = (communitySlug: string, number: number) => `/c/${communitySlug}/issues/${number}`;
export const issueListPath = (communitySlug: string) => `/c/${communitySlug}/issues`;
export const uploadPath = (storageKey: string) => `/uploads/${storageKey}`;
