// Teams' file consent flow for personal chats: the bot offers a file with a consent card; when the
// person accepts, Teams sends an upload session in the person's OneDrive, the bot PUTs the bytes
// there in one range and then shows the file with a file info card.
import { z } from 'zod';
import type { JsonObject } from '../domain';
import type { FileOfferKind, FileReply } from '../turns/types';

export const FILE_CONSENT_CARD = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_CARD = 'application/vnd.microsoft.teams.card.file.info';

/**
 * Everything a consent card carries back to the bot: which offer it was, an id for the logs, and
 * what the offer needs to make its file again (the report's team, quarter and title), if anything.
 */
export interface FileOfferContext {
  offer: FileOfferKind;
  exportId: string;
  details?: JsonObject;
}

/** The bytes of a file reply, as offered (its size), uploaded, and served by a download link. */
export function fileBytes(file: FileReply): Buffer {
  if (Buffer.isBuffer(file.content)) return file.content;
  if (typeof file.content === 'string') return Buffer.from(file.content, 'utf8');
  return Buffer.from(JSON.stringify(file.content, null, 2), 'utf8');
}

/** The file type Teams shows on the file card: the name's extension. */
export function fileTypeOf(fileName: string): string {
  return /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? 'txt';
}

export function fileConsentAttachment(file: FileReply, description: string, context: FileOfferContext) {
  return {
    contentType: FILE_CONSENT_CARD,
    name: file.fileName,
    content: { description, sizeInBytes: fileBytes(file).length, acceptContext: context, declineContext: context },
  };
}

export function fileInfoAttachment(upload: UploadInfo, fileName: string) {
  return {
    contentType: FILE_INFO_CARD,
    contentUrl: upload.contentUrl,
    // OneDrive may have renamed the file (a second download on one day); Teams names it.
    name: upload.name ?? fileName,
    content: { uniqueId: upload.uniqueId, fileType: fileTypeOf(fileName) },
  };
}

const contextSchema = z.object({
  offer: z.enum(['personData', 'progressExport', 'quarterlyReport'] satisfies FileOfferKind[]),
  exportId: z.string().max(64),
  // Checked in full by the capability that made the offer; here only kept small and plain.
  details: z.record(z.string().max(32), z.union([z.string().max(400), z.number(), z.boolean()])).optional(),
});

const uploadInfoSchema = z.object({
  name: z.string().min(1).optional(),
  uploadUrl: z.string().url(),
  contentUrl: z.string().url(),
  uniqueId: z.string().min(1),
  fileType: z.string().optional(),
});
export type UploadInfo = z.infer<typeof uploadInfoSchema>;

/** The value of a `fileConsent/invoke`: accepted with somewhere to upload, or declined. */
const consentSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept'), context: contextSchema, uploadInfo: uploadInfoSchema }),
  z.object({ action: z.literal('decline'), context: contextSchema }),
]);
export type FileConsentAnswer = z.infer<typeof consentSchema>;

export function parseFileConsent(value: unknown): FileConsentAnswer | undefined {
  const parsed = consentSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** The upload went wrong: refused, unreachable, too slow, or an upload URL the bot will not send data to. */
export class FileUploadError extends Error {}

const UPLOAD_TIMEOUT_MS = 30_000;

/**
 * The whole file in one PUT to the upload session (small files: one range is allowed up to 60 MiB).
 * The session URL carries its own authorisation, so no token is sent with it. A person's data only
 * goes over HTTPS; plain HTTP is allowed to loopback alone, where tests stand in for OneDrive.
 */
export async function uploadFile(uploadUrl: string, bytes: Buffer, timeoutMs = UPLOAD_TIMEOUT_MS): Promise<void> {
  const url = new URL(uploadUrl);
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
    throw new FileUploadError(`refused upload URL scheme ${url.protocol}`);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'PUT',
      headers: {
        'Content-Length': String(bytes.length),
        'Content-Range': `bytes 0-${bytes.length - 1}/${bytes.length}`,
      },
      body: bytes,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new FileUploadError(`upload failed: ${(error as Error).name}`);
  }
  await response.body?.cancel();
  // 200 or 201: the file is complete. 202 would mean the session still expects bytes.
  if (response.status !== 200 && response.status !== 201)
    throw new FileUploadError(`upload answered ${response.status}`);
}
