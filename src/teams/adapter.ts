// The Bot Framework adapter: authentication of incoming requests and the client that sends replies.
import {
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import {
  AuthenticationConstants,
  BotFrameworkAuthentication,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  type ServiceClientCredentialsFactory,
  type UserTokenClient,
} from 'botframework-connector';
import type { LRUCache } from 'lru-cache';
import { boundedCache } from '../boundedCache';
import type { Config } from '../config';

/**
 * Settings that only tests (or sovereign clouds) change: where token signing keys are published and
 * how outgoing calls get their tokens.
 */
export interface AuthOverrides {
  openIdMetadataUrl?: string;
  tokenIssuer?: string;
  credentialsFactory?: ServiceClientCredentialsFactory;
}

/** The request carried no valid Bot Framework token; nothing was processed. */
export class RequestNotAuthenticated extends Error {}

/**
 * The authentication behind the scheduler's adapter: the same settings, but the connector client
 * for a service URL (and the user token client) is built once and kept, where CloudAdapter builds
 * both afresh for every proactive message, which is most of the CPU a message costs when a pass
 * sends thousands. Reusing a connector client across calls is what the SDK's older adapter did; its
 * credentials fetch and renew their own tokens.
 */
class ProactiveAuthentication extends BotFrameworkAuthentication {
  // Bounded: one client per service URL (a few per cloud) and app id, but the URLs come from stored records.
  private readonly connectors = boundedCache<Promise<ConnectorClient>>({ max: 100 });
  private readonly userTokenClients = boundedCache<Promise<UserTokenClient>>({ max: 10 });

  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.inner.authenticateRequest(activity, authHeader);
  }

  authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.inner.authenticateStreamingRequest(authHeader, channelIdHeader);
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const appId = claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? '';
    const inner = this.inner.createConnectorFactory(claimsIdentity);
    const connectors = this.connectors;
    return new (class extends ConnectorFactory {
      create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
        return kept(connectors, `${appId}|${audience ?? ''}|${serviceUrl}`, () => inner.create(serviceUrl, audience));
      }
    })();
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    const appId = claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? '';
    return kept(this.userTokenClients, appId, () => this.inner.createUserTokenClient(claimsIdentity));
  }
}

/** The value kept under `key`, made on first use; a failure is not kept, so the next call tries again. */
function kept<T>(cache: LRUCache<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let value = cache.get(key);
  if (!value) {
    value = make();
    cache.set(key, value);
    value.catch(() => cache.delete(key));
  }
  return value;
}

/** CloudAdapter with a way in for activities we have already read and validated ourselves. */
export class GuideAdapter extends CloudAdapter {
  private proactive: CloudAdapter | undefined;

  /**
   * The adapter the prompt scheduler sends through: the same authentication settings, with connector
   * clients kept between messages (ProactiveAuthentication), and no onTurnError. The messages
   * endpoint sets onTurnError on this adapter for turns, and the SDK would call it for a failed
   * proactive send too, swallowing the 403 or 429 the scheduler must see (and posting an apology).
   */
  forProactiveSends(): CloudAdapter {
    this.proactive ??= new CloudAdapter(new ProactiveAuthentication(this.botFrameworkAuthentication));
    return this.proactive;
  }

  /**
   * Authenticates first, on its own, so that any failure there (the SDK throws several kinds, not only
   * AuthenticationError) is a refusal, and only then runs the turn.
   */
  async handleActivity(
    authHeader: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    let authentication;
    try {
      authentication = await this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
    } catch (error) {
      throw new RequestNotAuthenticated((error as Error).message ?? String(error));
    }
    return this.processActivity(authentication, activity, logic);
  }
}

export function createAdapter(config: Config, overrides: AuthOverrides = {}): GuideAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {};
  if (config.MicrosoftAppId) {
    options.MicrosoftAppId = config.MicrosoftAppId;
    options.MicrosoftAppType = config.MicrosoftAppType;
    options.MicrosoftAppTenantId = config.MicrosoftAppTenantId;
    if (config.MicrosoftAppPassword) options.MicrosoftAppPassword = config.MicrosoftAppPassword;
  }
  if (overrides.openIdMetadataUrl || overrides.tokenIssuer) {
    // The SDK takes all endpoint settings as given once any one is set, so start from the public cloud's.
    Object.assign(options, {
      ValidateAuthority: true,
      ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
      ToBotFromChannelTokenIssuer: overrides.tokenIssuer ?? AuthenticationConstants.ToBotFromChannelTokenIssuer,
      OAuthUrl: AuthenticationConstants.OAuthUrl,
      ToBotFromChannelOpenIdMetadataUrl:
        overrides.openIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
      CallerId: CallerIdConstants.PublicAzureChannel,
    } satisfies ConfigurationBotFrameworkAuthenticationOptions);
  }
  return new GuideAdapter(new ConfigurationBotFrameworkAuthentication(options, overrides.credentialsFactory));
}
