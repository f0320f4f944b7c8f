import { describe, expect, it } from "vitest";
import { arePhotosPublic, maySeePhotos } from "../../app/domain/uploads/photo-access";
import type { Actor } from "../../app/domain/permissions";
import { parseUploadPath } from "../../app/infra/storage.server";
import { IssueIntentSchema, RaiseIssueSchema } from "../../app/schemas/issues";
import { MinutesViewQuery } from "../../app/schemas/minutes";
import { isCalendarDate, pageNumber, positiveInteger, recordId } from "../../app/schemas/params";
import { cleanText } from "../../app/schemas/text";

describe("text fields keep what people meant and drop what breaks pages", () => {
  it("a NUL, other C0/C1 controls and lone surrogates are removed from a title", () => {
    const parsed = RaiseIssueSchema.parse({
      title: "3幢\u0000楼道\u0007灯\u009b坏了\uD800",
      description: "晚上\u0000一片漆黑",
      categoryId: "cat_1",
    });
    expect(parsed.title).toBe("3幢楼道灯坏了");
    expect(parsed.description).toBe("晚上一片漆黑");
  });

  it("multi-line text keeps tabs and line breaks (CRLF becomes LF); a single line turns them into spaces", () => {
    expect(cleanText("第一行\r\n\t第二行\u000b", { multiline: true })).toBe("第一行\n\t第二行");
    expect(cleanText("标题\n第二行\t尾", { multiline: false })).toBe("标题 第二行 尾");
  });

  it("emoji and Chinese survive (surrogate pairs are not lone)", () => {
    expect(cleanText("门口有积水 😀", { multiline: false })).toBe("门口有积水 😀");
  });

  it("a title made only of control characters is refused as empty", () => {
    const result = RaiseIssueSchema.safeParse({ title: "\u0000\u0001", description: "x", categoryId: "c1" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("errors.field.required");
  });
});

describe("dates, numbers and ids from forms and addresses", () => {
  it("only days that exist in the calendar are accepted as deadlines", () => {
    expect(isCalendarDate("2031-12-31")).toBe(true);
    expect(isCalendarDate("2028-02-29")).toBe(true);
    for (const bad of ["2031-13-45", "2031-02-30", "2027-02-29", "0000-01-01", "99999-01-01", "2031-1-1", ""])
      expect(isCalendarDate(bad)).toBe(false);
    const escalate = IssueIntentSchema.safeParse({ intent: "escalate", version: "0", unitId: "u1", dueDate: "2031-13-45" });
    expect(escalate.success).toBe(false);
    expect(escalate.error?.issues[0]?.message).toBe("issues:errors.date_invalid");
  });

  it("issue numbers are plain digits that fit an Int column", () => {
    expect(positiveInteger.parse("42")).toBe(42);
    for (const bad of ["99999999999999999999", "2147483648", "1e3", "0x10", "0", "-1", " 7", "7.5"])
      expect(positiveInteger.safeParse(bad).success).toBe(false);
  });

  it("page numbers default to 1 and refuse 1e308", () => {
    const schema = pageNumber();
    expect(schema.parse(undefined)).toBe(1);
    expect(schema.parse("3")).toBe(3);
    for (const bad of ["1e308", "0", "-2", "abc", "100001"]) expect(schema.safeParse(bad).success).toBe(false);
  });

  it("ids with a NUL or a path in them are refused", () => {
    expect(recordId.safeParse("clx9abc_1-2").success).toBe(true);
    for (const bad of ["a\u0000b", "../etc", "", "x".repeat(65)]) expect(recordId.safeParse(bad).success).toBe(false);
    expect(MinutesViewQuery.safeParse({ revision: "1e308" }).success).toBe(false);
  });

  it("a version number past what the database holds is refused rather than sent", () => {
    expect(IssueIntentSchema.safeParse({ intent: "accept", version: "1e308" }).success).toBe(false);
  });
});

describe("photo addresses and who may see them", () => {
  it("only stored keys and their thumbnails are addresses; traversal is not", () => {
    const key = "2026/11/0b6f2c1e-4f7a-4a52-9b3e-0d3c9a1e2f40";
    expect(parseUploadPath(`${key}.jpg`)).toEqual({ variant: "full", storageKeys: [`${key}.jpg`] });
    expect(parseUploadPath(`${key}.thumb.jpg`)?.variant).toBe("thumbnail");
    for (const bad of ["../../etc/passwd", `${key}.jpg/../x`, `${key}.svg`, "2026/11/x.jpg", `/${key}.jpg`])
      expect(parseUploadPath(bad)).toBeNull();
  });

  const owner = (status: string) => ({ status, communityId: "c1", streetId: "s1", reporterId: "reporter" });
  const resident = (id: string): Actor => ({
    id,
    streetAdminOfId: null,
    memberships: [{ communityId: "c1", streetId: "s1", role: "resident", isResidentRep: false, unitId: null, gridId: null }],
  });
  const staff: Actor = {
    id: "staff",
    streetAdminOfId: null,
    memberships: [{ communityId: "c1", streetId: "s1", role: "community_staff", isResidentRep: false, unitId: null, gridId: null }],
  };

  it("photos of an issue not yet accepted are for its reporter and the staff only", () => {
    expect(arePhotosPublic(owner("submitted"))).toBe(false);
    expect(arePhotosPublic(owner("rejected"))).toBe(false);
    expect(maySeePhotos(null, owner("submitted"))).toBe(false);
    expect(maySeePhotos(resident("neighbour"), owner("submitted"))).toBe(false);
    expect(maySeePhotos(resident("reporter"), owner("submitted"))).toBe(true);
    expect(maySeePhotos(staff, owner("rejected"))).toBe(true);
  });

  it("once accepted, everyone may see them", () => {
    for (const status of ["accepted", "escalated", "in_progress", "resolved", "closed"])
      expect(maySeePhotos(null, owner(status))).toBe(true);
  });
});
