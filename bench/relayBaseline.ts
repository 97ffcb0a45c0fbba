// Baseline "relay": the least any bot must do in a turn. A bare restify server parses the
// activity, posts one reply to the Connector with plain fetch, and answers 200 once the reply is
// accepted. No SDK, no authentication, no product logic: the ceiling for this HTTP stack.
import restify from 'restify';

const port = Number(process.env.PORT);
const host = process.env.HOST ?? '127.0.0.1';

interface IncomingActivity {
  id?: string;
  serviceUrl?: string;
  conversation?: { id?: string };
  from?: unknown;
  recipient?: unknown;
}

const server = restify.createServer({ name: 'bench-relay', handleUncaughtExceptions: false });
server.use(restify.plugins.bodyParser());

server.post('/api/messages', async (req, res) => {
  const activity = req.body as IncomingActivity;
  if (!activity?.id || !activity.serviceUrl || !activity.conversation?.id) {
    res.send(400);
    return;
  }
  const url = `${activity.serviceUrl}v3/conversations/${encodeURIComponent(activity.conversation.id)}/activities/${encodeURIComponent(activity.id)}`;
  const reply = {
    type: 'message',
    text: 'Thanks, here is your answer.',
    replyToId: activity.id,
    conversation: activity.conversation,
    from: activity.recipient,
    recipient: activity.from,
  };
  try {
    // Global fetch keeps connections alive by default, so the reply path is comparable to the SDK's.
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(reply),
    });
    const sent = (await response.json()) as { id?: unknown };
    res.send(response.ok && typeof sent.id === 'string' ? 200 : 502);
  } catch {
    res.send(502);
  }
});

// Exit (rather than be killed) on SIGTERM so that --cpu-prof, when used, gets to write its profile.
process.on('SIGTERM', () => process.exit(0));
process.on('disconnect', () => process.exit(0));

server.listen(port, host);
