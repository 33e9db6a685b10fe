#include "domain/messages.h"

#include <algorithm>
#include <stdexcept>

#include "assembly/core/html.h"
#include "assembly/core/icalendar.h"

namespace notifications::domain {

namespace {

constexpr std::pair<Kind, std::string_view> kKindNames[] = {
    {Kind::confirmation_request, "confirmation-request"},
    {Kind::confirmation_reminder, "confirmation-reminder"},
    {Kind::replacement_drawn, "replacement-drawn"},
    {Kind::report_published, "report-published"},
    {Kind::session_scheduled, "session-scheduled"},
    {Kind::session_moved, "session-moved"},
    {Kind::session_cancelled, "session-cancelled"},
    {Kind::session_reminder, "session-reminder"},
    {Kind::milestone_overdue, "milestone-overdue"},
    {Kind::ballot_opened, "ballot-opened"},
    {Kind::ballot_closed, "ballot-closed"},
};
constexpr std::pair<State, std::string_view> kStateNames[] = {
    {State::pending, "pending"},     {State::sending, "sending"}, {State::sent, "sent"},
    {State::uncertain, "uncertain"}, {State::refused, "refused"}, {State::skipped, "skipped"},
    {State::waiting, "waiting"},
};

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// {{key}} replaced by its value, escaped by `escape`; a key not given throws.
template <typename Escape>
std::string fill(std::string_view text, const std::map<std::string, std::string>& params,
                 Escape escape) {
  std::string out;
  std::size_t at = 0;
  while (true) {
    const auto open = text.find("{{", at);
    if (open == std::string_view::npos) break;
    const auto close = text.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    out.append(text.substr(at, open - at));
    const std::string key = trim(text.substr(open + 2, close - open - 2));
    auto it = params.find(key);
    if (it == params.end())
      throw std::invalid_argument("the template uses {{" + key + "}}, not given");
    out += escape(it->second);
    at = close + 2;
  }
  out.append(text.substr(at));
  return out;
}

std::string same(const std::string& s) {
  return s;
}

std::vector<std::string> paragraphs(std::string_view body) {
  std::vector<std::string> out;
  std::string current;
  std::size_t at = 0;
  while (at <= body.size()) {
    auto nl = body.find('\n', at);
    if (nl == std::string_view::npos) nl = body.size();
    auto line = body.substr(at, nl - at);
    if (trim(line).empty()) {
      if (!current.empty()) out.push_back(current);
      current.clear();
    } else {
      if (!current.empty()) current += '\n';
      current += std::string(line.substr(0, line.find_last_not_of("\r") + 1));
    }
    at = nl + 1;
  }
  if (!current.empty()) out.push_back(current);
  return out;
}

// "[[label|url]]" alone in its paragraph: {label, url}.
std::optional<std::pair<std::string, std::string>> button(const std::string& p) {
  auto t = trim(p);
  if (t.size() < 5 || t.rfind("[[", 0) != 0 || t.substr(t.size() - 2) != "]]") return std::nullopt;
  auto inner = t.substr(2, t.size() - 4);
  auto bar = inner.find('|');
  if (bar == std::string::npos) return std::nullopt;
  return std::make_pair(trim(inner.substr(0, bar)), trim(inner.substr(bar + 1)));
}

std::string base64(std::string_view in, bool wrap) {
  static constexpr char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t line = 0;
  for (std::size_t i = 0; i < in.size(); i += 3) {
    const unsigned a = static_cast<unsigned char>(in[i]);
    const unsigned b = i + 1 < in.size() ? static_cast<unsigned char>(in[i + 1]) : 0;
    const unsigned c = i + 2 < in.size() ? static_cast<unsigned char>(in[i + 2]) : 0;
    const unsigned n = (a << 16) | (b << 8) | c;
    out += abc[(n >> 18) & 63];
    out += abc[(n >> 12) & 63];
    out += i + 1 < in.size() ? abc[(n >> 6) & 63] : '=';
    out += i + 2 < in.size() ? abc[n & 63] : '=';
    line += 4;
    if (wrap && line >= 76) {
      out += "\r\n";
      line = 0;
    }
  }
  if (wrap && line > 0) out += "\r\n";
  return out;
}

bool plain_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f;
  });
}

// No CR or LF inside a header value: a value cannot add a header.
std::string one_line(std::string_view s) {
  std::string out(s);
  std::replace(out.begin(), out.end(), '\r', ' ');
  std::replace(out.begin(), out.end(), '\n', ' ');
  return out;
}

