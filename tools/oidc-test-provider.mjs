// A real OpenID Connect provider (the npm package oidc-provider) for the portal's sign-on tests.
//
// Started by tests/accounts/test_oidc_e2e.py on loopback: it listens on a free port of
// 127.0.0.1, prints "READY <issuer>" on stdout and serves until it is killed.
//
// Environment: PORTAL_URL (the live test server, for the redirect URIs), CLIENT_SECRET.
// Clients (same redirect URIs and secret):
//   portal          an ordinary confidential web client
//   portal-tampered the ID token the token endpoint sends back has one character of its
//                   payload changed after signing (a token tampered with in transit)
//   portal-expired  ID tokens live one second and the token response is held back 2.5 s,
//                   so the token has expired when the portal receives it
// Accounts sign in on this provider's own login form (login + password), which checks the
// password. Consent is given at sign-in.
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

import Provider from 'oidc-provider';

const portal = (process.env.PORTAL_URL || 'http://localhost:8000').replace(/\/$/, '');
const secret = process.env.CLIENT_SECRET || 'test-client-secret-0123456789';

const ACCOUNTS = {
  anna: {
    password: 'anna-losen', email: 'anna@lidkoping.se', verified: true,
    given: 'Anna', family: 'Samordnare', groups: ['intl-samordnare'],
  },
  karl: {
    password: 'karl-losen', email: 'karl@lidkoping.se', verified: true,
    given: 'Karl', family: 'Kontakt', groups: ['intl-kontakt', 'forv-buf'],
  },
  erik: {
    password: 'erik-losen', email: 'erik@lidkoping.se', verified: true,
    given: 'Erik', family: 'Utanroll', groups: [],
  },
  vera: {
    password: 'vera-losen', email: 'vera@lidkoping.se', verified: false,
    given: 'Vera', family: 'Overifierad', groups: ['intl-samordnare'],
  },
};

const clients = ['portal', 'portal-tampered', 'portal-expired'].map((id) => ({
  client_id: id,
  client_secret: secret,
  redirect_uris: [`${portal}/accounts/oidc/callback/`],
  post_logout_redirect_uris: [`${portal}/`],
  grant_types: ['authorization_code'],
  response_types: ['code'],
  token_endpoint_auth_method: 'client_secret_post',
}));

const server = http.createServer();
await new Promise((resolve) => { server.listen(0, '127.0.0.1', resolve); });
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients,
  cookies: { keys: ['oidc-test-provider-cookie-key'] },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name'],
    groups: ['groups'],
  },
  scopes: ['openid', 'email', 'profile', 'groups'],
  features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  ttl: {
    IdToken: (ctx, token, client) => (client.clientId === 'portal-expired' ? 1 : 3600),
  },
  async findAccount(ctx, id) {
    const account = ACCOUNTS[id];
    if (!account) return undefined;
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          email: account.email,
          email_verified: account.verified,
          name: `${account.given} ${account.family}`,
          given_name: account.given,
          family_name: account.family,
          groups: account.groups,
        };
      },
    };
  },
});
provider.proxy = false;

// Tampering and delaying happen after the provider has produced a correct, signed response.
provider.use(async (ctx, next) => {
  await next();
  if (ctx.path !== '/token' || ctx.status !== 200 || !ctx.body?.id_token) return;
  const clientId = ctx.oidc?.client?.clientId;
  if (clientId === 'portal-tampered') {
    const [head, payload, signature] = ctx.body.id_token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    claims.sub = 'someone-else';
    const forged = Buffer.from(JSON.stringify(claims)).toString('base64url');
    ctx.body = { ...ctx.body, id_token: [head, forged, signature].join('.') };
  } else if (clientId === 'portal-expired') {
    await sleep(2500);
  }
});

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid, error = '') {
  return `<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Kommunens inloggning</title></head>
<body><main><h1>Kommunens inloggning (test)</h1>
${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<label for="login">Användar-id</label> <input id="login" name="login" autocomplete="username">
<label for="password">Lösenord</label> <input id="password" name="password" type="password">
<button type="submit">Logga in hos kommunen</button></form></main></body></html>`;
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error('interaction mismatch');
  if (req.method === 'GET') {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(loginPage(uid));
    return;
  }
  const form = await readForm(req);
  const login = form.get('login') || '';
  const account = ACCOUNTS[login];
  if (action !== 'login' || !account || account.password !== form.get('password')) {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(loginPage(uid, 'Fel användar-id eller lösenord.'));
    return;
  }
  const grant = new provider.Grant({ accountId: login, clientId: details.params.client_id });
  grant.addOIDCScope(details.params.scope);
  const grantId = await grant.save();
  await provider.interactionFinished(
    req, res, { login: { accountId: login }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}

const callback = provider.callback();
server.on('request', (req, res) => {
  const match = /^\/interaction\/([\w-]+)(?:\/(login))?$/.exec(req.url.split('?')[0]);
  if (!match) {
    callback(req, res);
    return;
  }
  interaction(req, res, match[1], match[2]).catch((error) => {
    res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(`interaction failed: ${error.message}`);
  });
});

process.stdout.write(`READY ${issuer}\n`);
process.on('SIGTERM', () => { server.close(); process.exit(0); });
