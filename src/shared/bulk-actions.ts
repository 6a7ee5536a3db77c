/** What a bulk action does to each repository it covers. */
export const bulkActions = ["recheck", "set-credential", "remove"] as const;

/** One bulk action. */
export type BulkAction = (typeof bulkActions)[number];