std::string mailbox(const std::string& name, const std::string& address) {
  if (name.empty()) return "<" + one_line(address) + ">";
  if (plain_ascii(name) && name.find_first_of("\"\\()<>,;:@[]") == std::string::npos)
    return one_line(name) + " <" + one_line(address) + ">";
  return header_word(name) + " <" + one_line(address) + ">";
}

}  // namespace

std::string_view name(Kind k) {
  for (const auto& [kind, n] : kKindNames)
    if (kind == k) return n;
  return "";
}

std::optional<Kind> kind_named(std::string_view n) {
  for (const auto& [kind, text] : kKindNames)
    if (text == n) return kind;
  return std::nullopt;
}

bool mandatory(Kind k) {
  return k != Kind::report_published && k != Kind::session_scheduled &&
         k != Kind::session_reminder && k != Kind::ballot_opened && k != Kind::ballot_closed;
}

std::string_view name(State s) {
  for (const auto& [state, n] : kStateNames)
    if (state == s) return n;
  return "";
}

std::optional<State> state_named(std::string_view n) {
  for (const auto& [state, text] : kStateNames)
    if (text == n) return state;
  return std::nullopt;
}

Rendered render(std::string_view template_text, std::string_view html_layout,
                std::string_view footer_text, const std::map<std::string, std::string>& params) {
  const auto first_nl = template_text.find('\n');
  const auto first = trim(template_text.substr(0, first_nl));
  if (first.rfind("Subject:", 0) != 0)
    throw std::invalid_argument("a template begins with a line \"Subject: ...\"");
  Rendered r;
  r.subject = one_line(fill(trim(first.substr(8)), params, same));
  const auto body =
      first_nl == std::string_view::npos ? std::string_view{} : template_text.substr(first_nl + 1);
  std::string html_body;
  for (const auto& p : paragraphs(body)) {
    if (auto b = button(p)) {
      const auto label = fill(b->first, params, same);
      const auto url = fill(b->second, params, same);
      r.text += label + " : " + url + "\n\n";
      html_body += "<p style=\"margin:24px 0;\"><a href=\"" + assembly::core::html_escape(url) +
                   "\" style=\"display:inline-block;background:#000091;color:#ffffff;"
                   "padding:8px 16px;text-decoration:none;font-weight:500;\">" +
                   assembly::core::html_escape(label) + "</a></p>\n";
    } else {
      r.text += fill(p, params, same) + "\n\n";
      auto escaped = fill(p, params, assembly::core::html_escape);
      std::string with_breaks;
      for (char c : escaped) with_breaks += c == '\n' ? std::string("<br>\n") : std::string(1, c);
      html_body += "<p>" + with_breaks + "</p>\n";
    }
  }
  const auto footer = fill(footer_text, params, same);
  r.text += "-- \n" + footer + "\n";
  std::map<std::string, std::string> frame;
  for (const auto& [k, v] : params) frame[k] = assembly::core::html_escape(v);
  frame["subject"] = assembly::core::html_escape(r.subject);
  frame["body"] = html_body;
  frame["footer"] = assembly::core::html_escape(footer);
  r.html = fill(html_layout, frame, same);
  return r;
}

std::optional<std::map<std::string, std::string>> parse_addresses(std::string_view list,
                                                                  std::string* wrong) {
  std::map<std::string, std::string> out;
  std::size_t at = 0;
  while (at < list.size()) {
    auto comma = list.find(',', at);
    if (comma == std::string_view::npos) comma = list.size();
    const auto item = trim(list.substr(at, comma - at));
    at = comma + 1;
    if (item.empty()) continue;
    const auto eq = item.find('=');
    const auto code = eq == std::string::npos ? "" : trim(item.substr(0, eq));
    const auto address = eq == std::string::npos ? "" : trim(item.substr(eq + 1));
    if (code.empty() || address.find('@') == std::string::npos ||
        address.find_first_of(" <>\r\n") != std::string::npos) {
      if (wrong) *wrong = item;
      return std::nullopt;
    }
    out[code] = address;
  }
  return out;
}

std::string header_word(std::string_view value) {
  if (plain_ascii(value)) return one_line(value);
  return "=?UTF-8?B?" + base64(one_line(value), false) + "?=";
}

std::pair<std::string, std::string> parse_mailbox(std::string_view mb) {
  auto s = trim(mb);
  const auto lt = s.rfind('<');
  const auto gt = s.rfind('>');
  if (lt != std::string::npos && gt != std::string::npos && gt > lt) {
    auto name = trim(s.substr(0, lt));
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"')
      name = name.substr(1, name.size() - 2);
    return {name, trim(s.substr(lt + 1, gt - lt - 1))};
  }
  return {"", s};
}

