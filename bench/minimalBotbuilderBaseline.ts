// Baseline "minimal botbuilder": the Bot Framework SDK's own cost per turn. The textbook setup
// (restify + CloudAdapter with anonymous authentication + an ActivityHandler) answering every
// message with one fixed, small Adaptive Card. The Framework Guide does this plus its own work, so
// the ratio between the two is the price of the product code.
import { ActivityHandler, CardFactory, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import restify from 'restify';

const port = Number(process.env.PORT);
const host = process.env.HOST ?? '127.0.0.1';

// No MicrosoftAppId: anonymous, as the Framework Guide runs in the benchmark (auth off).
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
adapter.onTurnError = async (_context, error) => {
  // Reported on stderr so a broken baseline is visible in the runner's failure output.
  console.error('minimal botbuilder turn failed:', error);
};

const card = CardFactory.adaptiveCard({
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: 'Framework Guide', weight: 'Bolder', size: 'Medium', wrap: true },
    { type: 'TextBlock', text: 'Here is a short answer to your question.', wrap: true },
  ],
});

class MinimalBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity({ type: 'message', attachments: [card] });
      await next();
    });
  }
}
const bot = new MinimalBot();

const server = restify.createServer({ name: 'bench-minimal-botbuilder', handleUncaughtExceptions: false });
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});

// Exit (rather than be killed) on SIGTERM so that --cpu-prof, when used, gets to write its profile.
process.on('SIGTERM', () => process.exit(0));
process.on('disconnect', () => process.exit(0));

server.listen(port, host);
