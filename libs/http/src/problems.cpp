#include "assembly/http/problems.h"

#include "assembly/core/html.h"

namespace assembly::http {

const std::vector<ProblemType>& problem_types() {
  static const std::vector<ProblemType> types = {
      {"bad-request", 400, "Bad request",
       "The request could not be read: malformed JSON, a missing or malformed query parameter, or "
       "a CSV line that does not parse.",
       "Correct the request as `detail` and `errors` say (each entry names the field as a JSON "
       "pointer, the parameter or the line) and send it again."},
      {"unauthorized", 401, "Unauthorized",
       "The route needs a bearer token, and none was given, or it is expired, not yet valid, or "
       "not signed by the identity provider the service trusts.",
       "Sign in again to get a fresh token and send it in the Authorization header."},
      {"forbidden", 403, "Forbidden",
       "The token is valid, but its roles do not allow this route, or the object is not yours (a "
       "member reads and changes only their own record).",
       "Ask the secretariat for the role you need, or act on your own record."},
      {"not-found", 404, "Not found", "There is no resource at this address, or no longer.",
       "Check the identifier; lists give the current ones."},
      {"method-not-allowed", 405, "Method not allowed",
       "The address exists but does not take this HTTP method; the Allow header lists those it "
       "takes.",
       "Use one of the methods the Allow header lists."},
      {"conflict", 409, "Conflict",
       "The request is valid, but the state of the resource does not allow it now (a closed "
       "ballot, a member who already confirmed, a session that was cancelled).",
       "Read the resource again to see its state; `detail` says what stands in the way."},
      {"gone", 410, "Gone",
       "The resource existed but is no longer kept: its time was up (files holding personal data "
       "are kept only so long), or it was erased on purpose.",
       "Make it again if it is still needed (for invitation letters: start another job)."},
      {"payload-too-large", 413, "Payload too large",
       "The request body is above this route's limit.",
       "Send less at once: large imports go in parts."},
      {"unsupported-media-type", 415, "Unsupported media type",
       "The body's Content-Type is not one this route reads (application/json for most).",
       "Send the body with the Content-Type the API documentation gives."},
      {"unprocessable-entity", 422, "Unprocessable entity",
       "The request was read, but some of its values are not acceptable. `errors` lists every "
       "field at fault, each with a JSON pointer (`/quotas/2/min`) and what is wrong with it.",
       "Correct every field `errors` names, then send the request again; nothing was changed."},
      {"too-many-requests", 429, "Too many requests",
       "Too many requests came from your address in a short time.",
       "Wait for the number of seconds the Retry-After header gives, then try again."},
      {"internal-error", 500, "Internal error",
       "The service failed to answer for a reason of its own; the failure is in its log.",
       "Try again later; if it persists, tell the city's IT team the time and the address."},
      {"service-unavailable", 503, "Service unavailable",
       "The service cannot answer now: its database or message broker is unreachable, it is "
       "starting or stopping, or it is making as many of the answers asked for (a pool's "
       "snapshot) as it makes at once. Nothing was changed.",
       "Try again after the number of seconds the Retry-After header gives, or in a few seconds."},
      {"error", 0, "Error", "The request failed.", "`detail` says why."},
  };
  return types;
}

const ProblemType& problem_type_of(int status) {
  for (const auto& t : problem_types())
    if (t.status == status) return t;
  if (status >= 500) return *find_problem_type("internal-error");
  return *find_problem_type("error");
}

const ProblemType* find_problem_type(std::string_view slug) {
  for (const auto& t : problem_types())
    if (t.slug == slug) return &t;
  return nullptr;
}

namespace {
// Escaped text whose `quoted` names become <code>: the catalogue writes field names so.
std::string prose(std::string_view text) {
  auto escaped = core::html_escape(std::string(text));
  std::string out;
  bool open = false;
  for (char c : escaped) {
    if (c == '`') {
      out += open ? "</code>" : "<code>";
      open = !open;
    } else {
      out.push_back(c);
    }
  }
  if (open) out += "</code>";
  return out;
}
}  // namespace

std::string problem_page(const ProblemType& t) {
  using core::html_escape;
  const std::string title = html_escape(std::string(t.title));
  std::string status = t.status ? std::to_string(t.status) + " " : "";
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
         status + title + " — problem type</title>\n</head>\n<body>\n<main>\n<h1>" + status +
         title + "</h1>\n<p>Problem type <code>/problems/" + html_escape(std::string(t.slug)) +
         "</code> of the citizens' assembly suite's API (RFC 9457 problem details).</p>\n"
         "<h2>What it means</h2>\n<p>" +
         prose(t.meaning) + "</p>\n<h2>What to do</h2>\n<p>" + prose(t.what_to_do) +
         "</p>\n<h2>The answer's fields</h2>\n<dl>\n"
         "<dt><code>type</code></dt><dd>this page's address</dd>\n"
         "<dt><code>title</code>, <code>status</code></dt><dd>as above</dd>\n"
         "<dt><code>detail</code></dt><dd>what went wrong in this case</dd>\n"
         "<dt><code>errors</code></dt><dd>for invalid input, every field at fault: "
         "<code>pointer</code> (a JSON pointer, a query parameter or a CSV line) and "
         "<code>detail</code></dd>\n"
         "</dl>\n</main>\n</body>\n</html>\n";
}

}  // namespace assembly::http
