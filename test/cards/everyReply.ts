// Every card the bot can send today, with every kind of data each template receives.
import * as knowledge from '../../src/knowledge/answers';
import { apologyReply, helpReply, noticeReply, welcomeReply } from '../../src/turns/guideCards';
import type { CardReply } from '../../src/turns/types';
import { everyCheckinReplyForCoverage } from '../checkins/everyCheckinCard';

export function everyReplyForCoverage(): CardReply[] {
  const replies: CardReply[] = [
    welcomeReply('personal'),
    welcomeReply('channel'),
    welcomeReply('groupChat'),
    helpReply(),
    noticeReply('A title with "quotes" and $ signs', 'A message with <b>markup</b>, emoji 🙂 and \\ backslashes.'),
    apologyReply(),
    knowledge.answerQuestion('what is the weather like in Leeds'),
    knowledge.answerQuestion('tell me about the fourth outcome'),
  ];
  for (const topic of knowledge.allTopics()) {
    const reply = knowledge.showTopic(topic.id);
    if (reply) replies.push(reply);
  }
  for (const kind of ['outcome', 'mission', 'enabler', 'principle', 'all'] as const) replies.push(knowledge.showList(kind));
  replies.push(...everyCheckinReplyForCoverage());
  return replies;
}
