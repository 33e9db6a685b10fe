// A motion sent to the Council, for the console's follow-up browser test, set up through the real
// APIs (through the gateway) as the assembly cycle does it (ops/cycle): a seated panel; a
// workshop whose notebook is submitted and whose department is named; the executive's mandate
// voted by a plenary; a recommendation drafted by a member, adopted, handed over and
// co-constructed with the department; the workshop's motion carrying it, approved unanimously by
// the workshop, voted by the plenary and sent to the Council. The recommendations service
// publishes it; the followup service learns it from Kafka and opens its dossier.
import { seatedAssembly } from './ballot-fixture.mjs';
import { eventually, token } from './stack.mjs';

const inAnHour = () => new Date(Date.now() + 3600 * 1000).toISOString().replace(/\.\d+Z$/, 'Z');

// `api`: staffApi (the secretariat); `department`: the city department the workshop answers to;
// `title`: the motion's. Returns { assembly, motionId, recommendationId, recommendationTitle,
// dossierId, members }.
export async function motionSentToCouncil(api, base, call, { department, title, seats = 4 }) {
  const { assembly } = await seatedAssembly(api, 'followup-console', seats);
  const members = (await api('GET', 'membership', `/v1/members?assembly_id=${assembly}&status=active`)).items;
  const motions = await eventually('the workshops\' motions', async () => {
    const items = (await api('GET', 'recommendations', `/v1/motions?assembly_id=${assembly}`)).items ?? [];
    return items.length === 3 ? items : undefined;
  }, 90);
  const motion = motions[0];
  const workshop = motion.workshop_id;
  const inWorkshop = members.filter((m) => m.workshop_theme === motion.theme);
  if (inWorkshop.length === 0) throw new Error(`nobody in the ${motion.theme} workshop`);

  const saved = await api('POST', 'workshops', `/v1/workshops/${workshop}/notebook/versions`, { text: `# Carnet de l'atelier ${motion.theme}\n` });
  await api('POST', 'workshops', `/v1/workshops/${workshop}/notebook/versions/${saved.version}/submit`, {});
  await api('PUT', 'workshops', `/v1/workshops/${workshop}/departments`, { departments: [department] });
  const executive = token('city-service', 'executive', department);
  const mandate = await call(base, 'workshops', 'POST', `/v1/workshops/${workshop}/mandates`,
    { text: `Le mandat de l'atelier ${motion.theme}`, notebook_version: saved.version }, { bearer: executive });
  const plenary = await api('POST', 'workshops', '/v1/sessions', {
    type: 'plenary', assembly_id: assembly, title: 'Plénière', place: 'Hôtel de Ville',
    starts_at: '2022-06-18T09:00:00Z', ends_at: '2022-06-18T17:00:00Z',
  });
  await api('POST', 'workshops', `/v1/mandates/${mandate.id}/vote`,
    { votes_for: seats, votes_against: 0, abstentions: 0, session_id: plenary.id });

  const recommendationTitle = `Recommandation : ${title}`;
  const author = token('member', inWorkshop[0].id);
  // The mandate reaches the recommendations service through Kafka: drafting waits for it.
  const recommendation = await eventually('drafting (the mandate known)', () =>
    call(base, 'recommendations', 'POST', '/v1/recommendations',
      { workshop_id: workshop, title: recommendationTitle, text: 'Ce que la Ville devrait faire.\n' }, { bearer: author }), 90);
  for (const step of ['adopt', 'hand-over', 'co-construct'])
    await api('POST', 'recommendations', `/v1/recommendations/${recommendation.id}/${step}`, { plenary_session_id: plenary.id });
  await api('PUT', 'recommendations', `/v1/motions/${motion.id}`, {
    title, text: 'L\'Assemblée citoyenne demande que...',
    spokespersons: [members[0].id, members[1].id], recommendation_ids: [recommendation.id],
  });

  // The workshop approves the text unanimously, then the plenary votes it.
  const vote = async (ballot, voters) => {
    for (const m of voters)
      await call(base, 'recommendations', 'POST', `/v1/ballots/${ballot.id}/votes`, { choice: 'for' }, { bearer: token('member', m.id) });
    await api('POST', 'recommendations', `/v1/ballots/${ballot.id}/close`, {});
  };
  await vote(await api('POST', 'recommendations', '/v1/ballots', {
    assembly_id: assembly, workshop: motion.theme, motion_id: motion.id, question: 'L\'atelier approuve-t-il le vœu ?',
    rule: 'unanimity-of-votes-cast', quorum: 0.5, secret: false, closes_at: inAnHour(),
  }), inWorkshop);
  await vote(await api('POST', 'recommendations', '/v1/ballots', {
    assembly_id: assembly, motion_id: motion.id, plenary_session_id: plenary.id, question: 'Adoptez-vous le vœu ?',
    rule: 'simple-majority', quorum: 0.5, secret: false, closes_at: inAnHour(),
  }), members);
  await api('POST', 'recommendations', `/v1/motions/${motion.id}/send-to-council`, {});
  const dossier = await eventually('follow-up learning the motion sent to the Council', async () =>
    (await api('GET', 'followup', `/v1/dossiers?assembly_id=${assembly}`)).items
      ?.find((d) => d.motion_id === motion.id && d.sent_to_council_at), 90);
  return { assembly, motionId: motion.id, recommendationId: recommendation.id, recommendationTitle, dossierId: dossier.id, members };
}
