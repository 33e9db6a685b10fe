#include "assembly/site/static_pages.h"

#include "assembly/site/table.h"

namespace assembly::site {

namespace {

// One page in both languages. The bodies are the project's own HTML (nothing from outside is
// written into them): headings from <h2>, DSFR classes, no inline style or script; a table is
// written bare (<table>, its <caption> in plain text, ... </table>) and framed by framed().
struct Twin {
  const char* fr_path;
  const char* en_path;
  const char* fr_title;
  const char* en_title;
  const char* fr_description;
  const char* en_description;
  const char* fr_body;
  const char* en_body;
};

// What the city has to fill in before the site opens, said as such on the page.
#define TO_FILL_FR "<strong>[à compléter par la Ville de Paris avant la mise en ligne]</strong>"
#define TO_FILL_EN "<strong>[to be filled in by the City of Paris before the site opens]</strong>"

const Twin kAccessibility{
    "/accessibilite",
    "/en/accessibility",
    "Déclaration d’accessibilité",
    "Accessibility statement",
    "Déclaration d’accessibilité du site de l’Assemblée citoyenne de la Ville de Paris (RGAA) : "
    "non conforme, aucun audit n’a encore été réalisé.",
    "Accessibility statement of the City of Paris’s Citizens’ Assembly site: not compliant, no "
    "audit has been made yet.",
    R"(<p>La Ville de Paris s’engage à rendre ses sites internet accessibles conformément à
l’article 47 de la loi n° 2005-102 du 11 février 2005.</p>
<p>Cette déclaration d’accessibilité s’applique au site de l’Assemblée citoyenne : ses pages
publiques, le formulaire de réponse à l’invitation et l’espace membre.</p>
<h2>État de conformité</h2>
<p>Le site de l’Assemblée citoyenne est <strong>non conforme</strong> avec le référentiel général
d’amélioration de l’accessibilité (RGAA) version 4.1 : <strong>aucun audit de conformité n’a
encore été réalisé</strong>. Il n’y a donc pas de taux de conformité à publier.</p>
<h2>Ce qui est vérifié</h2>
<ul>
<li>À chaque version, des tests automatiques ouvrent chaque page publique, le formulaire de réponse
et l’espace membre dans un vrai navigateur (Chromium) et les passent au moteur axe-core, règles
WCAG 2.1 niveaux A et AA : aucune violation n’est admise.</li>
<li>Les pages publiques sont vérifiées lisibles sans JavaScript, et aussi à 320 pixels de large
(téléphone).</li>
<li>Le site utilise le Système de design de l’État (DSFR) : couleurs, contrastes, navigation et
lien d’évitement en viennent.</li>
</ul>
<p>Un test automatique ne trouve qu’une partie des défauts : il ne remplace ni un audit ni l’essai
par des personnes qui utilisent un lecteur d’écran.</p>
<h2>Limites connues</h2>
<ul>
<li>Aucun audit RGAA et aucun essai avec des lecteurs d’écran n’ont été faits.</li>
<li>Les fichiers téléchargeables (CSV, JSON, documents imprimables des tirages) ne sont pas
vérifiés.</li>
<li>Les pages de connexion viennent du fournisseur d’identité et ne sont pas vérifiées comme le
reste du site.</li>
</ul>
<h2>Retour d’information et contact</h2>
<p>Si vous n’arrivez pas à accéder à un contenu ou à un service, contactez le secrétariat de
l’Assemblée citoyenne pour être orienté vers une solution accessible ou obtenir le contenu sous une
autre forme : )" TO_FILL_FR R"( (adresse électronique et adresse postale du secrétariat).</p>
<h2>Voies de recours</h2>
<p>Si vous avez signalé au responsable du site un défaut d’accessibilité qui vous empêche
d’accéder à un contenu ou à un service et que vous n’avez pas obtenu de réponse satisfaisante,
vous pouvez saisir le Défenseur des droits :</p>
<ul>
<li>par le formulaire en ligne : <a href="https://formulaire.defenseurdesdroits.fr/">formulaire.defenseurdesdroits.fr</a> ;</li>
<li>en contactant le délégué du Défenseur des droits de votre région : <a href="https://www.defenseurdesdroits.fr/saisir/delegues">defenseurdesdroits.fr/saisir/delegues</a> ;</li>
<li>par courrier, gratuit, sans timbre : Défenseur des droits, Libre réponse 71120, 75342 Paris
CEDEX 07.</li>
</ul>
)",
    R"(<p>The City of Paris undertakes to make its websites accessible in accordance with article
47 of French law no. 2005-102 of 11 February 2005.</p>
<p>This accessibility statement applies to the Citizens’ Assembly site: its public pages, the
invitation answer form and the members’ space.</p>
<h2>Compliance status</h2>
<p>The Citizens’ Assembly site is <strong>not compliant</strong> with the French accessibility
standard (RGAA) version 4.1: <strong>no compliance audit has been made yet</strong>, so there is
no compliance rate to publish.</p>
<h2>What is checked</h2>
<ul>
<li>For every version, automatic tests open every public page, the answer form and the members’
space in a real browser (Chromium) and run axe-core on them with the WCAG 2.1 level A and AA rules:
no violation is accepted.</li>
<li>The public pages are checked to read without JavaScript, and 320 pixels wide too (a
phone).</li>
<li>The site uses the French State design system (DSFR): colours, contrasts, navigation and the
skip link come from it.</li>
</ul>
<p>An automatic test finds only part of the defects: it replaces neither an audit nor trials by
people who use a screen reader.</p>
<h2>Known limits</h2>
<ul>
<li>No RGAA audit and no trial with screen readers have been made.</li>
<li>The downloadable files (CSV, JSON, the draws’ printable records) are not checked.</li>
<li>The sign-in pages come from the identity provider and are not checked like the rest of the
site.</li>
</ul>
<h2>Feedback and contact</h2>
<p>If you cannot reach a content or a service, contact the Citizens’ Assembly’s secretariat to be
pointed to an accessible alternative or to get the content in another form: )" TO_FILL_EN R"(
(the secretariat’s e-mail and postal addresses).</p>
<h2>Recourse</h2>
<p>If you reported an accessibility defect that keeps you from a content or a service to the
site’s managers and did not get a satisfactory answer, you may refer the matter to the Défenseur
des droits (the French rights ombudsman):</p>
<ul>
<li>with the online form: <a href="https://formulaire.defenseurdesdroits.fr/" hreflang="fr">formulaire.defenseurdesdroits.fr</a>;</li>
<li>through the Défenseur des droits’ delegate in your region: <a href="https://www.defenseurdesdroits.fr/saisir/delegues" hreflang="fr">defenseurdesdroits.fr/saisir/delegues</a>;</li>
<li>by post, free of charge, no stamp needed: Défenseur des droits, Libre réponse 71120, 75342
Paris CEDEX 07, France.</li>
</ul>
)"};

const Twin kLegal{"/mentions-legales",
                  "/en/legal-notice",
                  "Mentions légales",
                  "Legal notice",
                  "Mentions légales du site de l’Assemblée citoyenne de la Ville de Paris.",
                  "Legal notice of the City of Paris’s Citizens’ Assembly site.",
                  R"(<h2>Éditeur</h2>
<p>Ville de Paris, Hôtel de Ville, 75004 Paris.</p>
<p>Directeur ou directrice de la publication : )" TO_FILL_FR R"(.</p>
<h2>Hébergement</h2>
<p>Nom, adresse et téléphone de l’hébergeur (article 6 de la loi n° 2004-575 du 21 juin 2004) :
)" TO_FILL_FR R"(. Ils dépendent de l’endroit où la Ville installe le site.</p>
<h2>Réutilisation des contenus</h2>
<p>Les données publiées par l’Assemblée citoyenne sont réutilisables sous la Licence Ouverte 2.0
(Etalab) : voir les <a href="/donnees-ouvertes">données ouvertes</a>.</p>
<h2>Cookies</h2>
<p>Les pages publiques ne déposent ni cookie ni traceur, et ne mesurent pas l’audience. La
connexion à l’espace membre utilise les seuls cookies nécessaires à la session.</p>
<h2>Données personnelles et accessibilité</h2>
<p>Voir la page <a href="/donnees-personnelles">données personnelles</a> et la
<a href="/accessibilite">déclaration d’accessibilité</a>.</p>
)",
                  R"(<h2>Publisher</h2>
<p>City of Paris (Ville de Paris), Hôtel de Ville, 75004 Paris, France.</p>
<p>Publication director: )" TO_FILL_EN R"(.</p>
<h2>Hosting</h2>
<p>The host’s name, address and telephone number (article 6 of French law no. 2004-575 of 21 June
2004): )" TO_FILL_EN R"(. They depend on where the City installs the site.</p>
<h2>Reuse of the content</h2>
<p>The data the Citizens’ Assembly publishes may be reused under the Licence Ouverte 2.0 (Etalab
open licence): see the <a href="/en/open-data">open data</a>.</p>
<h2>Cookies</h2>
<p>The public pages set no cookie and no tracker, and do not measure the audience. Signing in to
the members’ space uses only the cookies the session needs.</p>
<h2>Personal data and accessibility</h2>
<p>See the <a href="/en/privacy">personal data</a> page and the
<a href="/en/accessibility">accessibility statement</a>.</p>
)"};

