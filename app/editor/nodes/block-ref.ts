import type { ExpectedBlock } from "../../domain/minutes/completeness";
import type { AttendanceData, DecisionData, VoteResultData } from "./locked-data";

/** Which record each locked block stands for, named the way the completeness messages name it. */
export const blockOfVoteResult = (data: VoteResultData): ExpectedBlock => ({ type: "vote-result", id: data.pollId, label: data.question });
export const blockOfAttendance = (data: AttendanceData): ExpectedBlock => ({ type: "attendance", id: data.meetingId, label: "" });
export const blockOfDecision = (data: DecisionData): ExpectedBlock => ({ type: "decision", id: data.decisionId, label: data.text });
