import { useTranslation } from "react-i18next";
import type { AssistedView } from "../../domain/assisted/consent";

/**
 * "Raised by grid worker 李网格 for 张阿姨" — or, for readers who may not see who raised it, "raised by a grid
 * worker on behalf of a resident". The words live in `common`, which every page loads.
 */
export function AssistedLine({ view, kind }: { view: AssistedView; kind: "issue" | "objection" | "acceptance" }) {
  const { t } = useTranslation("common");
  if (!view.named)
    return (
      <p className="text-sm text-ink-muted" data-testid="assisted-line">
        {t(`assisted.${kind}_anonymous`, { role: t(`assisted.role_anonymous.${view.helperRole}`) })}
      </p>
    );
  return (
    <p className="text-sm text-ink-muted" data-testid="assisted-line">
      {t(`assisted.${kind}_named`, { role: t(`assisted.role.${view.helperRole}`), helper: view.helperName, resident: view.residentName })}
      {view.consentMethod ? ` · ${t("assisted.consent", { method: t(`assisted.consent_method.${view.consentMethod}`) })}` : null}
    </p>
  );
}
