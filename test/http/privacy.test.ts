// People's data through the real HTTP endpoint: "my data" lists what the bot keeps, the export comes as
// a file (by a short-lived link the bot serves for a local client, through Teams' file consent flow
// when the bot has an app id),
// and "delete my data" deletes it after a confirmation. Deletion details (roll-ups, other people's
// data, both stores) are tested in test/privacy.
import { executeActivity, fileConsentActivity, messageActivity } from '../support/activities';
import { cardOf, startBot, type BotHarness } from '../support/botHarness';
import { createExportLinks, EXPORT_LINK_TTL_MS } from '../../src/privacy/exportLinks';
import { expectValidCard, firstTextBlock } from '../support/cardValidation';
import { startSignedChannel, type SignedChannel } from '../support/signedChannel';
import { channelInstallation } from '../store/fixtures';
import { submitAnswers } from '../support/submitAnswers';

const USER = '29:officer-1';
/** The personal chat the test activities come from. */
const PERSONAL_CHAT = 'a:personal-chat-1';
let bot: BotHarness;
/** The download links' clock: moved by the expiry test, no waiting. */
let clock = Date.UTC(2026, 10, 23, 9);

beforeAll(async () => {
  bot = await startBot({}, { exportLinks: createExportLinks({ now: () => clock }) });
  await submitAnswers(bot.store, {
    teamId: '19:privacy-team@thread.tacv2',
    userId: USER,
    mission: 'digitally-enabled-councils',
    week: '2026-W47',
    retentionDays: 30,
    answers: { progress: 3, outcomes: ['outcome:data'], enabler: null, principles: [], win: 'A private win' },
  });
  await submitAnswers(bot.store, {
    teamId: '19:privacy-team@thread.tacv2',
    userId: '29:officer-2',
    mission: 'digitally-enabled-councils',
    week: '2026-W47',
    retentionDays: 30,
    answers: { progress: 4, outcomes: ['outcome:data'], enabler: null, principles: [], win: 'Somebody else’s win' },
  });
});
afterAll(async () => {
  await bot.close();
});

/** The data of the button titled `title` in a card. */
function buttonData(card: unknown, title: string): Record<string, unknown> {
  const match = new RegExp(`"title":"${title}"[^{}]*"data":(\\{[^}]*\\})`).exec(JSON.stringify(card));
  if (!match?.[1]) throw new Error(`no "${title}" button`);
  return JSON.parse(match[1]) as Record<string, unknown>;
}

/** The Action.OpenUrl buttons of a card: title and address. */
function linksIn(card: unknown): Array<{ title: string; url: string }> {
  const actions = ((card as { actions?: Array<Record<string, unknown>> }).actions ?? []).filter(
    (action) => action.type === 'Action.OpenUrl',
  );
  return actions.map((action) => ({ title: String(action.title), url: String(action.url) }));
}

/** "my data", then "Download my data": the card with the link the bot sent. */
async function downloadCard(): Promise<Record<string, unknown>> {
  const card = cardOf((await bot.ask(messageActivity(bot.connector.url, 'my data')))[0]);
  const download = executeActivity(bot.connector.url, buttonData(card, 'Download my data'));
  expect((await bot.post(download)).status).toBe(200);
  const sent = bot.connector.sent.filter((each) => each.replyToId === download.id);
  expect(sent).toHaveLength(1);
  return cardOf(sent[0]?.activity);
}

async function expectNotFound(url: string): Promise<void> {
  const response = await fetch(url);
  expect(response.status).toBe(404);
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(await response.json()).toEqual({
    code: 'NotFound',
    message: expect.stringMatching(/unknown or has expired.*"Download my data"/),
  });
}

