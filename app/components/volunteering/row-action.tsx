import { Form } from "@remix-run/react";

/**
 * One button acting on one row of a list (confirm a registration, sign a volunteer in, confirm hours):
 * a plain form that posts the row's id and the intent, so it works before JavaScript. `ariaLabel` names the
 * row ("Sign in 陈国华") where the visible label is short.
 */
export function RowAction({
  field,
  id,
  intent,
  label,
  ariaLabel,
  primary = false,
  busy,
}: {
  field: string;
  id: string;
  intent: string;
  label: string;
  ariaLabel: string;
  primary?: boolean;
  busy: boolean;
}) {
  return (
    <Form method="post">
      <input type="hidden" name={field} value={id} />
      <button
        type="submit"
        name="intent"
        value={intent}
        className={primary ? "btn-primary" : "btn-secondary"}
        disabled={busy}
        aria-label={ariaLabel}
      >
        {label}
      </button>
    </Form>
  );
}
