// Every template in cards/ is rendered with every kind of data it receives and validated.
import { readdirSync } from 'node:fs';
import * as render from '../../src/cards/render';
import * as knowledge from '../../src/knowledge/answers';
import { apologyReply, helpReply, noticeReply, welcomeReply } from '../../src/turns/guideCards';
import type { CardReply } from '../../src/turns/types';
import { expectValidCard, firstTextBlock } from '../support/cardValidation';

function everyReply(): CardReply[] {
  const replies: CardReply[] = [
    welcomeReply('personal'),
    welcomeReply('channel'),
    welcomeReply('groupChat'),
    helpReply(),
    noticeReply('A title with "quotes" and $ signs', 'A message with <b>markup</b>, emoji 🙂 and \\ backslashes.'),
    apologyReply(),
    knowledge.answerQuestion('what is the weather like in Leeds'),
  ];
  for (const topic of knowledge.allTopics()) {
    const reply = knowledge.showTopic(topic.id);
    if (reply) replies.push(reply);
  }
  for (const kind of ['outcome', 'mission', 'enabler', 'principle', 'all'] as const) replies.push(knowledge.showList(kind));
  return replies;
}

it('renders every card the bot can send as a valid Adaptive Card with a title and a summary', () => {
  for (const reply of everyReply()) {
    expectValidCard(reply.card);
    expect(firstTextBlock(reply.card)).toEqual(expect.any(String));
    expect(reply.summary.length).toBeGreaterThan(0);
  }
});

it('uses every template in cards/, so no template goes untested', () => {
  const spy = jest.spyOn(render, 'renderCard');
  everyReply();
  const used = new Set(spy.mock.calls.map(([name]) => name));
  spy.mockRestore();
  const templates = readdirSync(render.cardsDir).filter((file) => file.endsWith('.json')).map((file) => file.replace(/\.json$/, ''));
  expect(templates.length).toBeGreaterThan(0);
  for (const template of templates) expect(used).toContain(template);
});

it('keeps data values as text: nothing in the data is expanded as a template', () => {
  const card = noticeReply('Title ${1+1}', 'Body ${title}').card;
  expect(JSON.stringify(card)).toContain('Title ${1+1}');
});

it('refuses template names that could reach outside cards/', () => {
  expect(() => render.renderCard('../package', {})).toThrow(/Bad card template name/);
});
