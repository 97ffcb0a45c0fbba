// Shared practice in the Playground, with two people on one bot: the team's lead (the Playground's own
// user, made lead by opening the team's channel first) and a member in a second Playground. The
// member checks in with a win and shares it from the saved card; the lead approves it from the card
// in their personal chat; then asking what the inclusion outcome means shows the organisation's count
// and the example. Assertions are on the rendered cards; pictures of the offer, the approval and the
// topic card with examples.
import { answerCheckIn } from './checkinWalk';
import {
  openBrowser,
  shootFinalScreens,
  startDev,
  startPlaygroundAs,
  type Dev,
  type Playground,
  openTeamChannel,
} from './playground';

const BOT_PORT = 3995;
const WIN = 'Put the blue badge form online, tested with residents who use screen readers';

let dev: Dev;
let memberDev: Dev;
let lead: Playground;
let member: Playground;

beforeAll(async () => {
  dev = await startDev({ botPort: BOT_PORT, playgroundPort: 56176 });
  memberDev = await startPlaygroundAs(BOT_PORT, 56177, {
    id: 'user-id-2',
    name: 'Adele Vance',
    aadObjectId: '00000000-0000-0000-0000-0000000000022',
    personalChatId: 'personal-chat-practice-member-e2e',
  });
  lead = await openBrowser(56176, 'practice-');
  member = await openBrowser(56177, 'practice-');
});
afterEach(() => shootFinalScreens({ lead, member }));
afterAll(async () => {
  await lead?.close();
  await member?.close();
  memberDev?.stop();
  dev?.stop();
});

it('a member shares a check-in’s win, offered to the team’s lead and nobody else', async () => {
  // The lead opens the team's channel first: the bot is installed there, and they become its lead.
  await openTeamChannel(lead.page);
  await lead.expectCardWith('Welcome to Framework Guide');
  await lead.page.getByText('Personal Chat').first().click();
  await lead.say('help');
  await lead.expectCardWith('Framework Guide');

  const { page } = member;
  await openTeamChannel(page);
  await member.expectCardWith('Welcome to Framework Guide');
  await member.post('check in');
  await member.expectCardWith('I’ve sent your check-in to our personal chat');
  await page.getByText('Personal Chat').first().click();
  await member.expectCardWith('Which mission are you checking in on?');
  await page.getByRole('button', { name: 'Start' }).first().click();
  await answerCheckIn(member, { win: WIN });
  await page.getByRole('button', { name: 'Share this win with the council' }).last().click();
  await member.expectCardWith('Share this win with the council');
  await member.expectCardWith(/Nobody beyond you sees it until a lead of your team approves it/);
  expect(
    await page
      .getByRole('textbox', { name: /^Your win/ })
      .last()
      .inputValue(),
  ).toBe(WIN);
  await member.shot('offer', /Nobody beyond you sees it/);
  await page.getByRole('button', { name: 'Share with the council' }).last().click();
  await member.expectCardWith('Your win is offered to your team’s leads');
  await member.expectCardWith(/A lead of your team approves it before anyone else sees it/);
});

it('the lead approves it in their personal chat, and the member is told', async () => {
  await lead.expectCardWith('A win to share with the council');
  await lead.expectCardWith(WIN);
  await lead.shot('approval', 'A win to share with the council');
  await lead.card('A win to share with the council').getByRole('button', { name: 'Approve' }).click();
  await lead.expectCardWith('You approved it: everyone in your organisation can find it now. The author is told.');
  await member.expectCardWith(/A lead of your team approved your win/);
});

it('shows the count and the example on the inclusion outcome’s card', async () => {
  await lead.say('what does the inclusion outcome mean');
  await lead.expectCardWith('Shared in your organisation: 1 example');
  await lead.shot('topic-examples', 'Shared in your organisation: 1 example');
  await lead.card('Shared in your organisation: 1 example').getByRole('button', { name: 'See examples' }).click();
  await lead.expectCardWith('Shared in your organisation: Outcome: Inclusion');
  await lead.expectCardWith(WIN);
  await lead.shot('list', 'Shared in your organisation: Outcome: Inclusion');
});
