// The edge side of practice's personal notes: a card sent to someone's personal chat off the
// presser's turn (a lead asked to approve an example, an author told the outcome). The team's stored
// installation says which service and bot to reach the person through; PersonalChats finds their
// chat, or creates it, as it does for any reply meant for the personal chat.
import { CardFactory } from 'botbuilder';
import type { AdaptiveCard } from '../cards/render';
import type { NoteRecipient, PracticeNotes } from '../practice';
import type { FrameworkStore } from '../store/port';
import type { PersonalChats } from './personalChats';

export class TeamsPracticeNotes implements PracticeNotes {
  constructor(
    private readonly chats: PersonalChats,
    private readonly store: Pick<FrameworkStore, 'getInstallation'>,
  ) {}

  async send(to: NoteRecipient, card: AdaptiveCard, summary: string): Promise<boolean> {
    const installation = await this.store.getInstallation(to.teamId);
    // Only through the team's own installation, in the example's own organisation.
    if (!installation || installation.tenantId !== to.tenantId) return false;
    const { reference } = installation;
    return this.chats.within(
      {
        userId: to.userId,
        tenantId: to.tenantId,
        serviceUrl: reference.serviceUrl,
        channelId: reference.channelId,
        botId: reference.bot.id,
      },
      async (context) => {
        await context.sendActivity({ type: 'message', summary, attachments: [CardFactory.adaptiveCard(card)] });
      },
    );
  }
}