it('shows the person what the bot keeps about them, and gives a local client a link to the file that the bot serves', async () => {
  const replies = await bot.ask(messageActivity(bot.connector.url, 'my data'));
  const card = cardOf(replies[0]);
  expectValidCard(card);
  expect(JSON.stringify(card)).toContain('Check-in answers (1)');

  // "Download my data": a card with a link to the file, not the file inline.
  const linkCard = await downloadCard();
  expectValidCard(linkCard);
  expect(firstTextBlock(linkCard)).toBe('Your data file is ready');
  expect(JSON.stringify(linkCard)).toContain("The link works for 10 minutes, only from this computer's bot.");
  expect(JSON.stringify(linkCard)).not.toMatch(/A private win|data:application/);
  const links = linksIn(linkCard);
  expect(links).toEqual([
    {
      title: 'Open the file',
      url: expect.stringMatching(new RegExp(`^${bot.baseUrl}/api/exports/[A-Za-z0-9_-]{43}$`)),
    },
  ]);

  // The browser following it gets the person's export as a JSON download, and only theirs.
  const response = await fetch(links[0]?.url ?? '');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(response.headers.get('content-disposition')).toMatch(
    /^attachment; filename="framework-guide-my-data-\d{4}-\d{2}-\d{2}\.json"$/,
  );
  expect(response.headers.get('cache-control')).toBe('no-store');
  const exported = (await response.json()) as {
    format: string;
    userId: string;
    checkIns: Array<{ userId: string; answers: { win?: string } }>;
  };
  expect(exported.format).toBe('framework-guide-person-data');
  expect(exported.userId).toBe(USER);
  expect(exported.checkIns.map((record) => record.answers.win)).toEqual(['A private win']);
  expect(JSON.stringify(exported)).not.toContain('Somebody else');
});

it('answers 404 for a link that is unknown, malformed or expired, the same for each', async () => {
  await expectNotFound(`${bot.baseUrl}/api/exports/${'A'.repeat(43)}`);
  await expectNotFound(`${bot.baseUrl}/api/exports/not-a-token`);
  await expectNotFound(`${bot.baseUrl}/api/exports/${'A'.repeat(42)}%2F`);

  const url = linksIn(await downloadCard())[0]?.url ?? '';
  clock += EXPORT_LINK_TTL_MS - 1000;
  expect((await fetch(url)).status).toBe(200);
  clock += 1000;
  await expectNotFound(url);
  // A fresh one works again.
  expect((await fetch(linksIn(await downloadCard())[0]?.url ?? '')).status).toBe(200);
});

it('deletes it after confirmation, and says what went', async () => {
  const replies = await bot.ask(messageActivity(bot.connector.url, 'delete my data'));
  const confirm = cardOf(replies[0]);
  expectValidCard(confirm);
  expect(await bot.store.listPersonRecords(USER)).toMatchObject({ checkIns: [expect.anything()] });

  const response = await bot.post(executeActivity(bot.connector.url, buttonData(confirm, 'Yes, delete my data')));
  expect(response.status).toBe(200);
  const body = (await response.json()) as { value: unknown };
  expectValidCard(body.value);
  expect(firstTextBlock(body.value)).toMatch(/deleted/i);
  expect((await bot.store.listPersonRecords(USER)).checkIns).toHaveLength(0);
  // The record of this personal chat went too, and the card says so and why it comes back.
  expect(JSON.stringify(body.value)).toContain('"title":"Personal chat records","value":"1"');
  expect(JSON.stringify(body.value)).toContain('when you next message it, it records this chat again');
  expect(await bot.store.getInstallation(PERSONAL_CHAT)).toBeUndefined();

  // The bot keeps only what it needs to answer: the next message records the chat again.
  await bot.ask(messageActivity(bot.connector.url, 'help'));
  expect(await bot.store.getInstallation(PERSONAL_CHAT)).toMatchObject({
    kind: 'personal',
    active: true,
    reference: { user: { id: USER } },
  });
});

