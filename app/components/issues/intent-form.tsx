import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useEffect, useRef } from "react";
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
  const form = useRef<HTMLFormElement>(null);
  const sent = useRef(false);
  useEffect(() => {
    if (busy) sent.current = true;
    else if (sent.current && navigation.state === "idle") {
      sent.current = false;
      // Accepted: empty the form (text, chosen photos), so a second tap cannot post the same update twice.
      // Refused: keep what was typed, shown again with its error.
      if (!failure) form.current?.reset();
    }
  }, [busy, navigation.state, failure]);
  return (
    <Form
      ref={form}
      method="post"
      encType={multipart ? "multipart/form-data" : undefined}
      className={className}
      aria-label={label}
      noValidate
    >
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FormError message={failure?.formError} />
      {children({ busy })}
    </Form>
  );
}
