// The delivery policy alone: for every conversation kind, trigger, reply kind and audience, where a
// reply may be shown. The rule: in a channel or group chat only 'everyone' is posted or updates a card.
import {
  deliveryOf,
  personalChatLink,
  personalChatNotice,
  planDelivery,
  type PolicyReply,
  type Trigger,
} from '../../src/teams/deliveryPolicy';
import type { Audience, ConversationKind } from '../../src/turns/types';

const KINDS: PolicyReply['kind'][] = ['card', 'updateCard', 'file', 'fileOffer'];
const AUDIENCES: Audience[] = ['everyone', 'person', 'leads'];
const TRIGGERS: Trigger[] = ['message', 'execute', 'submit'];
const SHARED: ConversationKind[] = ['channel', 'groupChat'];

function reply(kind: PolicyReply['kind'], audience: Audience, brief = false): PolicyReply {
  return { kind, audience, summary: 'a summary', ...(brief ? { brief } : {}) };
}

describe('in a channel or group chat', () => {
  it.each(SHARED)(
    '%s: only everyone’s cards are posted or update a card; nothing else, of any kind, stays',
    (where) => {
      for (const trigger of TRIGGERS)
        for (const kind of KINDS)
          for (const audience of AUDIENCES)
            for (const brief of [false, true]) {
              const delivery = deliveryOf(where, trigger, reply(kind, audience, brief));
              const shownHere = delivery === 'post' || delivery === 'update';
              expect({ trigger, kind, audience, brief, shownHere }).toEqual({
                trigger,
                kind,
                audience,
                brief,
                shownHere: audience === 'everyone' && (kind === 'card' || kind === 'updateCard'),
              });
            }
    },
  );

  it('sends the person’s and the leads’ replies to the personal chat, as new messages', () => {
    for (const audience of ['person', 'leads'] as const) {
      expect(deliveryOf('channel', 'message', reply('card', audience))).toBe('personalChat');
      expect(deliveryOf('channel', 'execute', reply('updateCard', audience))).toBe('personalChat');
      expect(deliveryOf('groupChat', 'submit', reply('updateCard', audience))).toBe('personalChat');
    }
  });

  it('answers a refusal to the presser alone for Action.Execute; an Action.Submit press has no such answer', () => {
    expect(deliveryOf('channel', 'execute', reply('card', 'person', true))).toBe('presser');
    expect(deliveryOf('channel', 'submit', reply('card', 'person', true))).toBe('personalChat');
    expect(deliveryOf('channel', 'message', reply('card', 'person', true))).toBe('personalChat');
  });

  it('lets everyone’s card update the pressed card, and posts it for a typed message', () => {
    expect(deliveryOf('channel', 'execute', reply('updateCard', 'everyone'))).toBe('update');
    expect(deliveryOf('groupChat', 'submit', reply('updateCard', 'everyone'))).toBe('update');
    expect(deliveryOf('channel', 'message', reply('updateCard', 'everyone'))).toBe('post');
    expect(deliveryOf('channel', 'execute', reply('card', 'everyone'))).toBe('post');
  });
});

describe('in a personal chat', () => {
  it('shows everything there: posted, or in place of the pressed card', () => {
    for (const audience of AUDIENCES) {
      expect(deliveryOf('personal', 'message', reply('card', audience))).toBe('post');
      expect(deliveryOf('personal', 'message', reply('updateCard', audience))).toBe('post');
      expect(deliveryOf('personal', 'execute', reply('updateCard', audience))).toBe('update');
      expect(deliveryOf('personal', 'submit', reply('updateCard', audience))).toBe('update');
      expect(deliveryOf('personal', 'execute', reply('card', audience, true))).toBe('post');
      expect(deliveryOf('personal', 'message', reply('fileOffer', audience))).toBe('post');
    }
  });
});

describe('the plan of a turn', () => {
  it('splits a lead’s "progress" in a channel: the summary here, the overview to the personal chat', () => {
    const summary = { ...reply('card', 'everyone'), summary: 'Team progress summary' };
    const overview = { ...reply('card', 'leads'), summary: 'Team progress overview' };
    const plan = planDelivery('channel', 'message', [summary, overview]);
    expect(plan.here).toEqual([{ reply: summary, how: 'post' }]);
    expect(plan.personalChat).toEqual([overview]);
    expect(plan.presser).toEqual([]);
  });

  it('puts one card in place of the pressed one for Action.Execute and posts any further one', () => {
    const first = reply('updateCard', 'everyone');
    const second = reply('updateCard', 'everyone');
    const plan = planDelivery('channel', 'execute', [first, second]);
    expect(plan.here).toEqual([
      { reply: first, how: 'update' },
      { reply: second, how: 'post' },
    ]);
  });

  it('collects the refusals said to the presser alone', () => {
    const refusal = { ...reply('card', 'person', true), summary: 'Only the team’s leads can change these settings' };
    const plan = planDelivery('groupChat', 'execute', [refusal]);
    expect(plan).toEqual({ here: [], personalChat: [], presser: ['Only the team’s leads can change these settings'] });
  });
});

describe('the notice left in a shared conversation', () => {
  it('names what was sent in words that say nothing personal, with the link to the personal chat', () => {
    const notice = personalChatNotice([{ about: 'your check-in' }, { about: 'your check-in' }], true, 'app-id');
    expect(notice.title).toBe('I’ve sent your check-in to our personal chat');
    expect(notice.link).toBe('https://teams.microsoft.com/l/chat/0/0?users=28:app-id');
    expect(personalChatNotice([{ about: 'the team summary' }, { about: 'the lead view' }], true, undefined)).toEqual({
      title: 'I’ve sent the team summary and the lead view to our personal chat',
      message: 'Only you can see it there.',
    });
    expect(personalChatNotice([{}], true, undefined).title).toBe('I’ve sent my answer to our personal chat');
  });

  it('says nothing was sent, with the link, when the personal chat could not be reached', () => {
    const notice = personalChatNotice([{ about: 'your check-in' }], false, 'app-id');
    expect(notice.title).toBe('Open our personal chat to see this');
    expect(notice.message).toContain('nothing was sent');
    expect(notice.message).not.toContain('check-in');
    expect(notice.link).toBe(personalChatLink('app-id'));
    expect(personalChatLink(undefined)).toBeUndefined();
  });
});
