// Which conversation a turn belongs to. Teams adds ";messageid=…" to a channel conversation id when
// the message is a reply in a thread; the conversation (and the team) is the part before it.

export function withoutThread(conversationId: string): string {
  return conversationId.split(';')[0] ?? conversationId;
}

/** The team in a channel (its id, when Teams sends it), otherwise the chat itself. */
export function conversationTeam(context: { teamId?: string; conversationId: string }): string {
  return context.teamId ?? withoutThread(context.conversationId);
}
