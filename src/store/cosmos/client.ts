// Builds the SDK client with every resilience setting spelled out, so behaviour under a slow or
// failing account is decided here rather than by SDK defaults that change between versions.
import type { Agent } from 'node:https';
import { CosmosClient, type CosmosClientOptions } from '@azure/cosmos';
import { DefaultAzureCredential } from '@azure/identity';

export interface CosmosConnectionOptions {
  endpoint: string;
  /** Account key. Without one the client signs in with DefaultAzureCredential (managed identity in Azure). */
  key?: string;
  /** For a user-assigned managed identity. */
  managedIdentityClientId?: string;
  requestTimeoutMs: number;
  /** An https.Agent, e.g. one that trusts a private CA. */
  agent?: Agent;
  /**
   * Follow the account's region list (multi-region accounts). Off by default: the SDK's account
   * lookup ignores per-call abort signals and retries timed-out reads up to 120 times, so with it
   * on a silent endpoint holds the first call for about a minute however short the timeout.
   */
  endpointDiscovery: boolean;
}

export function createCosmosClient(options: CosmosConnectionOptions): CosmosClient {
  const auth: Pick<CosmosClientOptions, 'key' | 'aadCredentials'> = options.key
    ? { key: options.key }
    : {
        aadCredentials: new DefaultAzureCredential(
          options.managedIdentityClientId ? { managedIdentityClientId: options.managedIdentityClientId } : {},
        ),
      };
  return new CosmosClient({
    endpoint: options.endpoint,
    ...auth,
    ...(options.agent ? { agent: options.agent } : {}),
    connectionPolicy: {
      requestTimeout: options.requestTimeoutMs,
      enableEndpointDiscovery: options.endpointDiscovery,
      // Background refreshing only matters with discovery, and its timer would outlive close().
      enableBackgroundEndpointRefreshing: options.endpointDiscovery,
      retryOptions: {
        // Throttling (429) is retried by the SDK a few times; 0 means "wait as long as Cosmos DB
        // asks" instead of a fixed guess. The total wait never exceeds one call's time budget.
        maxRetryAttemptCount: 3,
        fixedRetryIntervalInMilliseconds: 0,
        maxWaitTimeInSeconds: Math.max(1, Math.ceil(options.requestTimeoutMs / 1000)),
      },
    },
  });
}
