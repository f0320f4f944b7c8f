import enAdmin from "./locales/en/admin.json";
import enCommon from "./locales/en/common.json";
import enEnrol from "./locales/en/enrol.json";
import enFigures from "./locales/en/figures.json";
import enIssues from "./locales/en/issues.json";
import enMeetings from "./locales/en/meetings.json";
import enMinutes from "./locales/en/minutes.json";
import enOpendata from "./locales/en/opendata.json";
import enPeople from "./locales/en/people.json";
import enUnits from "./locales/en/units.json";
import enVolunteering from "./locales/en/volunteering.json";
import zhAdmin from "./locales/zh-CN/admin.json";
import zhCommon from "./locales/zh-CN/common.json";
import zhEnrol from "./locales/zh-CN/enrol.json";
import zhFigures from "./locales/zh-CN/figures.json";
import zhIssues from "./locales/zh-CN/issues.json";
import zhMeetings from "./locales/zh-CN/meetings.json";
import zhMinutes from "./locales/zh-CN/minutes.json";
import zhOpendata from "./locales/zh-CN/opendata.json";
import zhPeople from "./locales/zh-CN/people.json";
import zhUnits from "./locales/zh-CN/units.json";
import zhVolunteering from "./locales/zh-CN/volunteering.json";

/**
 * Every translation, for the server (which renders both languages) and tests. Browsers never bundle this:
 * they fetch only their language's namespaces for the page (i18n/client.ts).
 */
export const resources = {
  "zh-CN": {
    common: zhCommon,
    issues: zhIssues,
    meetings: zhMeetings,
    minutes: zhMinutes,
    units: zhUnits,
    people: zhPeople,
    figures: zhFigures,
    volunteering: zhVolunteering,
    enrol: zhEnrol,
    admin: zhAdmin,
    opendata: zhOpendata,
  },
  en: {
    common: enCommon,
    issues: enIssues,
    meetings: enMeetings,
    minutes: enMinutes,
    units: enUnits,
    people: enPeople,
    figures: enFigures,
    volunteering: enVolunteering,
    enrol: enEnrol,
    admin: enAdmin,
    opendata: enOpendata,
  },
} as const;
