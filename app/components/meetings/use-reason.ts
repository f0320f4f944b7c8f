import { useTranslation } from "react-i18next";

/** Refusal reasons are translation keys: "meetings:errors.x" names its namespace, "errors.x" is common. */
export function useTranslateReason() {
  const { t } = useTranslation(["meetings", "common"]);
  return (reason: string, values?: Record<string, string | number>) =>
    reason.includes(":") ? t(reason, values ?? {}) : t(`common:${reason}`, values ?? {});
}
