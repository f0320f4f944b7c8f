/** Where browsers send CSP violation reports, shared by the header that names it and the route that takes them. */
export const CSP_REPORT_PATH = "/csp-report";
export const CSP_REPORT_GROUP = "csp-endpoint";