const Twin kPrivacy{
    "/donnees-personnelles",
    "/en/privacy",
    "Données personnelles",
    "Personal data",
    "Les données personnelles que l’Assemblée citoyenne traite sur les personnes invitées et les "
    "membres, pourquoi, combien de temps, et comment exercer vos droits.",
    "The personal data the Citizens’ Assembly processes on invitees and members, why, for how "
    "long, and how to exercise your rights.",
    R"(<p>Responsable du traitement : la Ville de Paris, qui organise l’Assemblée citoyenne.</p>
<h2>Ce que nous traitons, et pourquoi</h2>
<table>
<caption>Les traitements, leur but et leur base légale (RGPD, article 6)</caption>
<thead><tr><th scope="col">Traitement</th><th scope="col">Données</th><th scope="col">Pourquoi</th><th scope="col">Base légale</th></tr></thead>
<tbody>
<tr><th scope="row">Le tirage au sort et l’invitation</th><td>Pour les personnes tirées au sort :
nom, prénoms, date de naissance et adresse (pour la lettre), chiffrés ; puis, pour celles qui
répondent, les réponses aux questions du tirage (genre, tranche d’âge, arrondissement,
diplôme…), leur consentement et leurs coordonnées.</td><td>Inviter des habitants tirés au sort et
composer une assemblée qui ressemble à la population.</td><td>Mission d’intérêt public (e)</td></tr>
<tr><th scope="row">Le mandat des membres</th><td>Situation (invité, en fonction…), atelier, rôles,
formations, présences, coordonnées chiffrées, consentements, compte de connexion.</td><td>Faire
fonctionner l’assemblée.</td><td>Mission d’intérêt public (e) ; consentement (a) pour ce que le
membre choisit de donner</td></tr>
<tr><th scope="row">Le suivi des vœux</th><td>Coordonnées des anciens membres qui l’ont
accepté.</td><td>Leur dire ce que sont devenues leurs recommandations.</td><td>Consentement
(a)</td></tr>
<tr><th scope="row">Les publications</th><td>Aucune donnée personnelle : des chiffres, jamais de
noms.</td><td>Rendre compte des tirages, des vœux, des décisions et de leur suivi.</td><td>Mission
d’intérêt public (e)</td></tr>
</tbody>
</table>
<p>Les votes secrets et les réponses à l’évaluation du mandat ne sont pas rattachés à la personne
qui les a donnés.</p>
<h2>Combien de temps</h2>
<ul>
<li>Les listes de tirage (nom, adresse, date de naissance) : jusqu’à la fin du mandat de
l’assemblée, plus un an ; elles sont alors effacées.</li>
<li>Les données des membres : jusqu’à la fin du mandat, plus la durée de conservation de
l’assemblée (un an par défaut) ; coordonnées, motifs, préférences et caractéristiques sont alors
effacés, seuls restent des comptes et l’historique sous un identifiant anonyme.</li>
<li>Les coordonnées d’un ancien membre qui a accepté le suivi des vœux : jusqu’à ce qu’il retire ce
consentement.</li>
<li>Les consentements, comme preuve, et le journal des accès et des modifications, comme trace de
qui a fait quoi : conservés.</li>
</ul>
<h2>Qui y a accès</h2>
<p>Le secrétariat de l’Assemblée citoyenne, et chaque membre pour ses propres données. Les services
de la Ville ne reçoivent aucune donnée personnelle des membres. Les coordonnées sont chiffrées et
chaque lecture par le secrétariat est enregistrée.</p>
<h2>Vos droits</h2>
<p>Vous pouvez accéder à vos données, les faire rectifier ou effacer, vous opposer à leur
traitement ou en demander la limitation (RGPD, articles 15 à 21), et retirer à tout moment un
consentement donné. Un membre peut télécharger toutes ses données depuis son espace membre.</p>
<p>Pour exercer ces droits, écrivez au délégué à la protection des données de la Ville de Paris :
)" TO_FILL_FR R"( (ses coordonnées).</p>
<p>Si vous estimez, après nous avoir contactés, que vos droits ne sont pas respectés, vous pouvez
adresser une réclamation à la CNIL : <a href="https://www.cnil.fr/fr/plaintes">cnil.fr/fr/plaintes</a>,
ou 3 place de Fontenoy, TSA 80715, 75334 Paris CEDEX 07.</p>
)",
    R"(<p>Controller: the City of Paris, which holds the Citizens’ Assembly.</p>
