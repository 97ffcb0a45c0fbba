// The prompts Connector stand-in (promptsConnector.ts) in a process of its own, as the real Connector
// is a service elsewhere: its work (parsing every request, keeping the windows) then does not share
// the bot's event loop, and its clock is its own. The benchmark starts it with fork, reads its URL,
// and asks for the counts at the end over the IPC channel.
import { startPromptsConnector } from './promptsConnector';

export type PromptsConnectorMessage =
  | { type: 'ready'; serviceUrl: string }
  | {
      type: 'counts';
      delivered: Array<[string, number]>;
      throttled: number;
      acceptedAt: number[];
      throttledAt: number[];
    };

async function main(): Promise<void> {
  const perTenantPerSecond = Number(process.env.PROMPTS_CONNECTOR_RATE ?? 50);
  const retryAfterSeconds = Number(process.env.PROMPTS_CONNECTOR_RETRY_AFTER ?? 1);
  const connector = await startPromptsConnector({ perTenantPerSecond, retryAfterSeconds });
  const send = (message: PromptsConnectorMessage) => process.send?.(message);
  process.on('message', (message: { type?: unknown }) => {
    if (message.type === 'counts')
      send({
        type: 'counts',
        delivered: [...connector.delivered],
        throttled: connector.throttled,
        acceptedAt: connector.acceptedAt,
        throttledAt: connector.throttledAt,
      });
  });
  // Never outlive the benchmark, whatever way it ends.
  process.on('disconnect', () => process.exit(0));
  process.on('SIGTERM', () => process.exit(0));
  send({ type: 'ready', serviceUrl: connector.serviceUrl });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
