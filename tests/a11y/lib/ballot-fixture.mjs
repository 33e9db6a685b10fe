// An assembly for the members' browser tests, set up through the real APIs (through the gateway)
// with a secretariat token (`api`: staffApi of stack.mjs): a small panel drawn, every member
// invited, confirmed and seated in the workshops, known to the recommendations service as the
// electorate; secret ballots of the whole assembly opened and closed there; an evaluation
// questionnaire opened.
import { eventually, invitedMembers } from './stack.mjs';

// The opening plenary for an assembly's invited members (`drawn`: membership's records):
// each confirmed, all seated at once (the balanced placement), then the wait for the workshops'
// rosters to hold the `seats` of them. Returns the active members and the workshops (theme -> id).
export async function seatInvited(api, assembly, drawn, seats) {
  for (const m of drawn.filter((x) => x.status === 'invited')) await api('POST', 'membership', `/v1/members/${m.id}/confirm`, {});
  await api('POST', 'membership', `/v1/assemblies/${assembly}/bulk-actions`, { action: 'activate' });
  const members = (await api('GET', 'membership', `/v1/members?assembly_id=${assembly}&status=active`)).items;
  const workshops = {};
  await eventually('the workshops\' rosters', async () => {
    const w = await api('GET', 'workshops', `/v1/workshops?assembly_id=${assembly}`);
    let total = 0;
    for (const x of w.items ?? []) {
      total += x.roster_size;
      workshops[x.theme] = x.id;
    }
    return total === seats;
  }, 90);
  return { members, workshops };
}

// `seats` members drawn (twice as many candidates), seated at an opening plenary today, on the
// workshops' rosters and in the recommendations service's electorate. Returns the assembly id,
// the active members and the workshops (theme -> id).
export async function seatedAssembly(api, prefix, seats = 4) {
  const { assembly, members: drawn } = await invitedMembers(api, prefix, seats);
  const { members, workshops } = await seatInvited(api, assembly, drawn, seats);
  await eventually('the electorate in recommendations', async () =>
    (await api('GET', 'recommendations', `/v1/electorate?assembly_id=${assembly}`)).member_ids?.length === seats, 90);
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