<h2>What we process, and why</h2>
<table>
<caption>The processing activities, their purpose and their legal basis (GDPR, article 6)</caption>
<thead><tr><th scope="col">Activity</th><th scope="col">Data</th><th scope="col">Why</th><th scope="col">Legal basis</th></tr></thead>
<tbody>
<tr><th scope="row">The draw and the invitation</th><td>For the people drawn: name, first names,
birth date and address (for the letter), encrypted; then, for those who answer, their answers to
the draw’s questions (gender, age band, arrondissement, qualification…), their consent and their
contact details.</td><td>Invite residents drawn by lot and form an assembly that looks like the
population.</td><td>Public task (e)</td></tr>
<tr><th scope="row">The members’ term</th><td>Status (invited, sitting…), workshop, roles, trainings,
attendance, encrypted contact details, consents, sign-in account.</td><td>Run the
assembly.</td><td>Public task (e); consent (a) for what the member chooses to give</td></tr>
<tr><th scope="row">The follow-up of the motions</th><td>Contact details of former members who
agreed to it.</td><td>Tell them what became of their recommendations.</td><td>Consent (a)</td></tr>
<tr><th scope="row">What is published</th><td>No personal data: figures, never names.</td><td>Report
on the draws, the motions, the decisions and their follow-up.</td><td>Public task (e)</td></tr>
</tbody>
</table>
<p>Secret votes and the answers to the evaluation of the term are not linked to the person who gave
them.</p>
<h2>For how long</h2>
<ul>
<li>The draw lists (name, address, birth date): until the end of the assembly’s term, plus one
year; they are then erased.</li>
<li>The members’ data: until the end of the term, plus the assembly’s retention period (one year
by default); contact details, reasons, preferences and characteristics are then erased, only
counts and the history under an anonymous id remain.</li>
<li>The contact details of a former member who agreed to the follow-up of the motions: until they
withdraw that consent.</li>
<li>Consents, as proof, and the log of reads and changes, as the trace of who did what: kept.</li>
</ul>
<h2>Who can see it</h2>
<p>The Citizens’ Assembly’s secretariat, and each member for their own data. The City’s departments
receive no personal data of the members. Contact details are encrypted and each read by the
secretariat is recorded.</p>
<h2>Your rights</h2>
<p>You may access your data, have it corrected or erased, object to its processing or ask for it
to be restricted (GDPR, articles 15 to 21), and withdraw a consent at any time. A member can
download all their data from the members’ space.</p>
<p>To exercise these rights, write to the City of Paris’s data protection officer: )" TO_FILL_EN R"(
(their contact details).</p>
<p>If, after contacting us, you consider your rights are not respected, you may lodge a complaint
with the CNIL (the French data protection authority): <a href="https://www.cnil.fr/fr/plaintes" hreflang="fr">cnil.fr/fr/plaintes</a>,
or 3 place de Fontenoy, TSA 80715, 75334 Paris CEDEX 07, France.</p>
)"};

