import { OPEN_ISSUE_STATUSES } from "../issues/statuses";
import type { IssueStatus } from "../issues/statuses";

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2), read side: the shapes and rules of the
 * spec, kept apart from the database so they can be checked field by field. A jurisdiction is a
 * community (jurisdiction_id = its slug); a service is one of its issue categories (service_code = key).
 */

export const SPEC_URL = "http://wiki.open311.org/GeoReport_v2";
/** The spec's cap on one answer, and on the ids one request may ask for. */
export const MAX_REQUESTS = 1000;
/** With no dates asked for, the spec's default window: the last 90 days. */
export const DEFAULT_WINDOW_DAYS = 90;

/** The spec's error body: an array of { code, description }; the HTTP status repeats the code. */
export interface GeoReportError {
  code: number;
  description: string;
}
export const georeportError = (code: number, description: string): GeoReportError[] => [{ code, description }];

export interface Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: "realtime" | "batch" | "blackbox";
  keywords: string;
  group: string;
}

export function serviceOf(category: { key: string; nameZh: string; nameEn: string }, groupName: string): Service {
  return {
    service_code: category.key,
    service_name: `${category.nameZh} ${category.nameEn}`,
    description: `${category.nameZh} / ${category.nameEn}`,
    // No extra attributes are asked for: a description and a place are all an issue needs.
    metadata: false,
    type: "realtime",
    keywords: category.key.replace(/[_-]/g, ","),
    group: groupName,
  };
}

export interface ServiceRequest {
  service_request_id: string;
  status: "open" | "closed";
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

export const georeportStatus = (status: string): "open" | "closed" =>
  OPEN_ISSUE_STATUSES.includes(status as IssueStatus) ? "open" : "closed";

export interface IssueForRequest {
  number: number;
  title: string;
  status: string;
  createdAt: Date;
  updatedAt: Date;
  resolutionDueAt: Date | null;
  category: { key: string; nameZh: string; nameEn: string };
  escalatedTo: { nameZh: string; nameEn: string } | null;
}

/**
 * An issue as a service request. Like the open data (docs/open-data.md), only what the public list already
 * shows: `description` carries the title, never the resident's free text (which often holds names, phone
 * numbers and door numbers); no address or photos. status_notes gives the tracker's own status.
 */
export function serviceRequestOf(issue: IssueForRequest): ServiceRequest {
  return {
    service_request_id: String(issue.number),
    status: georeportStatus(issue.status),
    status_notes: issue.status,
    service_name: `${issue.category.nameZh} ${issue.category.nameEn}`,
    service_code: issue.category.key,
    description: issue.title,
    agency_responsible: issue.escalatedTo ? `${issue.escalatedTo.nameZh} ${issue.escalatedTo.nameEn}` : null,
    service_notice: null,
    requested_datetime: issue.createdAt.toISOString(),
    updated_datetime: issue.updatedAt.toISOString(),
    expected_datetime: issue.resolutionDueAt ? issue.resolutionDueAt.toISOString() : null,
    address: null,
    address_id: null,
    zipcode: null,
    lat: null,
    long: null,
    media_url: null,
  };
}
