import { useTranslation } from "react-i18next";
import { SECTOR_GROUPS, UNIT_KINDS } from "../../domain/roles";
import { localized } from "../../i18n/config";
import { Field, describedBy } from "../issues/form-bits";

interface UnitValues {
  nameZh?: string;
  nameEn?: string;
  kind?: string;
  sectorGroup?: string;
  areaId?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
}

/** The fields of a participating unit, for creating and editing one: what was typed wins over what is stored. */
export function UnitFields({
  stored = {},
  typed = {},
  errors = {},
  areas,
}: {
  stored?: UnitValues;
  typed?: Record<string, string>;
  errors?: Record<string, string>;
  areas: { id: string; nameZh: string; nameEn: string }[];
}) {
  const { t, i18n } = useTranslation("enrol");
  const value = (name: keyof UnitValues) => typed[name] ?? stored[name] ?? "";
  const props = (name: keyof UnitValues) => ({
    id: name,
    name,
    defaultValue: value(name),
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": describedBy(name, errors[name]),
    className: "field-input",
  });
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Field id="nameZh" label={t("units.name_zh")} error={errors.nameZh}>
        <input {...props("nameZh")} required />
      </Field>
      <Field id="nameEn" label={t("units.name_en")} error={errors.nameEn}>
        <input {...props("nameEn")} lang="en" />
      </Field>
      <Field id="kind" label={t("units.kind")} error={errors.kind}>
        <select {...props("kind")}>
          {UNIT_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`issues:units.kind.${kind}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="sectorGroup" label={t("units.sector")} error={errors.sectorGroup}>
        <select {...props("sectorGroup")}>
          {SECTOR_GROUPS.map((group) => (
            <option key={group} value={group}>
              {t(`issues:units.sector.${group}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="areaId" label={t("units.area")} error={errors.areaId}>
        <select {...props("areaId")}>
          <option value="">{t("units.no_area")}</option>
          {areas.map((area) => (
            <option key={area.id} value={area.id}>
              {localized(i18n.language, area.nameZh, area.nameEn)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="contactName" label={t("units.contact_name")} error={errors.contactName}>
        <input {...props("contactName")} />
      </Field>
      <Field id="contactPhone" label={t("units.contact_phone")} error={errors.contactPhone}>
        <input {...props("contactPhone")} type="tel" />
      </Field>
    </div>
  );
}