const Twin kOpenData{
    "/donnees-ouvertes",
    "/en/open-data",
    "Données ouvertes",
    "Open data",
    "Les données ouvertes de l’Assemblée citoyenne : le suivi des vœux et les tirages au sort, "
    "sous Licence Ouverte 2.0, avec le schéma de chaque fichier.",
    "The Citizens’ Assembly’s open data: the follow-up of the motions and the draws, under the "
    "Licence Ouverte 2.0, with each file’s schema.",
    R"(<p>Tout ce que l’Assemblée citoyenne publie est réutilisable librement, y compris à des fins
commerciales, sous la <a href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/">Licence
Ouverte 2.0 (Etalab)</a>, à condition d’en citer la source : « Ville de Paris — Assemblée
citoyenne » et la date de mise à jour. Aucune donnée personnelle n’y figure.</p>
<h2>Le suivi des vœux, par assemblée</h2>
<p>Mis à jour en continu ; <code>{assemblée}</code> est l’identifiant de l’assemblée (par exemple
<code>paris-2022-2023</code>), donné sur sa page.</p>
<ul>
<li><code>/open-data/assemblies/{assemblée}/follow-up.json</code> : tout le suivi (les vœux, leurs
recommandations, la décision du Conseil, les engagements avec leurs jalons, justificatifs et
historique, les rapports).</li>
<li><code>/open-data/assemblies/{assemblée}/commitments.csv</code> : une ligne par engagement.</li>
<li><code>/open-data/assemblies/{assemblée}/milestones.csv</code> : une ligne par jalon.</li>
</ul>
<p>Fichiers CSV : UTF-8, séparateur virgule, fins de ligne CRLF, guillemets selon la RFC 4180,
une ligne d’en-tête ; un champ qui commence par <code>= + - @</code> reçoit une apostrophe devant
pour qu’un tableur ne l’exécute pas. Dates <code>AAAA-MM-JJ</code>, heures en UTC
<code>AAAA-MM-JJTHH:MM:SSZ</code>.</p>
<table>
<caption>Schéma de commitments.csv</caption>
<thead><tr><th scope="col">Colonne</th><th scope="col">Type</th><th scope="col">Contenu</th></tr></thead>
<tbody>
<tr><th scope="row"><code>motion_id</code></th><td>texte</td><td>identifiant du vœu</td></tr>
<tr><th scope="row"><code>motion_title</code></th><td>texte</td><td>titre du vœu</td></tr>
<tr><th scope="row"><code>workshop</code></th><td>texte</td><td>thème de l’atelier</td></tr>
<tr><th scope="row"><code>council_decision</code></th><td>texte</td><td><code>adopted</code>, <code>adopted-with-amendments</code>, <code>rejected</code>, vide avant la décision</td></tr>
<tr><th scope="row"><code>council_session_date</code></th><td>date</td><td>séance du Conseil de Paris</td></tr>
<tr><th scope="row"><code>recommendation_id</code></th><td>texte</td><td>identifiant de la recommandation</td></tr>
<tr><th scope="row"><code>recommendation_title</code></th><td>texte</td><td>titre de la recommandation</td></tr>
<tr><th scope="row"><code>commitment_id</code></th><td>texte</td><td>identifiant de l’engagement</td></tr>
<tr><th scope="row"><code>commitment_title</code></th><td>texte</td><td>titre de l’engagement</td></tr>
<tr><th scope="row"><code>department</code></th><td>texte</td><td>direction de la Ville qui le porte</td></tr>
<tr><th scope="row"><code>elected_official</code></th><td>texte</td><td>élu·e référent·e</td></tr>
<tr><th scope="row"><code>status</code></th><td>texte</td><td><code>planned</code>, <code>in-progress</code>, <code>done</code>, <code>delayed</code>, <code>abandoned</code></td></tr>
<tr><th scope="row"><code>progress</code></th><td>entier</td><td>avancement en pourcentage (0 à 100)</td></tr>
<tr><th scope="row"><code>milestones</code></th><td>entier</td><td>nombre de jalons</td></tr>
<tr><th scope="row"><code>milestones_done</code></th><td>entier</td><td>jalons réalisés</td></tr>
<tr><th scope="row"><code>milestones_overdue</code></th><td>entier</td><td>jalons en retard</td></tr>
<tr><th scope="row"><code>updated_at</code></th><td>date et heure UTC</td><td>dernière mise à jour</td></tr>
</tbody>
</table>
<table>
<caption>Schéma de milestones.csv</caption>
<thead><tr><th scope="col">Colonne</th><th scope="col">Type</th><th scope="col">Contenu</th></tr></thead>
<tbody>
<tr><th scope="row"><code>commitment_id</code></th><td>texte</td><td>l’engagement du jalon</td></tr>
<tr><th scope="row"><code>milestone_id</code></th><td>texte</td><td>identifiant du jalon</td></tr>
<tr><th scope="row"><code>title</code></th><td>texte</td><td>intitulé</td></tr>
<tr><th scope="row"><code>due_on</code></th><td>date</td><td>échéance</td></tr>
<tr><th scope="row"><code>done_on</code></th><td>date</td><td>date de réalisation, vide tant qu’il n’est pas réalisé</td></tr>
<tr><th scope="row"><code>overdue</code></th><td>booléen</td><td><code>true</code> si l’échéance est passée sans réalisation</td></tr>
</tbody>
</table>
<p>Le fichier JSON reprend les mêmes champs, avec le texte des vœux et des recommandations, la
décision et les votes du Conseil, les positions des groupes politiques, le nombre de porte-parole
(jamais leurs noms), l’historique de chaque engagement et les rapports de suivi (leur échéance,
leur état et, une fois publiés, leur situation figée).</p>
<h2>Les tirages au sort</h2>
<p>Chaque tirage a son procès-verbal public, lié depuis la page de l’assemblée
(<code>/tirages/{tirage}</code>) et disponible en JSON
(<code>/api/sortition/v1/selections/{tirage}/record</code>) : par catégorie, les sièges, les
quotas et la composition obtenue ; les tirages d’invitation (taille de la liste et son empreinte,
invitations, réponses) ; l’algorithme, l’engagement sur la graine publié avant le tirage, la graine
et l’empreinte du résultat, qui permettent à chacun de refaire le tirage avec
<code>sortition-verify</code>.</p>
)",
    R"(<p>Everything the Citizens’ Assembly publishes may be reused freely, commercial use included,
