import type { TFunction } from "i18next";

/**
 * An audit row in the reader's language. Rows store a code and its values; a code this release has no
 * sentence for (written by a newer version, or an area added later) falls back to its family's sentence.
 */
export function describeAuditAction(t: TFunction, row: { action: string; data: Record<string, unknown> }): string {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(row.data))
    if (typeof value === "string" || typeof value === "number") values[key] = String(value);
  if (typeof row.data.role === "string") values.role = t(`admin:roles.${row.data.role}`, { defaultValue: row.data.role });
  if (typeof row.data.consent === "string")
    values.consent = t(`common:assisted.consent_method.${row.data.consent}`, { defaultValue: row.data.consent });
  const family = row.action.split(".")[0] ?? "";
  const fallback = t(`admin:audit.family.${family}`, { defaultValue: t("admin:audit.family.other") });
  return t(`admin:audit.action.${row.action}`, { ...values, defaultValue: fallback });
}

export function describeRecordType(t: TFunction, entityType: string): string {
  return t(`admin:audit.types.${entityType}`, { defaultValue: t("admin:audit.types.other") });
}
