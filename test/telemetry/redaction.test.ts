// The allow-list that decides what a span may carry to Application Insights, on spans shaped as the
// HTTP and Azure SDK instrumentations finish them.
import { keptAttributes, pathShape, PersonalDataRedactor, urlShape } from '../../src/telemetry/redaction';

describe('path and URL shapes', () => {
  it('keeps plain words and versions, and turns ids into :id', () => {
    expect(pathShape('/api/messages')).toBe('/api/messages');
    expect(pathShape('/v3/conversations/a%3A1xYz-personal/activities/1712345678901')).toBe(
      '/v3/conversations/:id/activities/:id',
    );
    expect(pathShape('/v3/conversations/19:abc@thread.tacv2/members/29:1AbC')).toBe(
      '/v3/conversations/:id/members/:id',
    );
    expect(pathShape('/11111111-2222-3333-4444-555555555555/oauth2/v2.0/token')).toBe('/:id/oauth2/v2.0/token');
    expect(pathShape('/dbs/framework-guide/colls/teams/docs/checkin|team-1|aaaaaaaa-0000')).toBe(
      '/dbs/framework-guide/colls/teams/docs/:id',
    );
    expect(pathShape('/users/JaneDoe')).toBe('/users/:id');
  });

  it('drops query strings, fragments and user info', () => {
    expect(pathShape('/healthz?name=someone#top')).toBe('/healthz');
    expect(urlShape('https://user:secret@smba.trafficmanager.net/emea/v3/conversations/a:1/activities?x=1')).toBe(
      'https://smba.trafficmanager.net/emea/v3/conversations/:id/activities',
    );
    expect(urlShape('not a url')).toBeUndefined();
  });
});

describe('span attributes', () => {
  it('keeps what says how a call went and drops who made it', () => {
    const kept = keptAttributes({
      'http.method': 'POST',
      'http.status_code': 400,
      'http.url': 'http://bot.example/api/messages?user=29:abc',
      'http.target': '/api/messages?user=29:abc',
      'http.user_agent': 'Microsoft-BotFramework/3.1',
      'net.peer.ip': '203.0.113.7',
      'client.address': '203.0.113.7',
      'http.client_ip': '203.0.113.7',
      'enduser.id': '29:abc',
      'db.query.text': "SELECT * FROM c WHERE c.userId = 'aaaaaaaa'",
      'db.system': 'cosmosdb',
      'microsoft.sample_rate': 50,
      '_MS.ProcessedByMetricExtractors': '(Name:X)',
      'custom.text': 'what does the data outcome mean',
    });
    expect(kept).toEqual({
      'http.method': 'POST',
      'http.status_code': 400,
      'http.url': 'http://bot.example/api/messages',
      'http.target': '/api/messages',
      'http.user_agent': 'Microsoft-BotFramework/3.1',
      'db.system': 'cosmosdb',
      'microsoft.sample_rate': 50,
      '_MS.ProcessedByMetricExtractors': '(Name:X)',
    });
  });
});

describe('PersonalDataRedactor', () => {
  it('gives an incoming request under the stable conventions a full URL made of its kept parts, so it is named by its path', () => {
    const kept = keptAttributes({
      'http.request.method': 'POST',
      'url.scheme': 'https',
      'server.address': 'bot.example',
      'server.port': 443,
      'url.path': '/api/messages/29:1aBcD',
      'url.query': 'name=secret',
      'client.address': '203.0.113.9',
    });
    expect(kept['url.full']).toBe('https://bot.example:443/api/messages/:id');
    expect(JSON.stringify(kept)).not.toMatch(/secret|203\.0\.113|1aBcD/);
    // A span that has its own full URL keeps it (as its shape), and one without the parts gets none.
    expect(keptAttributes({ 'url.full': 'http://h/v3/x?y=1', 'url.scheme': 'http' })['url.full']).toBe('http://h/v3/x');
    expect(keptAttributes({ 'url.scheme': 'http', 'url.path': '/healthz' })['url.full']).toBeUndefined();
  });

  it('rewrites a finished span in place: attributes, exception messages, other events', () => {
    const span = {
      attributes: {
        'http.method': 'POST',
        'url.full': 'https://smba.trafficmanager.net/v3/conversations/a:secret-id/activities',
        'user.name': 'Jane Doe',
      } as Record<string, unknown>,
      events: [
        {
          name: 'exception',
          time: [0, 0],
          attributes: {
            'exception.type': 'SyntaxError',
            'exception.message': 'Unexpected token in "my secret text"',
            'exception.stacktrace':
              'SyntaxError: Unexpected token in "my secret text"\n    at JSON.parse (<anonymous>)\n    at read (body.js:10:5)',
          },
        },
        { name: 'note', time: [0, 0], attributes: { text: 'my secret text' } },
      ],
    };
    new PersonalDataRedactor().onEnd(span as never);
    expect(span.attributes).toEqual({
      'http.method': 'POST',
      'url.full': 'https://smba.trafficmanager.net/v3/conversations/:id/activities',
    });
    expect(span.events).toHaveLength(1);
    const [exception] = span.events;
    expect(exception?.attributes['exception.type']).toBe('SyntaxError');
    expect(JSON.stringify(span)).not.toContain('secret');
    expect(exception?.attributes['exception.stacktrace']).toContain('    at read (body.js:10:5)');
  });
});