describe('in Teams (the bot has an app id): the download goes through the file consent flow', () => {
  const OTHER = '29:officer-2';
  const TEAM = '19:consent-team@thread.tacv2';
  let channel: SignedChannel;
  let teamsBot: BotHarness;

  interface ConsentAttachment {
    contentType: string;
    name: string;
    content: {
      description: string;
      sizeInBytes: number;
      acceptContext: Record<string, unknown>;
      declineContext: Record<string, unknown>;
    };
  }

  beforeAll(async () => {
    channel = await startSignedChannel();
    teamsBot = await startBot(channel.env, channel.options);
    await submitAnswers(teamsBot.store, {
      teamId: TEAM,
      userId: USER,
      mission: 'digitally-enabled-councils',
      week: '2026-W47',
      retentionDays: 30,
      answers: { progress: 3, outcomes: ['outcome:data'], enabler: null, principles: [], win: 'My consented win' },
    });
    await submitAnswers(teamsBot.store, {
      teamId: TEAM,
      userId: OTHER,
      mission: 'digitally-enabled-councils',
      week: '2026-W47',
      retentionDays: 30,
      answers: {
        progress: 4,
        outcomes: ['outcome:data'],
        enabler: null,
        principles: [],
        win: 'Somebody else entirely',
      },
    });
  });
  afterAll(async () => {
    await teamsBot.close();
    await channel.close();
  });

  /** "my data", then "Download my data": the consent card the bot sends. */
  async function offer(): Promise<ConsentAttachment> {
    const card = cardOf((await teamsBot.ask(messageActivity(teamsBot.connector.url, 'my data')))[0]);
    const press = executeActivity(teamsBot.connector.url, buttonData(card, 'Download my data'));
    expect((await teamsBot.post(press)).status).toBe(200);
    const sent = teamsBot.connector.sent.filter((each) => each.replyToId === press.id);
    expect(sent).toHaveLength(1);
    const attachments = sent[0]?.activity.attachments as ConsentAttachment[];
    expect(attachments).toHaveLength(1);
    return attachments[0] as ConsentAttachment;
  }

  function uploadInfo(session: string, name: string) {
    return {
      name,
      uploadUrl: `${teamsBot.connector.url}upload/${session}`,
      contentUrl: `https://contoso.sharepoint.com/personal/someone/Documents/Applications/${name}`,
      uniqueId: `drive-item-${session}`,
      fileType: 'json',
    };
  }

  /** Posts the invoke and returns its HTTP status and the messages the bot sent in answer to it. */
  async function answer(activity: { id: string; [field: string]: unknown }) {
    const response = await teamsBot.post(activity);
    return {
      status: response.status,
      sent: teamsBot.connector.sent.filter((each) => each.replyToId === activity.id).map((each) => each.activity),
    };
  }

  it('offers the export with a consent card that carries no personal data, uploads it fresh when accepted and shows it', async () => {
    // Authentication is really on: an activity without a channel token is refused.
    expect(
      (await teamsBot.post(messageActivity(teamsBot.connector.url, 'my data'), { authorization: '' })).status,
    ).toBe(401);
    const consent = await offer();
    expect(consent.contentType).toBe('application/vnd.microsoft.teams.card.file.consent');
    expect(consent.name).toMatch(/^framework-guide-my-data-\d{4}-\d{2}-\d{2}\.json$/);
    expect(consent.content.description).toMatch(/JSON file/);
    expect(consent.content.sizeInBytes).toBeGreaterThan(100);
    // What Teams carries back: which offer it was and a random id; nothing about the person.
    expect(Object.keys(consent.content.acceptContext).sort()).toEqual(['exportId', 'offer']);
    expect(consent.content.acceptContext.offer).toBe('personData');
    expect(consent.content.declineContext).toEqual(consent.content.acceptContext);
    expect(JSON.stringify(consent)).not.toMatch(/officer|consented win|data:|api\/exports/);

    // The size on the card is the size of the file as it is when offered.
    const uploadsBefore = teamsBot.connector.uploads.length;
    const accepted = fileConsentActivity(teamsBot.connector.url, {
      type: 'fileUpload',
      action: 'accept',
      context: consent.content.acceptContext,
      uploadInfo: uploadInfo('first', consent.name),
    });
    const first = await answer(accepted);
    expect(first.status).toBe(200);
    expect(teamsBot.connector.uploads).toHaveLength(uploadsBefore + 1);
    const upload = teamsBot.connector.uploads.at(-1);
    const size = upload?.body.length ?? 0;
    expect(size).toBe(consent.content.sizeInBytes);
    expect(upload?.path).toBe('/upload/first');
    expect(upload?.headers['content-range']).toBe(`bytes 0-${size - 1}/${size}`);
    expect(upload?.headers['content-length']).toBe(String(size));
    // The upload session carries its own authorisation: the bot's token never goes with the file.
    expect(upload?.headers.authorization).toBeUndefined();
    const exported = JSON.parse(upload?.body.toString('utf8') ?? '{}') as {
      format: string;
      userId: string;
      checkIns: Array<{ userId: string; answers: { win?: string } }>;
    };
    expect(exported.format).toBe('framework-guide-person-data');
    expect(exported.userId).toBe(USER);
    expect(exported.checkIns.map((record) => record.answers.win)).toEqual(['My consented win']);
    expect(upload?.body.toString('utf8')).not.toMatch(/officer-2|Somebody else entirely/);

    // Then the file card, pointing at the uploaded file.
    expect(first.sent).toHaveLength(1);
    const fileCard = (first.sent[0]?.attachments as Array<Record<string, unknown>>)[0];
    expect(fileCard).toEqual({
      contentType: 'application/vnd.microsoft.teams.card.file.info',
      contentUrl: uploadInfo('first', consent.name).contentUrl,
      name: consent.name,
      content: { uniqueId: 'drive-item-first', fileType: 'json' },
    });

    // Accepted later, after another check-in: the file is built when accepted, so it has the new answer.
    const second = await offer();
    await submitAnswers(teamsBot.store, {
      teamId: TEAM,
      userId: USER,
      mission: 'digitally-empowered-residents',
      week: '2026-W47',
      retentionDays: 30,
      answers: { progress: 2, outcomes: [], enabler: null, principles: [], win: 'Added after the offer' },
    });
    const later = await answer(
      fileConsentActivity(teamsBot.connector.url, {
        type: 'fileUpload',
        action: 'accept',
        context: second.content.acceptContext,
        uploadInfo: uploadInfo('second', 'renamed (1).json'),
      }),
    );
    expect(later.status).toBe(200);
    const newest = JSON.parse(teamsBot.connector.uploads.at(-1)?.body.toString('utf8') ?? '{}') as {
      checkIns: Array<{ answers: { win?: string } }>;
    };
    expect(newest.checkIns.map((record) => record.answers.win).sort()).toEqual([
      'Added after the offer',
      'My consented win',
    ]);
    // OneDrive's name for the file is the one shown.
    expect((later.sent[0]?.attachments as Array<{ name: string }>)[0]?.name).toBe('renamed (1).json');
  });

  it('gives no file and no link to a client without the consent flow (not Teams), and says where downloads work', async () => {
    const card = cardOf(
      (await teamsBot.ask({ ...messageActivity(teamsBot.connector.url, 'my data'), channelId: 'webchat' }))[0],
    );
    const press = {
      ...executeActivity(teamsBot.connector.url, buttonData(card, 'Download my data')),
      channelId: 'webchat',
    };
    expect((await teamsBot.post(press)).status).toBe(200);
    const sent = teamsBot.connector.sent.filter((each) => each.replyToId === press.id);
    expect(sent).toHaveLength(1);
    const reply = cardOf(sent[0]?.activity);
    expectValidCard(reply);
    expect(firstTextBlock(reply)).toBe('Your data file can’t be sent here');
    expect(JSON.stringify(sent)).not.toMatch(/consented win|api\/exports|data:application/);
  });

  it('says nothing was sent when the person declines, and uploads nothing', async () => {
    const consent = await offer();
    const uploadsBefore = teamsBot.connector.uploads.length;
    const declined = await answer(
      fileConsentActivity(teamsBot.connector.url, {
        type: 'fileUpload',
        action: 'decline',
        context: consent.content.declineContext,
      }),
    );
    expect(declined.status).toBe(200);
    expect(teamsBot.connector.uploads).toHaveLength(uploadsBefore);
    expect(declined.sent).toHaveLength(1);
    const card = cardOf(declined.sent[0]);
    expect(firstTextBlock(card)).toBe('Nothing was sent');
    expectValidCard(card);
    expect(buttonData(card, 'Download my data')).toEqual({ action: 'privacy', op: 'export' });
  });

  it('says clearly that the upload failed, and still answers the invoke', async () => {
    const consent = await offer();
    const uploadsBefore = teamsBot.connector.uploads.length;
    teamsBot.connector.failNextUploads(1, 500);
    const failed = await answer(
      fileConsentActivity(teamsBot.connector.url, {
        type: 'fileUpload',
        action: 'accept',
        context: consent.content.acceptContext,
        uploadInfo: uploadInfo('broken', consent.name),
      }),
    );
    expect(failed.status).toBe(200);
    expect(teamsBot.connector.uploads).toHaveLength(uploadsBefore);
    expect(failed.sent).toHaveLength(1);
    const card = cardOf(failed.sent[0]);
    expectValidCard(card);
    expect(firstTextBlock(card)).toBe('Your data file could not be sent');
    expect(JSON.stringify(card)).toMatch(/try again/);
    expect(JSON.stringify(failed.sent)).not.toContain('file.info');

    // An upload URL that is not HTTPS (and not loopback) gets nothing: the same card, no request made.
    const plain = await answer(
      fileConsentActivity(teamsBot.connector.url, {
        type: 'fileUpload',
        action: 'accept',
        context: consent.content.acceptContext,
        uploadInfo: { ...uploadInfo('plain', consent.name), uploadUrl: 'http://files.example.invalid/upload/plain' },
      }),
    );
    expect(plain.status).toBe(200);
    expect(firstTextBlock(cardOf(plain.sent[0]))).toBe('Your data file could not be sent');

    // Trying again works.
    const retry = await offer();
    const again = await answer(
      fileConsentActivity(teamsBot.connector.url, {
        type: 'fileUpload',
        action: 'accept',
        context: retry.content.acceptContext,
        uploadInfo: uploadInfo('retry', retry.name),
      }),
    );
    expect(again.status).toBe(200);
    expect(teamsBot.connector.uploads).toHaveLength(uploadsBefore + 1);
    expect(teamsBot.connector.uploads.at(-1)?.body.toString('utf8')).toContain('My consented win');
  });

  it('answers a damaged or foreign consent answer with a clear card, uploads nothing and loses nothing', async () => {
    const consent = await offer();
    const uploadsBefore = teamsBot.connector.uploads.length;
    const info = uploadInfo('damaged', consent.name);
    const damaged: unknown[] = [
      null,
      'accept',
      { type: 'fileUpload', action: 'accept', context: consent.content.acceptContext },
      { type: 'fileUpload', action: 'accept', context: { offer: 'somethingElse', exportId: 'x' }, uploadInfo: info },
      { type: 'fileUpload', action: 'accept', uploadInfo: info },
      {
        type: 'fileUpload',
        action: 'accept',
        context: consent.content.acceptContext,
        uploadInfo: { ...info, uploadUrl: 'not a url' },
      },
      { type: 'fileUpload', action: 'open', context: consent.content.acceptContext },
    ];
    for (const value of damaged) {
      const reply = await answer(fileConsentActivity(teamsBot.connector.url, value));
      expect(reply.status).toBe(200);
      expect(reply.sent).toHaveLength(1);
      const card = cardOf(reply.sent[0]);
      expectValidCard(card);
      expect(firstTextBlock(card)).toBe('That file could not be sent');
    }
    expect(teamsBot.connector.uploads).toHaveLength(uploadsBefore);
    expect((await teamsBot.store.listPersonRecords(USER)).checkIns.length).toBeGreaterThan(0);
    expect((await teamsBot.store.listPersonRecords(OTHER)).checkIns).toHaveLength(1);
  });

  it('never uploads someone’s data from a group chat', async () => {
    const consent = await offer();
    const uploadsBefore = teamsBot.connector.uploads.length;
    const reply = await answer(
      fileConsentActivity(
        teamsBot.connector.url,
        {
          type: 'fileUpload',
          action: 'accept',
          context: consent.content.acceptContext,
          uploadInfo: uploadInfo('group', consent.name),
        },
        'groupChat',
      ),
    );
    expect(reply.status).toBe(200);
    expect(teamsBot.connector.uploads).toHaveLength(uploadsBefore);
    // The group chat is told only where the answer went; the answer itself is in the personal chat.
    expect(reply.sent.map((sent) => firstTextBlock(cardOf(sent)))).toEqual([
      'I’ve sent your data to our personal chat',
    ]);
    const personal = teamsBot.connector.sent.at(-2);
    expect(personal?.conversationId).not.toMatch(/^19:group/);
    expect(firstTextBlock(cardOf(personal?.activity))).toBe('Let’s do this in private');
  });
});

