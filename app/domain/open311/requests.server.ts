import type { Db } from "../../infra/db.server";
import { DAY } from "../../infra/clock";
import type { Open311RequestsFilters } from "../../schemas/open311";
import { OPEN_ISSUE_STATUSES } from "../issues/statuses";
import type { GeoReportError, Service, ServiceRequest } from "./georeport";
import { DEFAULT_WINDOW_DAYS, MAX_REQUESTS, georeportError, serviceOf, serviceRequestOf } from "./georeport";

/** A refusal in the spec's form: the routes answer it as `[{ code, description }]` with that HTTP status. */
export class GeoReportFailure extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
  ) {
    super(description);
  }
  get body(): GeoReportError[] {
    return georeportError(this.status, this.description);
  }
}

/**
 * The jurisdiction asked for (a community slug). Without jurisdiction_id the spec lets an endpoint that
 * serves one jurisdiction answer for it; with several communities the parameter is required.
 */
export async function jurisdictionOf(db: Db, jurisdictionId: string | undefined) {
  const select = { id: true, slug: true, nameZh: true, nameEn: true } as const;
  if (jurisdictionId) {
    const community = await db.community.findUnique({ where: { slug: jurisdictionId }, select });
    if (!community) throw new GeoReportFailure(404, `jurisdiction_id not found: ${jurisdictionId}`);
    return community;
  }
  const communities = await db.community.findMany({ select, take: 2 });
  if (communities.length !== 1) throw new GeoReportFailure(400, "jurisdiction_id is required (the community's slug)");
  return communities[0];
}

export async function listServices(db: Db, jurisdictionId: string | undefined): Promise<Service[]> {
  const community = await jurisdictionOf(db, jurisdictionId);
  const categories = await db.issueCategory.findMany({
    where: { communityId: community.id, archivedAt: null },
    orderBy: { position: "asc" },
    select: { key: true, nameZh: true, nameEn: true },
  });
  return categories.map((category) => serviceOf(category, `${community.nameZh} ${community.nameEn}`));
}

/** A service definition: our services ask for no extra attributes, so the list is empty. */
export async function serviceDefinition(db: Db, jurisdictionId: string | undefined, serviceCode: string) {
  const community = await jurisdictionOf(db, jurisdictionId);
  const category = await db.issueCategory.findFirst({
    where: { communityId: community.id, key: serviceCode, archivedAt: null },
    select: { key: true },
  });
  if (!category) throw new GeoReportFailure(404, `service_code not found: ${serviceCode}`);
  return { service_code: category.key, attributes: [] as never[] };
}

const requestSelect = {
  number: true,
  title: true,
  status: true,
  createdAt: true,
  updatedAt: true,
  resolutionDueAt: true,
  category: { select: { key: true, nameZh: true, nameEn: true } },
  escalatedTo: { select: { nameZh: true, nameEn: true } },
} as const;

/** GET requests.json: newest first, at most 1000; the last 90 days unless dates or ids are given. */
export async function listRequests(db: Db, now: Date, filters: Open311RequestsFilters): Promise<ServiceRequest[]> {
  const community = await jurisdictionOf(db, filters.jurisdiction_id);
  const createdAt: { gte?: Date; lte?: Date } = {};
  if (filters.start_date) createdAt.gte = filters.start_date;
  if (filters.end_date) createdAt.lte = filters.end_date;
  if (!filters.start_date && !filters.end_date && !filters.service_request_id)
    createdAt.gte = new Date(now.getTime() - DEFAULT_WINDOW_DAYS * DAY);
  if (createdAt.gte && createdAt.lte && createdAt.gte > createdAt.lte) throw new GeoReportFailure(400, "start_date is after end_date");
  const statuses = filters.status ? new Set(filters.status) : null;
  const status =
    statuses && statuses.size === 1
      ? statuses.has("open")
        ? { in: [...OPEN_ISSUE_STATUSES] }
        : { notIn: [...OPEN_ISSUE_STATUSES] }
      : undefined;
  const rows = await db.issue.findMany({
    where: {
      communityId: community.id,
      ...(filters.service_request_id ? { number: { in: filters.service_request_id } } : {}),
      ...(filters.service_code ? { category: { key: filters.service_code } } : {}),
      ...(status ? { status } : {}),
      ...(createdAt.gte || createdAt.lte ? { createdAt } : {}),
    },
    orderBy: { number: "desc" },
    take: MAX_REQUESTS,
    select: requestSelect,
  });
  return rows.map(serviceRequestOf);
}

/** GET requests/<id>.json: the spec answers with an array of one. */
export async function oneRequest(db: Db, jurisdictionId: string | undefined, number: number): Promise<ServiceRequest[]> {
  const community = await jurisdictionOf(db, jurisdictionId);
  const issue = await db.issue.findUnique({ where: { communityId_number: { communityId: community.id, number } }, select: requestSelect });
  if (!issue) throw new GeoReportFailure(404, `service_request_id not found: ${number}`);
  return [serviceRequestOf(issue)];
}
