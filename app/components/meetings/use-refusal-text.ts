import { useTranslation } from "react-i18next";

/**
 * The sentence for a refusal, in the reader's language. Its `message` is a translation key:
 * "meetings:errors.x" names its namespace, "errors.x" is common.
 */
export function useRefusalText() {
  const { t } = useTranslation(["meetings", "common"]);
  return ({ message, values }: { message: string; values?: Record<string, string | number> }) =>
    message.includes(":") ? t(message, values ?? {}) : t(`common:${message}`, values ?? {});
}