describe('export progress, in local mode', () => {
  it('gives a lead the team progress CSV by the same short-lived link, as text/csv with a byte order mark', async () => {
    const team = '19:export-team@thread.tacv2';
    await bot.store.upsertInstallation(channelInstallation(team));
    await bot.store.updateTeamSettings(team, (settings) => ({ ...settings, leads: [USER] }));
    const asked = messageActivity(bot.connector.url, 'export progress');
    expect((await bot.post(asked)).status).toBe(200);
    const sent = bot.connector.sent.filter((each) => each.replyToId === asked.id);
    expect(sent).toHaveLength(1);
    const card = cardOf(sent[0]?.activity);
    expectValidCard(card);
    expect(firstTextBlock(card)).toBe('Your progress export is ready');
    const link = linksIn(card)[0]?.url ?? '';
    expect(link).toMatch(new RegExp(`^${bot.baseUrl}/api/exports/[A-Za-z0-9_-]{43}$`));
    const response = await fetch(link);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/filename="framework-guide-progress-[\d-]+\.csv"$/);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toMatch(/^team_id,week,week_start,mission,week_off,responses,suppressed,progress_average,/);
    expect(lines).toHaveLength(1 + 52 * 3);
    expect(bytes.toString('utf8')).not.toContain('A private win');
  });
});
