import type { NodeKey } from "lexical";
import { blockOf } from "../../domain/minutes/completeness";
import type { LockedBlockContent } from "../../domain/minutes/locked-data";
import { LockedBlockFrame } from "./locked-block-frame";
import { AttendanceBlock, DecisionBlock, VoteResultBlock } from "./locked-blocks";

interface Props {
  nodeKey: NodeKey;
  block: LockedBlockContent;
  removed: boolean;
  setRemoved: (removed: boolean) => void;
}

/** A locked block inside the editor: its figures in the frame that selects it and offers to take it out. */
export default function LockedBlockView({ nodeKey, block, removed, setRemoved }: Props) {
  const named = blockOf(block);
  if (!named) return null;
  return (
    <LockedBlockFrame nodeKey={nodeKey} removed={removed} block={named} setRemoved={setRemoved}>
      {block.type === "vote-result" ? (
        <VoteResultBlock data={block.data} />
      ) : block.type === "attendance" ? (
        <AttendanceBlock data={block.data} />
      ) : (
        <DecisionBlock data={block.data} />
      )}
    </LockedBlockFrame>
  );
}
