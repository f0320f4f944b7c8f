import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import type { FormFailure } from "../../web/forms";
import { FormError } from "./form-bits";

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
  failure?: FormFailure;
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
