// A resent invoke gets the first answer. Teams resends an invoke (a button's Action.Execute, a
// message-extension query) with the same activity id when it got no answer in time; the activity
// claim lets only the first copy run its turn, so the resend must still be answered here, or the
// server's default (501, empty body) goes back and the person sees an error. The first copy's invoke
// response is kept for as long as the claim is remembered; a resend while the first is still running
// gets a 200 its client accepts, saying the answer is on its way.
import { boundedCache } from '../boundedCache';
import { ACTIVITY_CLAIM_SECONDS } from '../turns/activityClaims';

/** The invoke response as the adapter sends it back: an HTTP status and a JSON body. */
export interface InvokeAnswer {
  status: number;
  body?: unknown;
}

/** Invoke responses of the turns this process ran, by the activity's claim key. */
export class InvokeAnswers {
  private readonly answers;

  constructor(options: { max?: number; ttlMs?: number; now?: () => number } = {}) {
    this.answers = boundedCache<InvokeAnswer>({
      max: options.max ?? 5_000,
      ttlMs: options.ttlMs ?? ACTIVITY_CLAIM_SECONDS * 1000,
      ...(options.now ? { now: options.now } : {}),
    });
  }

  remember(key: string, answer: InvokeAnswer): void {
    this.answers.set(key, answer);
  }

  /** What a resend of the invoke `name` gets: the first copy's answer, else a holding answer its client accepts. */
  forResend(key: string, name: string | undefined): InvokeAnswer {
    return this.answers.get(key) ?? holdingAnswer(name);
  }
}

const STILL_WORKING = 'Still working on that: the answer will appear in a moment.';

/** A 200 each kind of invoke's client takes as an answer, for a resend whose first copy has not answered yet. */
export function holdingAnswer(name: string | undefined): InvokeAnswer {
  if (name === 'adaptiveCard/action')
    return {
      status: 200,
      body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: STILL_WORKING },
    };
  if (name === 'composeExtension/fetchTask' || name === 'composeExtension/submitAction')
    return { status: 200, body: { task: { type: 'message', value: STILL_WORKING } } };
  if (name?.startsWith('composeExtension/'))
    return { status: 200, body: { composeExtension: { type: 'message', text: STILL_WORKING } } };
  return { status: 200 };
}
