// The runner's side of the Connector stand-in: starts bench/connectorProcess in its own process and
// asks it, over IPC, for its counts.
import path from 'node:path';
import { startChild, type Child } from './children';
import type { ConnectorCounts, ConnectorToRunner, RunnerToConnector } from './connectorProtocol';

export interface Connector {
  child: Child;
  /** The serviceUrl to put in activities (with the trailing slash Teams uses). */
  serviceUrl: string;
  reset(): Promise<ConnectorCounts>;
  counts(): Promise<ConnectorCounts>;
}

const IPC_TIMEOUT_MS = 10_000;

function nextMessage(child: Child, type: ConnectorToRunner['type']): Promise<ConnectorToRunner> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => finish(new Error(`connector stand-in sent no '${type}' within ${IPC_TIMEOUT_MS} ms`)),
      IPC_TIMEOUT_MS,
    );
    const onMessage = (message: ConnectorToRunner) => {
      if (message.type === type) finish(undefined, message);
    };
    const onExit = () => finish(new Error(`connector stand-in exited:\n${child.outputTail()}`));
    function finish(error?: Error, message?: ConnectorToRunner) {
      clearTimeout(timer);
      child.process.off('message', onMessage);
      child.process.off('exit', onExit);
      if (message) resolve(message);
      else reject(error);
    }
    child.process.on('message', onMessage);
    child.process.once('exit', onExit);
  });
}

async function ask(child: Child, message: RunnerToConnector): Promise<ConnectorCounts> {
  const answer = nextMessage(child, 'counts');
  child.process.send(message);
  const reply = await answer;
  if (reply.type !== 'counts') throw new Error('unexpected message from connector stand-in');
  return reply.counts;
}

export async function startConnector(): Promise<Connector> {
  const child = startChild('connector stand-in', path.join(__dirname, 'connectorProcess.js'), { env: process.env });
  const ready = await nextMessage(child, 'ready');
  if (ready.type !== 'ready') throw new Error('unexpected message from connector stand-in');
  return {
    child,
    serviceUrl: `http://127.0.0.1:${ready.port}/`,
    reset: () => ask(child, { type: 'reset' }),
    counts: () => ask(child, { type: 'counts' }),
  };
}
