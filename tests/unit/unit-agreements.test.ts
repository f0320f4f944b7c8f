import { describe, expect, it } from "vitest";
import {
  agreementDate,
  agreementStatus,
  commitmentLines,
  commitmentsProblem,
  daysUntilEnd,
  dueForReminder,
  termProblem,
} from "../../app/domain/units/agreements";
import { AgreementCreateSchema } from "../../app/schemas/agreements";

// Monday 7 December 2026, 23:30 in China (15:30 UTC): the calendar day is China's, not UTC's.
const now = new Date("2026-12-07T23:30:00+08:00");

describe("cooperation agreement rules", () => {
  it("counts calendar days in China to the last day", () => {
    expect(daysUntilEnd(agreementDate("2026-12-07"), now)).toBe(0);
    expect(daysUntilEnd(agreementDate("2027-01-06"), now)).toBe(30);
    expect(daysUntilEnd(agreementDate("2026-12-06"), now)).toBe(-1);
  });

  it("is ending soon from 30 days before its last day, ended after it", () => {
    expect(agreementStatus(agreementDate("2027-01-07"), now)).toBe("active");
    expect(agreementStatus(agreementDate("2027-01-06"), now)).toBe("ending_soon");
    expect(agreementStatus(agreementDate("2026-12-07"), now)).toBe("ending_soon");
    expect(agreementStatus(agreementDate("2026-12-06"), now)).toBe("ended");
  });

  it("is reminded once, only while ending soon", () => {
    expect(dueForReminder({ endsOn: agreementDate("2026-12-20"), remindedAt: null }, now)).toBe(true);
    expect(dueForReminder({ endsOn: agreementDate("2026-12-20"), remindedAt: now }, now)).toBe(false);
    expect(dueForReminder({ endsOn: agreementDate("2027-03-01"), remindedAt: null }, now)).toBe(false);
    expect(dueForReminder({ endsOn: agreementDate("2026-11-30"), remindedAt: null }, now)).toBe(false);
  });

  it("takes commitments one per line and checks them", () => {
    expect(commitmentLines("  开放操场 \n\n\n共建志愿服务队\n")).toEqual(["开放操场", "共建志愿服务队"]);
    expect(commitmentsProblem([])).toBe("units:agreements.errors.no_commitments");
    expect(commitmentsProblem(Array.from({ length: 21 }, (_, i) => `承诺${i}`))).toBe("units:agreements.errors.too_many_commitments");
    expect(commitmentsProblem(["长".repeat(201)])).toBe("units:agreements.errors.commitment_too_long");
    expect(commitmentsProblem(["开放操场"])).toBeNull();
    expect(termProblem("2027-01-01", "2026-12-31")).toBe("units:agreements.errors.ends_before_start");
    expect(termProblem("2027-01-01", "2027-01-01")).toBeNull();
  });

  it("refuses malformed forms field by field", () => {
    const base = {
      intent: "create",
      title: "共建协议",
      startsOn: "2027-01-01",
      endsOn: "2027-12-31",
      commitments: "开放操场\n共建志愿服务队",
      communitySignatory: "王书记",
      communityRole: "社区党委书记",
      unitSignatory: "李校长",
      unitRole: "校长",
    };
    const ok = AgreementCreateSchema.parse(base);
    expect(ok.commitments).toEqual(["开放操场", "共建志愿服务队"]);
    const bad = AgreementCreateSchema.safeParse({ ...base, endsOn: "2026-02-30", commitments: " \n ", title: "" });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((issue) => issue.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["endsOn", "title"]));
    const reversed = AgreementCreateSchema.safeParse({ ...base, endsOn: "2026-12-31" });
    expect(reversed.error!.issues.map((i) => i.message)).toContain("units:agreements.errors.ends_before_start");
    const empty = AgreementCreateSchema.safeParse({ ...base, commitments: " \n " });
    expect(empty.error!.issues.map((i) => i.message)).toContain("units:agreements.errors.no_commitments");
  });
});
