import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import type { IntentFailure } from "../../web/legacy-intent.server";
import { FormError } from "./form-bits";

export type Failure = IntentFailure | undefined;

/** The failure belongs to this form only if it was this form (intent, and item when given) that was sent. */
export function failureFor(failure: unknown, intent: string, itemId?: string): IntentFailure | undefined {
  if (!failure || typeof failure !== "object") return undefined;
  const f = failure as IntentFailure;
  if (f.ok !== false || f.intent !== intent) return undefined;
  if (itemId && f.values.actionItemId !== itemId) return undefined;
  return f;
}

/** One intent of an issue page: posts back to the page, shows its own error, disables while sending. */
export function IntentForm({
  intent,
  failure,
  children,
  multipart = false,
  className = "space-y-3",
  hidden = {},
  label,
}: {
  intent: string;
  failure?: IntentFailure;
  children: (state: { busy: boolean }) => ReactNode;
  multipart?: boolean;
  className?: string;
  hidden?: Record<string, string | number>;
  label?: string;
}) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  return (
    <Form method="post" encType={multipart ? "multipart/form-data" : undefined} className={className} aria-label={label} noValidate>
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FormError message={failure?.formError} />
      {children({ busy })}
    </Form>
  );
}