under the <a href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/" hreflang="fr">Licence
Ouverte 2.0 (Etalab open licence)</a>, as long as the source is named: “Ville de Paris — Assemblée
citoyenne” and the date of the update. It holds no personal data.</p>
<h2>The follow-up of the motions, per assembly</h2>
<p>Updated continuously; <code>{assembly}</code> is the assembly’s id (for example
<code>paris-2022-2023</code>), given on its page.</p>
<ul>
<li><code>/open-data/assemblies/{assembly}/follow-up.json</code>: the whole follow-up (the motions,
their recommendations, the Council’s decision, the commitments with their milestones, evidence and
timeline, the reports).</li>
<li><code>/open-data/assemblies/{assembly}/commitments.csv</code>: one line per commitment.</li>
<li><code>/open-data/assemblies/{assembly}/milestones.csv</code>: one line per milestone.</li>
</ul>
<p>CSV files: UTF-8, comma-separated, CRLF line ends, RFC 4180 quoting, one header line; a field
starting with <code>= + - @</code> gets a leading apostrophe so that a spreadsheet does not run it.
Dates <code>YYYY-MM-DD</code>, times in UTC <code>YYYY-MM-DDTHH:MM:SSZ</code>.</p>
<table>
<caption>Schema of commitments.csv</caption>
<thead><tr><th scope="col">Column</th><th scope="col">Type</th><th scope="col">Content</th></tr></thead>
<tbody>
<tr><th scope="row"><code>motion_id</code></th><td>text</td><td>the motion’s id</td></tr>
<tr><th scope="row"><code>motion_title</code></th><td>text</td><td>the motion’s title</td></tr>
<tr><th scope="row"><code>workshop</code></th><td>text</td><td>the workshop’s theme</td></tr>
<tr><th scope="row"><code>council_decision</code></th><td>text</td><td><code>adopted</code>, <code>adopted-with-amendments</code>, <code>rejected</code>, empty before the decision</td></tr>
<tr><th scope="row"><code>council_session_date</code></th><td>date</td><td>the Council of Paris session</td></tr>
<tr><th scope="row"><code>recommendation_id</code></th><td>text</td><td>the recommendation’s id</td></tr>
<tr><th scope="row"><code>recommendation_title</code></th><td>text</td><td>the recommendation’s title</td></tr>
<tr><th scope="row"><code>commitment_id</code></th><td>text</td><td>the commitment’s id</td></tr>
<tr><th scope="row"><code>commitment_title</code></th><td>text</td><td>the commitment’s title</td></tr>
<tr><th scope="row"><code>department</code></th><td>text</td><td>the City department in charge</td></tr>
<tr><th scope="row"><code>elected_official</code></th><td>text</td><td>the elected official in charge</td></tr>
<tr><th scope="row"><code>status</code></th><td>text</td><td><code>planned</code>, <code>in-progress</code>, <code>done</code>, <code>delayed</code>, <code>abandoned</code></td></tr>
<tr><th scope="row"><code>progress</code></th><td>integer</td><td>progress in percent (0 to 100)</td></tr>
<tr><th scope="row"><code>milestones</code></th><td>integer</td><td>number of milestones</td></tr>
<tr><th scope="row"><code>milestones_done</code></th><td>integer</td><td>milestones done</td></tr>
<tr><th scope="row"><code>milestones_overdue</code></th><td>integer</td><td>milestones overdue</td></tr>
<tr><th scope="row"><code>updated_at</code></th><td>UTC date and time</td><td>last update</td></tr>
</tbody>
</table>
<table>
<caption>Schema of milestones.csv</caption>
<thead><tr><th scope="col">Column</th><th scope="col">Type</th><th scope="col">Content</th></tr></thead>
<tbody>
<tr><th scope="row"><code>commitment_id</code></th><td>text</td><td>the milestone’s commitment</td></tr>
<tr><th scope="row"><code>milestone_id</code></th><td>text</td><td>the milestone’s id</td></tr>
<tr><th scope="row"><code>title</code></th><td>text</td><td>its title</td></tr>
<tr><th scope="row"><code>due_on</code></th><td>date</td><td>when it is due</td></tr>
<tr><th scope="row"><code>done_on</code></th><td>date</td><td>when it was done, empty until then</td></tr>
<tr><th scope="row"><code>overdue</code></th><td>boolean</td><td><code>true</code> when it is past due and not done</td></tr>
</tbody>
</table>
<p>The JSON file holds the same fields, with the text of the motions and recommendations, the
Council’s decision and votes, the political groups’ positions, the number of spokespersons (never
their names), each commitment’s timeline and the follow-up reports (when due, their state and,
once published, their frozen figures).</p>
<h2>The draws</h2>
<p>Each draw has its public record, linked from the assembly’s page (<code>/en/draws/{draw}</code>)
and available as JSON (<code>/api/sortition/v1/selections/{draw}/record</code>): per category, the
seats, the quotas and the panel’s make-up; the invitation draws (the list’s size and hash, the
invitations, the answers); the algorithm, the seed commitment published before the draw, the seed
and the result’s hash, with which anyone can run the draw again with
<code>sortition-verify</code>.</p>
)"};

