// An assembly for the members' browser tests, set up through the real APIs (through the gateway)
// with a secretariat token: a small panel drawn, every member invited, confirmed and seated in
// the workshops, known to the recommendations service as the electorate; secret ballots of the
// whole assembly opened and closed there; an evaluation questionnaire opened.
import crypto from 'node:crypto';

import { token } from './signin-member2.mjs';

export class StackError extends Error {}

export function staffApi(base, subject = 'web-member-ballot') {
  const staff = token('secretariat', subject);
  return async function api(method, service, route, body, { expect = [200, 201] } = {}) {
    const r = await fetch(`${base}/api/${service}${route}`, {
      method,
      headers: { Authorization: `Bearer ${staff}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    if (!expect.includes(r.status)) throw new StackError(`${method} /api/${service}${route}: ${r.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : {};
  };
}

async function until(what, probe, seconds = 90) {
  const end = Date.now() + seconds * 1000;
  for (;;) {
    const got = await probe();
    if (got) return got;
    if (Date.now() > end) throw new StackError(`${what}: not within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

// `seats` members drawn (twice as many candidates), seated at an opening plenary today, on the
// workshops' rosters and in the recommendations service's electorate. Returns the assembly id,
// the active members and the workshops (theme -> id).
export async function seatedAssembly(api, prefix, seats = 4) {
  const assembly = `${prefix}-${Date.now().toString(36)}-${crypto.randomBytes(3).toString('hex')}`;
  const candidates = Array.from({ length: seats * 2 }, (_, i) => ({
    person_id: `person-${i}`,
    pool: 'roll',
    attributes: { sex: i % 2 ? 'male' : 'female', arrondissement: String(1 + (i % 20)) },
  }));
  await api('POST', 'sortition', '/v1/panel-draws', { assembly_id: assembly, seats, seed: `web-${assembly}`, candidates });
  await until('the panel becoming members', async () =>
    (await api('GET', 'membership', `/v1/members?assembly_id=${assembly}`)).items?.length === seats);
  await api('POST', 'membership', `/v1/assemblies/${assembly}/bulk-actions`, { action: 'invite' });
  const invited = await api('GET', 'membership', `/v1/members?assembly_id=${assembly}&status=invited`);
  for (const m of invited.items) await api('POST', 'membership', `/v1/members/${m.id}/confirm`, {});
  await api('POST', 'membership', `/v1/assemblies/${assembly}/bulk-actions`, { action: 'activate' });
  const members = (await api('GET', 'membership', `/v1/members?assembly_id=${assembly}&status=active`)).items;
  const workshops = {};
  await until('the workshops\' rosters', async () => {
    const w = await api('GET', 'workshops', `/v1/workshops?assembly_id=${assembly}`);
    let total = 0;
    for (const x of w.items ?? []) {
      total += x.roster_size;
      workshops[x.theme] = x.id;
    }
    return total === seats;
  });
  await until('the electorate in recommendations', async () =>
    (await api('GET', 'recommendations', `/v1/electorate?assembly_id=${assembly}`)).member_ids?.length === seats);
  return { assembly, members, workshops };
}

export async function openSecretBallot(api, assembly, question) {
  const closes = new Date(Date.now() + 3600 * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  return api('POST', 'recommendations', '/v1/ballots', {
    assembly_id: assembly,
    question,
    rule: 'simple-majority',
    quorum: 0,
    secret: true,
    closes_at: closes,
  });
}

export const closeBallot = (api, id) => api('POST', 'recommendations', `/v1/ballots/${id}/close`, {});

// An evaluation questionnaire of the assembly, open: a rating from 1 to 5 and a free text.
export async function openEvaluation(api, assembly) {
  const made = await api('POST', 'membership', `/v1/assemblies/${assembly}/evaluations`, {
    title: 'Bilan du mandat',
    questions: [
      { id: 'useful', text: 'Votre travail a-t-il été utile ?', kind: 'rating', min: 1, max: 5 },
      { id: 'better', text: 'Que faudrait-il améliorer ?', kind: 'text' },
    ],
  });
  await api('POST', 'membership', `/v1/evaluations/${made.id}/open`, {});
  return made;
}
