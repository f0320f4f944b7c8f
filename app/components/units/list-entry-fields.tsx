import { useTranslation } from "react-i18next";
import { LIST_CATEGORIES } from "../../domain/units/lists";
import type { FormFailure } from "../../web/forms";
import { Field, describedBy } from "../issues/form-bits";

export interface ListEntryValues {
  titleZh: string;
  titleEn: string;
  category: string;
  quantity: string | null;
  availability: string | null;
  description: string | null;
}

/**
 * The fields of one entry of a list (a resource, a need): the same on the unit page and the community's
 * needs list. What was typed comes back from a refused form; otherwise the entry's current values.
 */
export function ListEntryFields({
  prefix,
  entry,
  failure,
  withAvailability = true,
}: {
  prefix: string;
  entry?: ListEntryValues;
  failure?: FormFailure;
  withAvailability?: boolean;
}) {
  const { t } = useTranslation("units");
  const value = (name: keyof ListEntryValues) => failure?.values[name] ?? entry?.[name] ?? "";
  const error = (name: string) => failure?.fieldErrors[name];
  const input = (name: keyof ListEntryValues, maxLength: number, extra: { lang?: string } = {}) => (
    <input
      id={`${prefix}-${name}`}
      name={name}
      maxLength={maxLength}
      className="field-input"
      defaultValue={value(name)}
      aria-invalid={error(name) ? true : undefined}
      aria-describedby={describedBy(`${prefix}-${name}`, error(name))}
      {...extra}
    />
  );
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
      <Field id={`${prefix}-titleZh`} label={t("lists.field.title_zh")} error={error("titleZh")}>
        {input("titleZh", 60)}
      </Field>
      <Field id={`${prefix}-titleEn`} label={t("lists.field.title_en")} error={error("titleEn")}>
        {input("titleEn", 120, { lang: "en" })}
      </Field>
      <Field id={`${prefix}-category`} label={t("lists.field.category")} error={error("category")}>
        <select id={`${prefix}-category`} name="category" className="field-input" defaultValue={value("category") || "service"}>
          {LIST_CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {t(`category.${category}`)}
            </option>
          ))}
        </select>
      </Field>
      {withAvailability ? (
        <>
          <Field id={`${prefix}-quantity`} label={t("lists.field.quantity")} error={error("quantity")}>
            {input("quantity", 40)}
          </Field>
          <Field id={`${prefix}-availability`} label={t("lists.field.availability")} error={error("availability")}>
            {input("availability", 60)}
          </Field>
        </>
      ) : null}
      <div className="sm:col-span-2">
        <Field id={`${prefix}-description`} label={t("lists.field.description")} error={error("description")}>
          <textarea
            id={`${prefix}-description`}
            name="description"
            maxLength={500}
            rows={2}
            className="field-input"
            defaultValue={value("description")}
            aria-describedby={describedBy(`${prefix}-description`, error("description"))}
          />
        </Field>
      </div>
    </div>
  );
}