#undef TO_FILL_FR
#undef TO_FILL_EN

// The body with each bare table in the DSFR's frame (table_start, table_end).
std::string framed(std::string body) {
  const std::string open = "<table>\n<caption>", close_caption = "</caption>\n", end = "</table>\n";
  for (std::size_t at = body.find(open); at != std::string::npos; at = body.find(open, at)) {
    const auto caption_at = at + open.size();
    const auto caption_end = body.find(close_caption, caption_at);
    const auto table_end_at = body.find(end, caption_end);
    const auto start = table_start(body.substr(caption_at, caption_end - caption_at));
    body.replace(table_end_at, end.size(), table_end());
    body.replace(at, caption_end + close_caption.size() - at, start);
    at += start.size();
  }
  return body;
}

}  // namespace

std::vector<StaticPage> static_pages() {
  std::vector<StaticPage> out;
  for (const auto* twin : {&kAccessibility, &kLegal, &kPrivacy, &kOpenData}) {
    for (const auto lang : {Lang::fr, Lang::en}) {
      const bool fr = lang == Lang::fr;
      Page p;
      p.lang = lang;
      p.title = fr ? twin->fr_title : twin->en_title;
      p.description = fr ? twin->fr_description : twin->en_description;
      p.other_lang_href = fr ? twin->en_path : twin->fr_path;
      p.body = framed(fr ? twin->fr_body : twin->en_body);
      out.push_back({fr ? twin->fr_path : twin->en_path, std::move(p)});
    }
  }
  return out;
}

}  // namespace assembly::site
