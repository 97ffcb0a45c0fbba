// File consent (`fileConsent/invoke`): the person accepted or declined a file offer ("Download my
// data", a lead's progress export). Accepted: the file is built now, uploaded to their OneDrive and
// shown. Declined or failed: the capability that made the offer says what happened.
import type { FileConsentCardResponse, TurnContext } from 'botbuilder';
import { handleTurn } from '../../router/handleTurn';
import { noticeReply } from '../../turns/guideCards';
import type { Reply } from '../../turns/types';
import { turnContextInfo } from '../activityToRequest';
import {
  fileBytes,
  fileInfoAttachment,
  parseFileConsent,
  uploadFile,
  type FileOfferContext,
  type UploadInfo,
} from '../fileUpload';
import type { RouteDeps } from './routeDeps';

/**
 * A value that is not one of ours (damaged, or from a card this version did not send) gets a clear
 * card, not an error.
 */
export async function answerFileConsent(
  deps: RouteDeps,
  context: TurnContext,
  response: FileConsentCardResponse,
): Promise<void> {
  const answer = parseFileConsent(response);
  if (!answer) {
    deps.logger.warn({ activityId: context.activity.id }, 'file consent answer unreadable; nothing sent');
    await deps.answer(
      context,
      [
        noticeReply(
          'That file could not be sent',
          'The file offer was out of date or damaged, so nothing was sent. Type "my data" and press "Download my data" to get a new one.',
        ),
      ],
      'message',
    );
    return;
  }
  if (answer.action === 'decline') return fileOfferAnswered(deps, context, answer.context, 'declined');
  return deliverFile(deps, context, answer.context, answer.uploadInfo);
}

/** Accepted: the file is built now (so it is current), uploaded to the person's OneDrive and shown. */
async function deliverFile(
  deps: RouteDeps,
  context: TurnContext,
  offer: FileOfferContext,
  upload: UploadInfo,
): Promise<void> {
  const { exportId } = offer;
  for (const reply of await fileOfferReplies(deps, context, offer, 'accepted')) {
    if (reply.kind !== 'file') {
      await deps.answer(context, [reply], 'message');
      continue;
    }
    const bytes = fileBytes(reply);
    try {
      await uploadFile(upload.uploadUrl, bytes);
    } catch (error) {
      deps.logger.warn({ activityId: context.activity.id, exportId, err: error }, 'file upload failed');
      await fileOfferAnswered(deps, context, offer, 'failed');
      continue;
    }
    deps.logger.info({ activityId: context.activity.id, exportId, bytes: bytes.length }, 'file uploaded');
    await context.sendActivity({
      type: 'message',
      text: reply.summary,
      attachments: [fileInfoAttachment(upload, reply.fileName)],
    });
  }
}

async function fileOfferAnswered(
  deps: RouteDeps,
  context: TurnContext,
  offer: FileOfferContext,
  outcome: 'declined' | 'failed',
): Promise<void> {
  await deps.answer(context, await fileOfferReplies(deps, context, offer, outcome), 'message');
}

function fileOfferReplies(
  deps: RouteDeps,
  context: TurnContext,
  offer: FileOfferContext,
  outcome: 'accepted' | 'declined' | 'failed',
): Promise<Reply[]> {
  return handleTurn(
    {
      kind: 'fileOffer',
      offer: offer.offer,
      outcome,
      ...(offer.details ? { details: offer.details } : {}),
      context: turnContextInfo(context.activity),
    },
    deps.capabilities,
  );
}
