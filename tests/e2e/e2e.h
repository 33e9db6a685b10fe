#pragma once
// What the end-to-end tests share: service URLs, tokens of the local Keycloak (ops/token), waiting.
#include <chrono>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "assembly/documents/s3.h"
#include "assembly/testing/http_client.h"

namespace e2e {

std::string url(const std::string& service);  // SORTITION_URL, ...
std::string token(const std::string& role, const std::string& subject = "e2e",
                  const std::string& department = "");
assembly::itest::HttpResponse get(const std::string& service, const std::string& path,
                                  const std::string& bearer = {});
// A staff token limited to some assemblies (and, for a facilitator, to some workshops).
std::string scoped_token(const std::string& role, const std::vector<std::string>& assemblies,
                         const std::vector<std::string>& workshops = {},
                         const std::string& department = "");
// A libpq connection string as the service's own database role (the owner of its schema), from
// the stack's secrets.
std::string service_conninfo(const std::string& service);
// The account a token is of (its "sub" claim): what the services record as a staff actor.
std::string subject_of(const std::string& token);
// The service's Prometheus exposition (its /metrics, on its metrics port when the stack gives it
// one: <SERVICE>_METRICS_URL), and one sample's value from it (NaN when absent).
std::string metrics(const std::string& service);
double metric(const std::string& service, const std::string& sample);
// A request with a JSON body (POST, PUT...), with the bearer token if one is given.
assembly::itest::HttpResponse send(const std::string& method, const std::string& service,
                                   const std::string& path, const nlohmann::json& body,
                                   const std::string& bearer);
assembly::itest::HttpResponse post(const std::string& service, const std::string& path,
                                   const nlohmann::json& body, const std::string& bearer);
assembly::itest::HttpResponse put(const std::string& service, const std::string& path,
                                  const nlohmann::json& body, const std::string& bearer);
// An answer's body as JSON.
nlohmann::json body_of(const assembly::itest::HttpResponse& r);
// The JSON pointers of the fields a problem names at fault (its `errors`; none when it has none).
std::set<std::string> pointers(const assembly::itest::HttpResponse& r);
// The suite's services, in the order of services/services.txt (its one list of them).
std::vector<std::string> services();
// The environment of a sortition process a test starts in the throw-away `schema`, publishing to
// `topic` (the stack's sortition key, its own consumer group, errors only in its log), plus
// `extra`.
std::map<std::string, std::string> sortition_env(const std::string& schema,
                                                 const std::string& topic,
                                                 std::map<std::string, std::string> extra = {});
// The messages the local mail server (Mailpit) holds for this address, newest first: its search
// API's summaries (ID, Subject, To, ...), only those addressed to it.
nlohmann::json mails_to(const std::string& address);
// The stack's object store (S3_URL, S3_BUCKET, S3_ACCESS_KEY, S3_SECRET_KEY_FILE, S3_REGION), as
// the services reach it, and the secret key it is signed with.
assembly::documents::S3Client bucket();
std::string bucket_secret();
// A name no earlier run used: the prefix and the clock.
std::string fresh(const std::string& prefix);
// SHA-256 as lower-case hex (seed commitments, snapshot hashes).
std::string sha256_hex(const std::string& data);
// Polls until pred() holds or the timeout passes; returns pred()'s last value.
bool eventually(const std::function<bool()>& pred, std::chrono::seconds timeout);
// A panel-draw request for `seats` of `candidates` synthetic people.
nlohmann::json panel_request(const std::string& assembly_id, int candidates, int seats);

// The members of an assembly take their seats: every selected one invited, every invited one
// confirms, and the opening plenary activates them (placing them in the workshops). Throws on
// error.
// `opening`: the opening plenary's day (the activation's effective_on); empty: today.
void seat_everyone(const std::string& assembly_id, const std::string& staff_token,
                   const std::string& opening = "");
// A new assembly (named from `prefix`) of `seats` members drawn, seated at an opening plenary on
// `opening` and placed on the workshops' rosters, waited for until the rosters hold them all.
// Throws on any error.
struct Seated {
  std::string assembly_id;
  nlohmann::json members;                       // membership's records, active
  std::map<std::string, std::string> workshop;  // theme -> workshop id
};
Seated seated_in_workshops(const std::string& prefix, int seats, const std::string& staff_token,
                           const std::string& opening);

// A small panel drawn inline (uniform, no quotas, twice as many candidates as seats) and waited
// for until membership has every seat as a member; returns the members. Throws on error.
nlohmann::json panel_members(const std::string& assembly_id, int seats, const std::string& staff);
// A new version of the workshop's synthesis notebook, saved and submitted to the executive by the
// secretariat (what a mandate answers); its version number. Throws on any error.
int submitted_notebook(const std::string& workshop_id, const std::string& text,
                       const std::string& staff_token);
// Names the city departments the workshop concerns (set by the secretariat): city-service staff
// of those departments may then propose its mandate. Throws on any error.
void name_departments(const std::string& workshop_id, const std::vector<std::string>& departments,
                      const std::string& staff_token);

// A new assembly (named from `prefix`) with six members drawn, seated, and known to the
// recommendations service as its electorate. Throws on any error.
struct SeatedSix {
  std::string assembly_id;
  nlohmann::json members;  // active, from membership
};
SeatedSix seat_six(const std::string& prefix, const std::string& staff_token);

// Six members seated (seat_six) and the first workshop's mandate adopted by a plenary (its
// notebook submitted, the executive's mandate voted): recommendations can be drafted there.
// Throws on any error.
struct MandatedWorkshop {
  std::string assembly_id, motion_id, workshop_id, theme, plenary_id;
  nlohmann::json members;  // the six, active
};
MandatedWorkshop mandated_workshop(const std::string& prefix, const std::string& staff_token);

// A motion on its way to the Council, played through the real services: six members seated; the
// first workshop's mandate adopted by a plenary; a recommendation drafted by one of its members,
// adopted and handed over; the motion carrying it (two spokespersons) voted by the plenary and
// sent to the Council; follow-up has its dossier. Throws on any error.
struct CouncilMotion {
  std::string assembly_id, motion_id, workshop_id, theme, recommendation_id, dossier_id;
  nlohmann::json members;  // the six, active
};
CouncilMotion motion_sent_to_council(const std::string& staff_token, const std::string& title);

// An invitation draw made by the running sortition service the way the secretariat does it: a
// synthetic roll of `roll` people imported, `invited` of them drawn; the letters' response codes
// (XXXXX-XXXXX) in draw order, from the mailing list. `per_address` voters share each address (one
// household: a panel takes at most one of them). Throws on any error.
struct InvitationCodes {
  std::string invitation_draw_id;
  std::vector<std::string> codes;
};
InvitationCodes invitation_codes(const std::string& assembly_id, int roll, int invited,
                                 int per_address = 1);

// A panel drawn by the running sortition service the way the secretariat does it: a synthetic
// roll imported, an invitation draw, respondents answering by phone (their criteria from
// `criteria(i)`, an e-mail address each),
// a quota set and a selection drawn (LEXIMIN; with draw false, only created: its seed is
// panel_seed). `per_address` as for invitation_codes. Fails the calling test on any error.
struct SelectionPanel {
  std::string selection_id, invitation_draw_id, panel_seed;
  std::map<std::string, nlohmann::json> criteria;  // person id -> the respondent's criteria
};
SelectionPanel draw_selection_panel(const std::string& assembly_id, int roll, int invited,
                                    int respondents, int seats, const std::string& quotas_csv,
                                    const std::function<nlohmann::json(int)>& criteria,
                                    int per_address = 1, bool draw = true);

}  // namespace e2e
