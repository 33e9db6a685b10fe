// A panel drawn the way the secretariat draws it, through the real APIs with a secretariat token
// (`api`: staffApi of stack.mjs), for browser tests that need replacements (sortition replaces
// a member who leaves only when they came from a selection, not from the inline uniform draw):
// a synthetic roll imported, an invitation draw, respondents answering by phone, a quota set on
// gender, a selection drawn; then every member invited, confirmed and seated (the opening
// plenary), with the workshops' rosters filled.
import crypto from 'node:crypto';

import { seatInvited } from './ballot-fixture.mjs';
import { eventually } from './stack.mjs';

const sha256 = (s) => crypto.createHash('sha256').update(s).digest('hex');

// `seats` members (even: half F, half M) from `respondents` respondents of `invited` invitations
// of a roll of `roll` people. Returns the assembly id, the active members and the workshops
// (theme -> id).
export async function seatedSelection(api, prefix, { seats = 12, respondents = 30, invited = 40, roll = 60 } = {}) {
  const assembly = `${prefix}-${Date.now().toString(36)}-${crypto.randomBytes(3).toString('hex')}`;
  const sortition = (method, route, body, opts) => api(method, 'sortition', route, body, opts);
  const tag = crypto.randomBytes(6).toString('hex'); // voter ids: 32 characters at most
  let csv = 'voter_id,last_name,first_names,birth_date,sex,address,postcode,arrondissement\n';
  for (let i = 0; i < roll; i++)
    csv += `v${tag}-${i},Nom${i},Prénom,19${40 + (i % 50)}-05-0${1 + (i % 9)},${i % 2 ? 'F' : 'M'},${i} rue de la Loire,75019,19\n`;
  const pool = await sortition('POST', '/v1/pools', { name: assembly, kind: 'roll' });
  await sortition('PUT', `/v1/pool-imports/${pool.import.id}/parts/1`, csv, { type: 'text/csv' });
  const { pool_id } = await sortition('POST', `/v1/pool-imports/${pool.import.id}/complete`, { parts: 1 });
  const seed = `invitations-${assembly}`;
  const draw = await sortition('POST', '/v1/invitation-draws', { assembly_id: assembly, pool_id, invited, seed_commitment: sha256(seed) });
  await sortition('POST', `/v1/invitation-draws/${draw.id}/draw`, { seed });
  const mail = await sortition('GET', `/v1/invitation-draws/${draw.id}/mailing-list`);
  const codes = [...String(mail).matchAll(/\n"(.{11})/g)].map((m) => m[1]);
  if (codes.length !== invited) throw new Error(`mailing list: ${codes.length} codes`);
  for (let i = 0; i < respondents; i++)
    await sortition('POST', `/v1/invitation-draws/${draw.id}/respondents`, {
      code: codes[i], criteria: { gender: i % 2 ? 'F' : 'M' }, consent: true, contact: { email: `respondent-${i}@example.org` },
    });
  const half = seats / 2;
  const qs = await sortition('POST', '/v1/quota-sets', {
    assembly_id: assembly, name: 'quotas',
    seat_pools: [{ pool: 'roll', seats, quotas_csv: `feature,value,min,max\ngender,F,${half},${half}\ngender,M,${half},${half}\n` }],
  });
  const panelSeed = `panel-${assembly}`;
  const selection = await sortition('POST', '/v1/selections', {
    assembly_id: assembly, quota_set_id: qs.id, invitation_draw_ids: [draw.id], seed_commitment: sha256(panelSeed),
  });
  await sortition('POST', `/v1/selections/${selection.id}/draw`, { seed: panelSeed }, { expect: [202] });
  await eventually('the panel becoming members', async () =>
    (await api('GET', 'membership', `/v1/members?assembly_id=${assembly}`)).items?.length === seats, 120);
  await api('POST', 'membership', `/v1/assemblies/${assembly}/bulk-actions`, { action: 'invite' });
  const invitedMembers = (await api('GET', 'membership', `/v1/members?assembly_id=${assembly}`)).items;
  const { members, workshops } = await seatInvited(api, assembly, invitedMembers, seats);
  return { assembly, selection: selection.id, members, workshops };
}
