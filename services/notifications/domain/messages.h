#pragma once
// What the notifications service decides, without I/O: the kinds of message and which of them a
// member may refuse, the rendering of a template into the subject, the plain text and the HTML
// of an e-mail, the e-mail itself (RFC 5322, MIME), and what an SMTP answer means for a message.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace notifications::domain {

enum class Kind {
  confirmation_request,   // a drawn member is asked to confirm (mandatory)
  confirmation_reminder,  // no answer after some days (mandatory)
  replacement_drawn,      // a replacement is told they were drawn (mandatory)
  report_published,       // a follow-up report: the droit de suite (optional)
  session_scheduled,      // a session of the member's workshop, or a plenary (optional)
  session_moved,          // its time changed (mandatory)
  session_cancelled,      // cancelled (mandatory)
  session_reminder,       // the day before (optional)
  milestone_overdue,      // a commitment's milestone is late: to its department and the
                          // secretariat (staff mailboxes of the configuration; mandatory)
  ballot_opened,          // a vote opened online for the member (optional)
  ballot_closed,          // its result (optional)
};
inline constexpr Kind kAllKinds[] = {
    Kind::confirmation_request, Kind::confirmation_reminder, Kind::replacement_drawn,
    Kind::report_published,     Kind::session_scheduled,     Kind::session_moved,
    Kind::session_cancelled,    Kind::session_reminder,      Kind::milestone_overdue,
    Kind::ballot_opened,        Kind::ballot_closed};

std::string_view name(Kind k);  // "confirmation-request", ...
std::optional<Kind> kind_named(std::string_view name);
// A mandatory message always goes; an optional one only to whom did not refuse it.
bool mandatory(Kind k);

// Where a message stands. pending: to send (again) at next_attempt_at; sending: claimed by a
// sender, the SMTP exchange under way; sent; uncertain: a sender stopped during the exchange, so
// whether it left is not known (never sent again by itself: the secretariat may resend it);
// refused: the mail server refused it for good (5xx), or no address; skipped: refused by the
// member's preferences, or a channel other than e-mail; waiting: no contact details yet (sent
// once the member gives some).
enum class State { pending, sending, sent, uncertain, refused, skipped, waiting };
inline constexpr State kAllStates[] = {State::pending,   State::sending, State::sent,
                                       State::uncertain, State::refused, State::skipped,
                                       State::waiting};
std::string_view name(State s);
std::optional<State> state_named(std::string_view name);

// A template file: its first line "Subject: ...", a blank line, then paragraphs separated by blank
// lines. `{{key}}` is replaced by params[key] (a key not given is an error: a template and its
// cause must agree); a paragraph "[[label|url]]" alone is the message's button (a link in the
// plain text). The HTML is the layout with `{{subject}}`, `{{body}}` and `{{footer}}` filled,
// every value escaped.
struct Rendered {
  std::string subject;
  std::string text;
  std::string html;
};
Rendered render(std::string_view template_text, std::string_view html_layout,
                std::string_view footer_text, const std::map<std::string, std::string>& params);

// The e-mail as sent: headers and a multipart/alternative body (plain text, then HTML), UTF-8,
// base64 parts. `list_unsubscribe`, when not empty, is the address where an optional message is
// refused (the List-Unsubscribe header).
struct Envelope {
  std::string from_name, from_address;
  std::string to_name, to_address;
  std::string message_id;  // without the angle brackets: "<id>@<domain>"
  std::string date;        // RFC 5322 date
  std::string list_unsubscribe;
  std::string language;  // Content-Language
};
// An attached file (an iCalendar event): sent as multipart/mixed around the alternative.
struct Attachment {
  std::string file_name, content_type, data;
};
std::string compose(const Envelope& e, const Rendered& r, std::string_view boundary,
                    const Attachment* attachment = nullptr);

// A session as an iCalendar (RFC 5545) object for the members' calendars: METHOD:REQUEST with
// the session's UID and SEQUENCE (a later one replaces the earlier in the calendar), or
// METHOD:CANCEL when `cancelled`. Times are UTC ("2026-12-07T18:00:00Z"); `stamp` likewise.
struct CalendarEvent {
  std::string uid, title, starts_at, ends_at, place, organizer, stamp;
  unsigned sequence = 0;
  bool cancelled = false;
};
std::string icalendar(const CalendarEvent& e);

// "Name <address>" or "address": the sender identity of the configuration.
std::pair<std::string, std::string> parse_mailbox(std::string_view mailbox);

// An SMTP answer: what becomes of the message. 2xx: sent; 5xx: refused for good, but for the
// server refusing the service itself (530, 534, 535, 538: TLS or authentication required,
// credentials refused), a configuration to mend; that and anything else (4xx, no answer, a lost
// connection): tried again later.
enum class Outcome { sent, retry, refused };
Outcome outcome_of(long smtp_code, bool transport_error);

// The wait before the attempt after `attempts` failed ones: 30 s doubling, at most 1 h.
int backoff_seconds(int attempts);

// Recipients that are not members: a city department's mailbox ("department:<code>") and the
// secretariat's ("secretariat"), whose addresses are in the configuration (staff mailboxes, not
// personal data). kDepartmentPrefix + code names a department.
inline constexpr std::string_view kDepartmentPrefix = "department:";
inline constexpr std::string_view kSecretariat = "secretariat";
// "DVD=voirie@paris.example,DAC=culture@paris.example": code -> address; nullopt names the first
// entry that is not "CODE=address".
std::optional<std::map<std::string, std::string>> parse_addresses(std::string_view list,
                                                                  std::string* wrong = nullptr);

// RFC 2047 encoded word for a header value that is not plain ASCII.
std::string header_word(std::string_view value);

}  // namespace notifications::domain
