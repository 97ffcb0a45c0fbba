// Messages between the benchmark runner and the Connector stand-in process (over the fork IPC
// channel). Kept in one place so both sides agree on the shape.

/** What the stand-in has seen since the last reset. */
export interface ConnectorCounts {
  /** Well-formed replies answered with 200 `{ id }`. */
  replies: number;
  /** Total size of the replies' JSON bodies: bigger cards cost the bot more to serialise and send. */
  replyBytes: number;
  /** Replies that carried an Adaptive Card attachment (what botbuilder bots send). */
  cardReplies: number;
  /** Second or later reply to the same activity id: a bot answering one turn twice. */
  duplicateReplies: number;
  /** Requests that were not a POST to /v3/conversations/{id}/activities/{replyToId} with a JSON activity. */
  malformed: number;
}

export type RunnerToConnector = { type: 'reset' } | { type: 'counts' };

export type ConnectorToRunner = { type: 'ready'; port: number } | { type: 'counts'; counts: ConnectorCounts };