std::string compose(const Envelope& e, const Rendered& r, std::string_view boundary,
                    const Attachment* attachment) {
  std::string m;
  auto header = [&m](std::string_view name, const std::string& value) {
    m.append(name).append(": ").append(value).append("\r\n");
  };
  header("From", mailbox(e.from_name, e.from_address));
  header("To", mailbox(e.to_name, e.to_address));
  header("Subject", header_word(r.subject));
  header("Date", one_line(e.date));
  header("Message-ID", "<" + one_line(e.message_id) + ">");
  header("MIME-Version", "1.0");
  if (!e.language.empty()) header("Content-Language", one_line(e.language));
  header("Auto-Submitted", "auto-generated");
  if (!e.list_unsubscribe.empty()) {
    header("List-Unsubscribe", "<" + one_line(e.list_unsubscribe) + ">");
  }
  const std::string b(boundary);
  const std::string outer = b + "_m";
  if (attachment) {
    header("Content-Type", "multipart/mixed; boundary=\"" + outer + "\"");
    m += "\r\n--" + outer + "\r\n";
  }
  header("Content-Type", "multipart/alternative; boundary=\"" + b + "\"");
  m += "\r\n";
  m += "--" + b +
       "\r\nContent-Type: text/plain; charset=utf-8\r\n"
       "Content-Transfer-Encoding: base64\r\n\r\n";
  m += base64(r.text, true);
  m += "--" + b +
       "\r\nContent-Type: text/html; charset=utf-8\r\n"
       "Content-Transfer-Encoding: base64\r\n\r\n";
  m += base64(r.html, true);
  m += "--" + b + "--\r\n";
  if (attachment) {
    const auto name = one_line(attachment->file_name);
    m += "--" + outer + "\r\nContent-Type: " + one_line(attachment->content_type) +
         "; charset=utf-8; name=\"" + name + "\"\r\nContent-Disposition: attachment; filename=\"" +
         name + "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    m += base64(attachment->data, true);
    m += "--" + outer + "--\r\n";
  }
  return m;
}

std::string icalendar(const CalendarEvent& e) {
  using assembly::core::ics_escape;
  using assembly::core::ics_fold;
  using assembly::core::ics_time;
  std::string out;
  out += ics_fold("BEGIN:VCALENDAR");
  out += ics_fold("VERSION:2.0");
  out += ics_fold("PRODID:-//Assemblee citoyenne//notifications//FR");
  out += ics_fold(std::string("METHOD:") + (e.cancelled ? "CANCEL" : "REQUEST"));
  out += ics_fold("BEGIN:VEVENT");
  out += ics_fold("UID:" + ics_escape(e.uid));
  out += ics_fold("SEQUENCE:" + std::to_string(e.sequence));
  out += ics_fold("DTSTAMP:" + ics_time(e.stamp));
  out += ics_fold("DTSTART:" + ics_time(e.starts_at));
  out += ics_fold("DTEND:" + ics_time(e.ends_at));
  out += ics_fold("SUMMARY:" + ics_escape(e.title));
  if (!e.place.empty()) out += ics_fold("LOCATION:" + ics_escape(e.place));
  if (!e.organizer.empty()) out += ics_fold("ORGANIZER:mailto:" + e.organizer);
  out += ics_fold(std::string("STATUS:") + (e.cancelled ? "CANCELLED" : "CONFIRMED"));
  out += ics_fold("END:VEVENT");
  out += ics_fold("END:VCALENDAR");
  return out;
}

Outcome outcome_of(long smtp_code, bool transport_error) {
  // The server refusing the service itself (530 STARTTLS or authentication required, 534, 535
  // credentials refused, 538): a configuration to mend, not a refused message; it waits.
  if (smtp_code == 530 || smtp_code == 534 || smtp_code == 535 || smtp_code == 538)
    return Outcome::retry;
  if (smtp_code >= 500 && smtp_code < 600) return Outcome::refused;
  if (!transport_error && smtp_code >= 200 && smtp_code < 300) return Outcome::sent;
  return Outcome::retry;
}

int backoff_seconds(int attempts) {
  int s = 30;
  for (int i = 1; i < attempts && s < 3600; ++i) s *= 2;
  return std::min(s, 3600);
}

}  // namespace notifications::domain
