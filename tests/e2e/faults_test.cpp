// The fault matrix: each row plays the same slice of an assembly's cycle against the running stack
// while one fault happens, then checks the ledger. The slice: a panel of 8 drawn under parity
// quotas (sortition), made members (membership), given e-mail addresses and invited (the
// notifications service e-mails each); then, while the fault happens, two members decline
// (sortition draws each a replacement by itself, membership invites it, notifications tells it) and
// the others accept; after it, the replacements accept, the eight are seated, a ballot is opened,
// each of the eight votes (the notifications service tells them it opened and its result), and it
// is closed.
//
// The ledger: every effect exactly once (ten members, one replacement per leaver, eight seated;
// one confirmation request per first member and one "you were drawn" per replacement; the ballot's
// eight votes counted once; no two e-mails where the service sent one; every message settled), no
// dead letter during the row, every consumer's lag back to zero, and every service ready again
// within kRecoveryTarget of the fault's end. Each row prints one line "fault-ledger: ..." with its
// figures (RELIABILITY.md's table).
//
// The rows stop, kill, pause and wipe parts of the shared stack: they run alone (RUN_SERIAL), and
// each leaves the stack whole again whatever happens. The brokers' rows need the cluster shape
// (KAFKA_NODES=3, what ops/test starts).
#include <gtest/gtest.h>
#include <sys/types.h>

#include <atomic>
#include <cctype>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "assembly/core/time.h"
#include "assembly/http/client.h"
#include "assembly/testing/process.h"
#include "assembly/testing/stack.h"
#include "e2e.h"

using assembly::itest::env;
using e2e::body_of;
using nlohmann::json;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

// Every service ready again, and the slice's effects all there, this long after the fault ends.
constexpr auto kRecoveryTarget = 30s;
// What a row may take beyond it before it fails (this machine is shared: the figure is printed).
constexpr auto kRecoveryLimit = 90s;

const std::string kFrom = "assemblee-citoyenne@paris.example";

int shell(const std::string& command) {
  return assembly::itest::shell(command);
}
std::string stack() {
  return env("ROOT") + "/ops/stack";
}

std::string output_of(const std::string& command) {
  std::string out;
  if (FILE* p = popen(command.c_str(), "r")) {
    char buf[4096];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
  }
  return out;
}

pid_t pid_in(const std::string& file) {
  std::ifstream in(file);
  long pid = 0;
  in >> pid;
  return static_cast<pid_t>(pid);
}

double seconds(Clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

// What the slice's calls met during a row: how many went unanswered (no answer, or 5xx), and the
// slowest one. A row whose fault left no trace at all did not test anything: each row says what
// its fault must have done (Fault::bit).
struct Disturbance {
  std::atomic<int> unanswered{0};
  std::atomic<long> slowest_ms{0};
};
Disturbance observed;

// A call made again while the service does not answer (0) or answers 5xx, up to `budget`. A call
// whose answer was lost may have been done: `done_if_conflict` takes a 409 on a retry as done.
assembly::itest::HttpResponse until_answered(
    const std::function<assembly::itest::HttpResponse()>& call, bool done_if_conflict = false,
    std::chrono::seconds budget = 120s) {
  const auto deadline = Clock::now() + budget;
  bool retried = false;
  for (;;) {
    const auto t0 = Clock::now();
    auto r = call();
    const long ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
    for (long was = observed.slowest_ms;
         ms > was && !observed.slowest_ms.compare_exchange_weak(was, ms);) {
    }
    if (r.status == 0 || r.status >= 500) ++observed.unanswered;
    if (r.status == 409 && retried && done_if_conflict) r.status = 200;
    if ((r.status != 0 && r.status < 500) || Clock::now() > deadline) return r;
    retried = true;
    std::this_thread::sleep_for(500ms);
  }
}

// Every message of the dead-letter topic, "partition:offset" each.
std::set<std::string> dead_letters() {
  std::set<std::string> out;
  std::istringstream in(output_of("kcat -b '" + env("KAFKA_BROKERS") +
                                  "' -C -t assembly.deadletter.v1 -o beginning -e -q "
                                  "-f '%p:%o\\n' 2>/dev/null"));
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.insert(line);
  return out;
}

// The sum of a service's consumer lag gauges (NaN when its metrics do not answer).
double consumer_lag(const std::string& service) {
  const auto text = e2e::metrics(service);
  if (text.empty()) return std::nan("");
  const std::string name = service + "_consumer_lag_messages{";
  double sum = 0;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (line.rfind(name, 0) == 0) sum += std::stod(line.substr(line.rfind(' ') + 1));
  return sum;
}

bool all_ready() {
  for (const auto& s : e2e::services())
    if (e2e::get(s, "/readyz").status != 200) return false;
  return true;
}

bool lag_is_zero() {
  for (const auto& s : e2e::services())
    if (consumer_lag(s) != 0) return false;
  return true;
}

// A fault: begin() while the slice is in flight; end() after `hold` (on a thread of its own, so
// the slice's calls go on meanwhile); restore() whatever happened (the stack is shared).
struct Fault {
  std::string name;
  std::function<void()> begin;
  std::chrono::milliseconds hold;
  std::function<void()> end;
  std::function<void()> restore = [] {};
  // Something to check once the slice is over (the cluster re-replicated...): "" when it holds.
  std::function<std::string()> healed = [] { return std::string(); };
  // Whether the fault visibly happened: "" when it did, else what is missing.
  std::function<std::string()> bit = [] {
    return observed.unanswered > 0 ? std::string() : "no call of the slice went unanswered";
  };
  // What the row saw of its fault, for its ledger line ("" when nothing more than the calls).
  std::function<std::string()> seen = [] { return std::string(); };
};

std::string slower_than(long ms) {
  return observed.slowest_ms >= ms
             ? std::string()
             : "no call of the slice took " + std::to_string(ms) + " ms or more (slowest " +
                   std::to_string(observed.slowest_ms.load()) + " ms)";
}

json members_of(const std::string& assembly_id, const std::string& staff) {
  auto r = until_answered([&] {
    return e2e::get("membership", "/v1/members?assembly_id=" + assembly_id + "&limit=100", staff);
  });
  return r.status == 200 ? body_of(r)["items"] : json::array();
}

// The notifications service's messages of the assembly (chunked answers: the suite's client).
json messages_of(const std::string& assembly_id, const std::string& staff) {
  auto r = assembly::http::client::send(
      {"GET",
       e2e::url("notifications") + "/v1/messages?limit=500&assembly_id=" + assembly_id,
       {{"Authorization", "Bearer " + staff}}});
  return r.status == 200 ? json::parse(r.body)["items"] : json();
}

// The e-mails the service sent to the address, as the mail server holds them.
int mails_from_service(const std::string& address) {
  int n = 0;
  for (const auto& m : e2e::mails_to(address))
    if (m["From"]["Address"] == kFrom) ++n;
  return n;
}

std::string address_of(const std::string& assembly_id, const std::string& member_id) {
  return assembly_id + "." + member_id.substr(0, 8) + "@faults.example";
}

void put_contact(const std::string& assembly_id, const std::string& member_id,
                 const std::string& staff) {
  auto r = until_answered([&] {
    return e2e::put("membership", "/v1/members/" + member_id + "/contact",
                    {{"email", address_of(assembly_id, member_id)}, {"preferred_channel", "email"}},
                    staff);
  });
  ASSERT_EQ(r.status, 200) << r.body;
}

std::string in_an_hour() {
  const std::time_t t = std::time(nullptr) + 3600;
  char buf[32];
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Plays the slice with the fault and checks the ledger.
void play(Fault fault) {
  struct Restore {
    Fault& f;
    ~Restore() { f.restore(); }
  } restore{fault};
  const auto staff = e2e::token("secretariat", "secretariat-faults");
  ASSERT_TRUE(e2e::eventually(all_ready, 90s)) << "the stack is not ready before the row";
  const auto dead_before = dead_letters();
  const auto assembly_id = e2e::fresh("faults");

  // Before the fault: the panel, its members with an address, invited.
  auto drawn = e2e::draw_selection_panel(
      assembly_id, 40, 24, 16, 8, "feature,value,min,max\ngender,F,4,4\ngender,M,4,4\n", [](int i) {
        return json{{"gender", i % 2 ? "F" : "M"}};
      });
  json first;
  ASSERT_TRUE(e2e::eventually(
      [&] {
        first = members_of(assembly_id, staff);
        return first.size() == 8;
      },
      60s))
      << "membership made the 8 selected people members: " << first.dump();
  for (const auto& m : first) put_contact(assembly_id, m["id"], staff);
  auto invited = e2e::post("membership", "/v1/assemblies/" + assembly_id + "/bulk-actions",
                           {{"action", "invite"}}, staff);
  ASSERT_EQ(invited.status, 200) << invited.body;

  // The fault, while two members decline and the others accept.
  const std::vector<std::string> leavers = {first[0]["id"], first[1]["id"]};
  std::atomic<bool> ended{false};
  Clock::time_point fault_end;
  observed.unanswered = 0;
  observed.slowest_ms = 0;
  fault.begin();
  if (::testing::Test::HasFatalFailure()) return;
  std::thread ender([&] {
    std::this_thread::sleep_for(fault.hold);
    fault.end();
    fault_end = Clock::now();
    ended = true;
  });
  struct Join {
    std::thread& t;
    ~Join() {
      if (t.joinable()) t.join();
    }
  } join{ender};
  for (const auto& id : leavers) {
    auto r = until_answered(
        [&] {
          return e2e::post("membership", "/v1/members/" + id + "/decline",
                           {{"reason", "no time this year"}}, staff);
        },
        true);
    EXPECT_EQ(r.status, 200) << "decline " << id << ": " << r.body;
  }
  for (std::size_t i = 2; i < first.size(); ++i) {
    const std::string id = first[i]["id"];
    auto r = until_answered(
        [&] {
          return e2e::post("membership", "/v1/members/" + id + "/confirm", json::object(), staff);
        },
        true);
    EXPECT_EQ(r.status, 200) << "confirm " << id << ": " << r.body;
  }
  ender.join();
  const int unanswered = observed.unanswered;
  const long slowest = observed.slowest_ms;
  EXPECT_EQ(fault.bit(), "") << "the fault did not visibly happen";

  // Recovery: every service ready again.
  const bool ready = e2e::eventually(all_ready, kRecoveryLimit);
  const double ready_after = seconds(Clock::now() - fault_end);
  ASSERT_TRUE(ready) << "a service is not ready " << kRecoveryLimit.count()
                     << " s after the fault ended";

  // The replacements, one per leaver, come back to membership by themselves.
  std::map<std::string, std::vector<std::string>> replaced;  // leaver -> replacements
  ASSERT_TRUE(e2e::eventually(
      [&] {
        replaced.clear();
        const auto all = members_of(assembly_id, staff);
        for (const auto& m : all)
          if (m.contains("replaces") && m["replaces"].is_string())
            replaced[m["replaces"]].push_back(m["id"]);
        return replaced.size() == 2;
      },
      kRecoveryLimit))
      << "a leaver was not replaced";
  const double replaced_after = seconds(Clock::now() - fault_end);
  std::vector<std::string> replacements;
  for (const auto& [leaver, by] : replaced) {
    EXPECT_EQ(by.size(), 1u) << "leaver " << leaver << " replaced " << by.size() << " times";
    replacements.insert(replacements.end(), by.begin(), by.end());
  }
  for (const auto& id : replacements) {
    put_contact(assembly_id, id, staff);
    ASSERT_TRUE(e2e::eventually(
        [&] {
          const auto all = members_of(assembly_id, staff);
          for (const auto& m : all)
            if (m["id"] == id) return m["status"] == "invited";
          return false;
        },
        60s))
        << "the replacement " << id << " was not invited";
    auto r = until_answered([&] {
      return e2e::post("membership", "/v1/members/" + id + "/confirm", json::object(), staff);
    });
    EXPECT_EQ(r.status, 200) << r.body;
  }

  // Seated, known to recommendations as the electorate, a ballot each votes in once.
  auto seated = until_answered([&] {
    return e2e::post("membership", "/v1/assemblies/" + assembly_id + "/bulk-actions",
                     {{"action", "activate"}}, staff);
  });
  ASSERT_EQ(seated.status, 200) << seated.body;
  json active;
  ASSERT_TRUE(e2e::eventually(
      [&] {
        auto r = e2e::get("membership", "/v1/members?assembly_id=" + assembly_id + "&status=active",
                          staff);
        if (r.status != 200) return false;
        active = body_of(r)["items"];
        return active.size() == 8;
      },
      60s))
      << "eight members seated: " << active.dump();
  ASSERT_TRUE(e2e::eventually(
      [&] {
        auto r = e2e::get("recommendations", "/v1/electorate?assembly_id=" + assembly_id, staff);
        return r.status == 200 && body_of(r)["member_ids"].size() == 8;
      },
      60s))
      << "recommendations did not learn the eight members";
  auto opened = e2e::post("recommendations", "/v1/ballots",
                          {{"assembly_id", assembly_id},
                           {"question", "Adopte-t-on la proposition ?"},
                           {"rule", "simple-majority"},
                           {"quorum", 0},
                           {"secret", false},
                           {"closes_at", in_an_hour()}},
                          staff);
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::string ballot = body_of(opened)["id"];
  for (const auto& m : active) {
    auto r = e2e::post("recommendations", "/v1/ballots/" + ballot + "/votes", {{"choice", "for"}},
                       e2e::token("member", m["id"].get<std::string>()));
    EXPECT_EQ(r.status, 200) << r.body;
  }
  auto closed =
      e2e::post("recommendations", "/v1/ballots/" + ballot + "/close", json::object(), staff);
  ASSERT_EQ(closed.status, 200) << closed.body;
  auto results = body_of(e2e::get("recommendations", "/v1/ballots/" + ballot + "/results"));
  EXPECT_EQ(results["votes"].size(), 8u) << "each member's vote counted once: " << results.dump();

  // The ledger of members.
  const auto all = members_of(assembly_id, staff);
  std::map<std::string, int> by_status;
  for (const auto& m : all) ++by_status[m["status"].get<std::string>()];
  EXPECT_EQ(all.size(), 10u) << "8 drawn + 2 replacements, none doubled: " << all.dump();
  EXPECT_EQ(by_status["active"], 8);
  EXPECT_EQ(by_status["declined"], 2);

  // The ledger of messages: each cause once, every message settled, no two e-mails for one.
  std::map<std::string, json> message_of;  // member id + kind -> its messages
  json messages;
  const bool settled = e2e::eventually(
      [&] {
        messages = messages_of(assembly_id, staff);
        if (!messages.is_array()) return false;
        int confirmations = 0, drawn_ones = 0, ballots_closed = 0;
        for (const auto& m : messages) {
          const std::string state = m["state"];
          if (state == "pending" || state == "sending" || state == "waiting") return false;
          if (m["kind"] == "confirmation-request") ++confirmations;
          if (m["kind"] == "replacement-drawn") ++drawn_ones;
          if (m["kind"] == "ballot-closed") ++ballots_closed;
        }
        return confirmations >= 8 && drawn_ones >= 2 && ballots_closed >= 8;
      },
      kRecoveryLimit);
  const double settled_after = seconds(Clock::now() - fault_end);
  EXPECT_TRUE(settled) << "messages still to send: " << messages.dump();
  std::map<std::string, int> per_member_kind;
  std::map<std::string, int> sent_to_member;
  std::map<std::string, int> by_state;
  int uncertain = 0;
  for (const auto& m : messages) {
    ++by_state[m["state"].get<std::string>()];
    const std::string member = m.value("member_id", "");
    ++per_member_kind[member + " " + m["kind"].get<std::string>()];
    if (m["state"] == "sent") ++sent_to_member[member];
    if (m["state"] == "uncertain") ++uncertain;
    EXPECT_NE(m["state"], "refused") << m.dump();
  }
  for (const auto& [key, n] : per_member_kind) EXPECT_EQ(n, 1) << "messages for " << key;
  for (const auto& m : first)
    EXPECT_EQ(per_member_kind[m["id"].get<std::string>() + " confirmation-request"], 1)
        << "the confirmation request of " << m["id"];
  for (const auto& id : replacements)
    EXPECT_EQ(per_member_kind[id + " replacement-drawn"], 1) << "replacement " << id << " told";
  for (const auto& m : active) {
    const std::string id = m["id"];
    EXPECT_EQ(per_member_kind[id + " ballot-opened"], 1)
        << "elector " << id << " told of the ballot";
    EXPECT_EQ(per_member_kind[id + " ballot-closed"], 1) << "elector " << id << " told its result";
  }
  int mails = 0;
  for (const auto& m : all) {
    const std::string id = m["id"];
    const int held = mails_from_service(address_of(assembly_id, id));
    mails += held;
    // An uncertain message (the sender killed during the SMTP exchange) may or may not be there:
    // never twice.
    EXPECT_GE(held, sent_to_member[id]) << "a sent e-mail is missing for " << id;
    EXPECT_LE(held, per_member_kind.empty() ? 0 : sent_to_member[id] + uncertain)
        << "an e-mail was sent twice to " << id;
  }

  // No dead letter, the consumers caught up, and what the fault needs healed.
  const auto dead_after = dead_letters();
  int new_dead = 0;
  for (const auto& d : dead_after) new_dead += dead_before.count(d) ? 0 : 1;
  EXPECT_EQ(new_dead, 0) << "messages went to the dead-letter topic during the row";
  const bool caught_up = e2e::eventually(lag_is_zero, kRecoveryLimit);
  const double caught_up_after = seconds(Clock::now() - fault_end);
  EXPECT_TRUE(caught_up) << "a consumer's lag is not back to zero";
  const auto healed = fault.healed();
  EXPECT_EQ(healed, "");

  std::printf(
      "fault-ledger: %s | members %zu (active %d, declined %d), replacements %zu, votes %zu, "
      "messages %zu (sent %d, skipped %d, uncertain %d), e-mails %d, dead letters %d | during the "
      "fault: %d calls unanswered, slowest %.1f s | ready after %.1f s, "
      "replacements after %.1f s, messages settled after %.1f s, lag zero after %.1f s "
      "(target %lld s)%s%s\n",
      fault.name.c_str(), all.size(), by_status["active"], by_status["declined"],
      replacements.size(), results["votes"].size(), messages.size(), by_state["sent"],
      by_state["skipped"], uncertain, mails, new_dead, unanswered, slowest / 1000.0, ready_after,
      replaced_after, settled_after, caught_up_after,
      static_cast<long long>(kRecoveryTarget.count()), fault.seen().empty() ? "" : " | ",
      fault.seen().c_str());
  EXPECT_LE(ready_after, static_cast<double>(kRecoveryLimit.count()));
}

// ---- the faults ------------------------------------------------------------------------------

void kill_9(const std::string& service) {
  const std::string pidfile = env("ROOT") + "/var/run/" + service + ".pid";
  const pid_t pid = pid_in(pidfile);
  ASSERT_GT(pid, 0) << "no pid in " << pidfile;
  ASSERT_EQ(::kill(pid, SIGKILL), 0) << service;
}

// Each service killed (SIGKILL) in turn while the slice runs: the first as the fault begins; then,
// two seconds later, it is started again and the next one killed, and so on; the last started
// again ends the fault.
Fault kill_each_service_in_turn() {
  const auto services = e2e::services();
  auto pids = std::make_shared<std::map<std::string, pid_t>>();
  auto pid_of = [](const std::string& service) {
    return pid_in(env("ROOT") + "/var/run/" + service + ".pid");
  };
  return {"kill -9 of each service in turn",
          [=] {
            for (const auto& s : services) (*pids)[s] = pid_of(s);
            kill_9(services.front());
          },
          2s,
          [=] {
            for (std::size_t i = 0; i < services.size(); ++i) {
              EXPECT_EQ(shell(stack() + " start " + services[i] + " >/dev/null"), 0) << services[i];
              if (i + 1 < services.size()) {
                kill_9(services[i + 1]);
                std::this_thread::sleep_for(2s);
              }
            }
          },
          [=] {
            for (const auto& s : services) shell(stack() + " start " + s + " >/dev/null");
          },
          [] { return std::string(); },
          // Each service is a new process: each was killed and started again.
          [=] {
            std::string same;
            for (const auto& s : services)
              if (pid_of(s) == (*pids)[s]) same += " " + s;
            return same.empty() ? std::string() : "not killed and started again:" + same;
          }};
}

int kafka_nodes() {
  const char* n = std::getenv("KAFKA_NODES");
  return n ? std::atoi(n) : 1;
}

std::string node_suffix(int node) {
  return node == 1 ? "" : "-" + std::to_string(node);
}

// The node leading partition 0 of membership's topic (kcat's metadata), 0 when none is found.
int leader_of_membership_partition0() {
  const auto md =
      output_of("kcat -b '" + env("KAFKA_BROKERS") + "' -L -t assembly.membership.v1 2>/dev/null");
  std::smatch m;
  static const std::regex partition0("partition 0, leader ([0-9]+)");
  return std::regex_search(md, m, partition0) ? std::stoi(m[1]) : 0;
}

// Every partition of the suite's topics with all its replicas in sync: "" when so, else kcat's
// lines that are not.
std::string under_replicated() {
  const auto md = output_of("kcat -b '" + env("KAFKA_BROKERS") + "' -L 2>/dev/null");
  static const std::regex row(
      "partition [0-9]+, leader -?[0-9]+, replicas: ([0-9,]+), isrs: ([0-9,]+)");
  std::string out;
  std::istringstream in(md);
  std::string topic;
  for (std::string line; std::getline(in, line);) {
    if (line.find("topic \"") != std::string::npos) topic = line;
    std::smatch m;
    if (topic.find("assembly.") != std::string::npos && std::regex_search(line, m, row) &&
        m[1].str().size() != m[2].str().size())
      out += topic + line + "\n";
  }
  return out;
}

Fault kill_broker(bool lose_disk) {
  auto node = std::make_shared<int>(0);
  auto moved = std::make_shared<bool>(false);
  const std::string root = env("ROOT");
  return {lose_disk ? "a broker's disk lost" : "the partition leader broker killed",
          [=] {
            *node = leader_of_membership_partition0();
            ASSERT_GT(*node, 0) << "no leader found for assembly.membership.v1/0";
            const pid_t pid = pid_in(root + "/var/run/kafka" + node_suffix(*node) + ".pid");
            ASSERT_GT(pid, 0);
            ASSERT_EQ(::kill(pid, SIGKILL), 0);
            if (lose_disk) {
              ASSERT_EQ(shell("rm -rf '" + root + "/var/kafka/data" + node_suffix(*node) + "'"), 0);
            }
            // The cluster elects another leader for the partition.
            *moved = e2e::eventually(
                [&] {
                  const int now = leader_of_membership_partition0();
                  return now > 0 && now != *node;
                },
                30s);
          },
          15s,
          [=] { EXPECT_EQ(shell(stack() + " start kafka >/dev/null"), 0); },
          [=] { shell(stack() + " start kafka >/dev/null"); },
          [] {
            std::string lagging;
            e2e::eventually(
                [&] {
                  lagging = under_replicated();
                  return lagging.empty();
                },
                90s);
            return lagging.empty() ? std::string() : "partitions not re-replicated:\n" + lagging;
          },
          [moved] { return *moved ? std::string() : "no other broker took the partition's lead"; }};
}

// The data directory (and unix socket) of the stack's PostgreSQL, var/pg/data with its links
// resolved (the postgres user may not traverse var/).
std::string pg_data() {
  return std::filesystem::canonical(env("ROOT") + "/var/pg/data").string();
}

// The shell command running `sql` with psql as the database's superuser on database `db`,
// through its unix socket (the first error stops it).
std::string psql_super_command(const std::string& db, const std::string& sql) {
  return "cd / && runuser -u postgres -- psql -X -qAt -v ON_ERROR_STOP=1 -h '" + pg_data() +
         "' -p " + env("PG_PORT") + " -d " + db + " -c \"" + sql + "\"";
}

// The postmaster and its children (every backend, the background workers).
std::vector<pid_t> postgres_processes() {
  std::vector<pid_t> out;
  const pid_t pm = pid_in(pg_data() + "/postmaster.pid");
  if (pm <= 0) return out;
  out.push_back(pm);
  std::istringstream in(output_of("pgrep -P " + std::to_string(pm)));
  for (long p; in >> p;) out.push_back(static_cast<pid_t>(p));
  return out;
}

Fault pause_postgres() {
  auto paused = std::make_shared<std::vector<pid_t>>();
  auto resume = [paused] {
    for (pid_t p : *paused) ::kill(p, SIGCONT);
  };
  return {"PostgreSQL paused (SIGSTOP) for 20 s",
          [=] {
            *paused = postgres_processes();
            ASSERT_FALSE(paused->empty()) << "no PostgreSQL process found";
            for (pid_t p : *paused) ::kill(p, SIGSTOP);
          },
          20s,
          resume,
          resume,
          [] { return std::string(); },
          [] { return observed.unanswered > 0 ? std::string() : slower_than(5000); }};
}

Fault restart_postgres() {
  return {"PostgreSQL restarted",
          [] { EXPECT_EQ(shell(stack() + " stop postgres >/dev/null"), 0); }, 3s,
          [] { EXPECT_EQ(shell(stack() + " start postgres >/dev/null"), 0); },
          [] { shell(stack() + " start postgres >/dev/null"); }};
}

// Every client connection of the services cut by the server (pg_terminate_backend), twice.
Fault cut_postgres_connections() {
  auto terminated = std::make_shared<std::atomic<int>>(0);
  auto cut = [terminated] {
    const std::string sql =
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE backend_type = "
        "'client backend' AND pid <> pg_backend_pid() AND usename <> 'postgres'";
    const auto out = output_of(psql_super_command("postgres", sql));
    *terminated += std::atoi(out.c_str());
  };
  return {"PostgreSQL connections cut",
          cut,
          3s,
          cut,
          [] {},
          [] { return std::string(); },
          [terminated] {
            return *terminated > 0 ? std::string() : "no connection of a service was cut";
          }};
}

// The notifications service stopped (SIGSTOP) past its consumer group session timeout (10 s):
// the broker takes its partitions away mid-batch; it rejoins when it runs again.
Fault pause_consumer() {
  const std::string pidfile = env("ROOT") + "/var/run/notifications.pid";
  auto pid = std::make_shared<pid_t>(0);
  auto resume = [pid] {
    if (*pid > 0) ::kill(*pid, SIGCONT);
  };
  // librdkafka's warning when the group coordinator dropped the member: its log, counted.
  const std::string log = env("ROOT") + "/var/log/notifications.log";
  auto timeouts = [log] { return std::atoi(output_of("grep -c SESSTMOUT '" + log + "'").c_str()); };
  auto before = std::make_shared<int>(0);
  return {"a consumer paused past its session timeout",
          [=] {
            *before = timeouts();
            *pid = pid_in(pidfile);
            ASSERT_GT(*pid, 0);
            ASSERT_EQ(::kill(*pid, SIGSTOP), 0);
          },
          25s,
          resume,
          resume,
          [] { return std::string(); },
          [=] {
            bool dropped = e2e::eventually([&] { return timeouts() > *before; }, 30s);
            return dropped ? std::string() : "the consumer's session did not time out";
          }};
}

// psql as the database's superuser, through its unix socket; the exit status.
int psql_super(const std::string& sql) {
  return shell(psql_super_command("assembly", sql) + " >/dev/null 2>&1");
}

// The same, its output and errors.
std::string psql_super_output(const std::string& sql) {
  return output_of(psql_super_command("assembly", sql) + " 2>&1");
}

// membership's outbox moved to a tablespace on a small file system (a 16 MiB tmpfs), which a
// filler table then fills: each write that records an event fails for want of space (SQLSTATE
// 53100) until the filler is dropped. At the end the outbox is moved back and the file system
// removed.
Fault outbox_disk_full() {
  const std::string dir = "/var/tmp/assembly-faults-" + std::to_string(::getpid());
  auto restore = [dir] {
    psql_super("DROP TABLE IF EXISTS public.faults_filler");
    psql_super("ALTER TABLE membership.outbox SET TABLESPACE pg_default");
    psql_super("DROP TABLESPACE IF EXISTS faults_small");
    shell("umount '" + dir + "' 2>/dev/null; rmdir '" + dir + "' 2>/dev/null");
  };
  return {"membership's outbox on a full disk",
          [=] {
            ASSERT_EQ(shell("mkdir -p '" + dir + "' && mount -t tmpfs -o size=16m tmpfs '" + dir +
                            "' && chown postgres:postgres '" + dir + "'"),
                      0)
                << "cannot mount a small file system (root is needed)";
            ASSERT_EQ(psql_super("CREATE TABLESPACE faults_small LOCATION '" + dir + "'"), 0);
            ASSERT_EQ(psql_super("ALTER TABLE membership.outbox SET TABLESPACE faults_small"), 0);
            // Rewritten without its free pages: the next event must extend the file.
            ASSERT_EQ(psql_super("VACUUM FULL membership.outbox"), 0);
            // Filled in steps of 2 MB of random text (no compression helps) until the file
            // system refuses.
            psql_super("CREATE TABLE public.faults_filler (x text) TABLESPACE faults_small");
            bool full = false;
            for (int i = 0; i < 16 && !full; ++i)
              full = psql_super_output(
                         "INSERT INTO public.faults_filler SELECT "
                         "string_agg(md5(random()::text), '') FROM "
                         "generate_series(1, 64000)")
                         .find("No space left on device") != std::string::npos;
            EXPECT_TRUE(full) << "the file system did not fill";
          },
          15s, [] { EXPECT_EQ(psql_super("DROP TABLE public.faults_filler"), 0); }, restore};
}

// Toxiproxy between membership and what it reaches (PostgreSQL, or each Kafka broker) for one row:
// its server started (var/bin, from ops/install), a proxy per upstream, membership started again
// through them (`variable`=`value`: MEMBERSHIP_PG_PORT, or MEMBERSHIP_KAFKA_BROKERS); at the end
// membership back on its direct addresses and the proxies gone.
class Toxiproxy {
 public:
  struct Route {
    int listen;
    int upstream;
  };
  Toxiproxy(std::vector<Route> routes, const std::string& variable, const std::string& value)
      : routes_(std::move(routes)) {
    api_ = "http://127.0.0.1:" + std::to_string(assembly::itest::free_port());
    const auto root = env("ROOT");
    pidfile_ = root + "/var/run/toxiproxy-faults.pid";
    const auto port = api_.substr(api_.rfind(':') + 1);
    EXPECT_EQ(shell("setsid '" + root + "/var/bin/toxiproxy-server' -host 127.0.0.1 -port " + port +
                    " >>'" + root + "/var/log/toxiproxy-faults.log' 2>&1 </dev/null & echo $! >'" +
                    pidfile_ + "'"),
              0);
    EXPECT_TRUE(e2e::eventually(
        [&] { return assembly::itest::http("GET", api_ + "/version").status == 200; }, 20s))
        << "toxiproxy-server did not answer";
    for (const auto& r : routes_) {
      auto made =
          assembly::itest::http("POST", api_ + "/proxies",
                                json{{"name", name_of(r)},
                                     {"listen", "127.0.0.1:" + std::to_string(r.listen)},
                                     {"upstream", "127.0.0.1:" + std::to_string(r.upstream)},
                                     {"enabled", true}}
                                    .dump(),
                                {{"Content-Type", "application/json"}});
      EXPECT_EQ(made.status, 201) << made.body;
    }
    EXPECT_EQ(shell(stack() + " stop membership >/dev/null && " + variable + "='" + value + "' " +
                    stack() + " start membership >/dev/null"),
              0);
  }
  ~Toxiproxy() {
    shell(stack() + " stop membership >/dev/null; " + stack() + " start membership >/dev/null");
    const pid_t pid = pid_in(pidfile_);
    if (pid > 0) ::kill(pid, SIGTERM);
    std::remove(pidfile_.c_str());
  }
  // The toxic on every proxy, both ways.
  void add(const std::string& type, const json& attributes) {
    for (const auto& route : routes_)
      for (const std::string stream : {"downstream", "upstream"}) {
        auto r = assembly::itest::http("POST", api_ + "/proxies/" + name_of(route) + "/toxics",
                                       json{{"name", type + "-" + stream},
                                            {"type", type},
                                            {"stream", stream},
                                            {"attributes", attributes}}
                                           .dump(),
                                       {{"Content-Type", "application/json"}});
        EXPECT_EQ(r.status, 200) << r.body;
      }
  }
  void clear() {
    for (const auto& route : routes_) {
      const auto proxy = api_ + "/proxies/" + name_of(route);
      auto r = assembly::itest::http("GET", proxy + "/toxics");
      if (r.status != 200) continue;
      for (const auto& t : json::parse(r.body))
        assembly::itest::http("DELETE", proxy + "/toxics/" + t["name"].get<std::string>());
    }
  }
  // The ports membership is connected to now (ss), among the proxies' and their upstreams'.
  std::pair<int, int> membership_connections() const {
    const auto pid = pid_in(env("ROOT") + "/var/run/membership.pid");
    const auto out = output_of(
        "ss -tnpH state established 2>/dev/null | grep 'pid=" + std::to_string(pid) + ",'");
    int through = 0, around = 0;
    for (const auto& r : routes_) {
      const auto count = [&](int port) {
        int n = 0;
        for (std::size_t at = 0;
             (at = out.find(":" + std::to_string(port) + " ", at)) != std::string::npos; ++at)
          ++n;
        return n;
      };
      through += count(r.listen);
      around += count(r.upstream);
    }
    return {through, around};
  }

 private:
  static std::string name_of(const Route& r) { return "to-" + std::to_string(r.upstream); }
  std::vector<Route> routes_;
  std::string api_, pidfile_;
};

// A network fault between membership and PostgreSQL, through the proxy, for `hold`.
Fault network(const std::string& name, const std::string& type, const json& attributes,
              std::chrono::milliseconds hold, std::function<std::string()> bit) {
  const int listen = assembly::itest::free_port();
  auto proxy = std::make_shared<Toxiproxy>(
      std::vector<Toxiproxy::Route>{{listen, std::stoi(env("PG_PORT"))}}, "MEMBERSHIP_PG_PORT",
      std::to_string(listen));
  return {name,
          [=] { proxy->add(type, attributes); },
          hold,
          [=] { proxy->clear(); },
          [=] { proxy->clear(); },
          [] { return std::string(); },
          std::move(bit)};
}

// The same between membership and every Kafka broker. Membership bootstraps from the brokers'
// proxied listener (KAFKA_PROXIED_BROKERS: each broker advertises there the port of its proxy), so
// every connection it makes to the cluster, producing its outbox and consuming sortition's
// events, goes through Toxiproxy. The membership's HTTP calls are not in the fault's way: what
// it delays is the replacement of the leavers (membership -> Kafka -> sortition -> Kafka ->
// membership). That the fault happened is shown by membership's connections (through the proxies,
// none around them) and by a probe (kcat's metadata request, through the proxy of node 1):
// `probe_bit` judges the probe's time in ms (-1: it failed).
Fault kafka_network(const std::string& name, const std::string& type, const json& attributes,
                    std::chrono::milliseconds hold,
                    std::function<std::string(long probe_ms)> probe_bit) {
  std::vector<Toxiproxy::Route> routes;
  {
    std::istringstream in(env("KAFKA_PROXIED_BROKERS"));
    const int base = std::stoi(env("KAFKA_PROXIED_PORT"));
    int node = 0;
    for (std::string address; std::getline(in, address, ',');) {
      const int advertised = std::stoi(address.substr(address.rfind(':') + 1));
      EXPECT_EQ(advertised, base + 100 * node + 1) << "the proxied listeners' ports";
      routes.push_back({advertised, base + 100 * node});
      ++node;
    }
  }
  auto proxy =
      std::make_shared<Toxiproxy>(routes, "MEMBERSHIP_KAFKA_BROKERS", env("KAFKA_PROXIED_BROKERS"));
  auto seen = std::make_shared<std::string>();
  auto saw = std::make_shared<std::string>();
  const std::string first = "127.0.0.1:" + std::to_string(routes.front().listen);
  return {name,
          [=] {
            const auto [through, around] = proxy->membership_connections();
            if (through == 0 || around > 0)
              *seen = "membership's Kafka connections: " + std::to_string(through) +
                      " through the proxies, " + std::to_string(around) + " around them";
            proxy->add(type, attributes);
            const auto t0 = Clock::now();
            const int rc = shell("kcat -b " + first + " -L -m 5 >/dev/null 2>&1");
            const long ms =
                std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
            if (seen->empty()) *seen = probe_bit(rc == 0 ? ms : -1);
            *saw = "membership's Kafka connections through the proxies " + std::to_string(through) +
                   ", around them " + std::to_string(around) + "; a metadata probe " +
                   (rc == 0 ? "answered in " + std::to_string(ms) + " ms"
                            : "failed after " + std::to_string(ms) + " ms");
          },
          hold,
          [=] { proxy->clear(); },
          [=] { proxy->clear(); },
          [] { return std::string(); },
          [seen] { return *seen; },
          [saw] { return *saw; }};
}

// A service's own clock set off while it runs (libfaketime): it is started again with
// <SVC>_CLOCK_FILE naming a file that holds the offset, read again each second; set() writes the
// file. At the end the service is started again on the true clock and the file removed.
class SkewedClock {
 public:
  explicit SkewedClock(std::string service)
      : service_(std::move(service)),
        file_(env("ROOT") + "/var/run/clock-" + service_ + "-faults.offset") {
    set("+0");
    std::string var = service_;
    for (auto& c : var) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    EXPECT_EQ(shell(stack() + " stop " + service_ + " >/dev/null && " + var + "_CLOCK_FILE='" +
                    file_ + "' " + stack() + " start " + service_ + " >/dev/null"),
              0);
  }
  ~SkewedClock() {
    shell(stack() + " stop " + service_ + " >/dev/null; " + stack() + " start " + service_ +
          " >/dev/null");
    std::remove(file_.c_str());
  }
  // libfaketime's syntax: "+20", "-25" (seconds), "+2d".
  void set(const std::string& offset) {
    std::ofstream(file_) << offset << "\n";
    // Read again within a second (FAKETIME_CACHE_DURATION=1).
    std::this_thread::sleep_for(1500ms);
  }

 private:
  std::string service_, file_;
};

// The times of the service's log lines written after byte `from` of its log (its own clock).
std::vector<std::time_t> log_times_after(const std::string& service, std::streamoff from) {
  std::ifstream in(env("ROOT") + "/var/log/" + service + ".log");
  in.seekg(from);
  std::vector<std::time_t> out;
  static const std::regex time_field("\"time\":\"([0-9-]+T[0-9:]+)");
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (!std::regex_search(line, m, time_field)) continue;
    std::tm tm{};
    if (strptime(m[1].str().c_str(), "%Y-%m-%dT%H:%M:%S", &tm)) out.push_back(timegm(&tm));
  }
  return out;
}

std::streamoff log_size(const std::string& service) {
  std::error_code ec;
  const auto n = std::filesystem::file_size(env("ROOT") + "/var/log/" + service + ".log", ec);
  return ec ? 0 : static_cast<std::streamoff>(n);
}

// membership's clock set 25 s behind while the slice runs (an NTP step), then back: within the
// tokens' 30-s leeway, so every call goes on. That the clock was off shows in membership's log: a
// line written during the fault bears a time from before the fault began.
Fault membership_clock_behind() {
  auto clock = std::make_shared<SkewedClock>("membership");
  auto from = std::make_shared<std::streamoff>(0);
  auto began = std::make_shared<std::time_t>(0);
  return {"membership's clock 25 s behind (an NTP step), then back",
          [=] {
            *from = log_size("membership");
            *began = std::time(nullptr);
            clock->set("-25");
          },
          15s,
          [=] { clock->set("+0"); },
          [=] { clock->set("+0"); },
          [] { return std::string(); },
          [=] {
            for (const auto t : log_times_after("membership", *from))
              if (t < *began - 10) return std::string();
            return std::string("no line of membership's log bears a time from before the fault");
          }};
}

std::string unanswered_or_slower_than(long ms) {
  return observed.unanswered > 0 ? std::string() : slower_than(ms);
}

}  // namespace

TEST(FaultMatrix, EachServiceKilledInTurnMidFlight) {
  play(kill_each_service_in_turn());
}

TEST(FaultMatrix, ThePartitionLeaderBrokerKilled) {
  ASSERT_GE(kafka_nodes(), 3) << "this row needs Kafka at cluster shape (KAFKA_NODES=3)";
  play(kill_broker(false));
}

TEST(FaultMatrix, ABrokersDiskLostTheClusterReReplicates) {
  ASSERT_GE(kafka_nodes(), 3) << "this row needs Kafka at cluster shape (KAFKA_NODES=3)";
  play(kill_broker(true));
}

TEST(FaultMatrix, PostgresRestarted) {
  play(restart_postgres());
}

TEST(FaultMatrix, PostgresPausedFor20Seconds) {
  play(pause_postgres());
}

TEST(FaultMatrix, PostgresConnectionsCut) {
  play(cut_postgres_connections());
}

TEST(FaultMatrix, AConsumerPausedPastItsSessionTimeout) {
  play(pause_consumer());
}

TEST(FaultMatrix, TheOutboxsDiskFullThenFreed) {
  play(outbox_disk_full());
}

TEST(FaultMatrix, LatencyBetweenMembershipAndPostgres) {
  play(network("latency membership-PostgreSQL (300 ms each way)", "latency",
               {{"latency", 300}, {"jitter", 50}}, 20s, [] { return slower_than(600); }));
}

TEST(FaultMatrix, BandwidthLimitedBetweenMembershipAndPostgres) {
  // Unfaulted, the slice's slowest call takes well under 100 ms.
  play(network("bandwidth membership-PostgreSQL (8 KB/s)", "bandwidth", {{"rate", 8}}, 20s,
               [] { return slower_than(250); }));
}

TEST(FaultMatrix, ConnectionsResetBetweenMembershipAndPostgres) {
  play(network("connections reset membership-PostgreSQL", "reset_peer", {{"timeout", 0}}, 10s,
               [] { return observed.unanswered > 0 ? std::string() : "no call went unanswered"; }));
}

TEST(FaultMatrix, AHalfOpenConnectionBetweenMembershipAndPostgres) {
  play(network("half-open membership-PostgreSQL (data dropped, never closed)", "timeout",
               {{"timeout", 0}}, 20s, [] { return unanswered_or_slower_than(5000); }));
}

TEST(FaultMatrix, LatencyBetweenMembershipAndKafka) {
  // Unfaulted, kcat's metadata request (TLS handshake included) takes well under 300 ms.
  play(kafka_network("latency membership-Kafka (300 ms each way)", "latency",
                     {{"latency", 300}, {"jitter", 50}}, 20s, [](long ms) {
                       return ms >= 600 ? std::string()
                                        : "the probe took " + std::to_string(ms) + " ms, not 600";
                     }));
}

TEST(FaultMatrix, BandwidthLimitedBetweenMembershipAndKafka) {
  play(kafka_network(
      "bandwidth membership-Kafka (8 KB/s)", "bandwidth", {{"rate", 8}}, 20s, [](long ms) {
        return ms >= 250 ? std::string() : "the probe took " + std::to_string(ms) + " ms, not 250";
      }));
}

TEST(FaultMatrix, ConnectionsResetBetweenMembershipAndKafka) {
  play(kafka_network(
      "connections reset membership-Kafka", "reset_peer", {{"timeout", 0}}, 10s,
      [](long ms) { return ms < 0 ? std::string() : "the probe went through the resets"; }));
}

TEST(FaultMatrix, AHalfOpenConnectionBetweenMembershipAndKafka) {
  play(kafka_network("half-open membership-Kafka (data dropped, never closed)", "timeout",
                     {{"timeout", 0}}, 20s,
                     [](long ms) { return ms < 0 ? std::string() : "the probe was answered"; }));
}

TEST(FaultMatrix, MembershipsClockSteppedBackWithinTheTokensLeeway) {
  play(membership_clock_behind());
}

// A clock far off on one service: followup's set two days ahead. Its date rules read the
// database's clock, so nothing is flagged overdue early (a report due tomorrow stays on time)
// while its overdue worker goes on flagging what is due (a report due yesterday); the public reads
// show the database's date; every token is refused as expired, a 401 saying so and counted by
// reason (auth_failures_total), until the clock is set right, when tokens are accepted again.
TEST(ClockSkew, FollowupTwoDaysAheadFlagsNothingEarlyAndRefusesTokensUntilSetRight) {
  const auto staff = e2e::token("secretariat", "secretariat-clock");
  const auto day = [](int offset) {
    return assembly::core::utc_date(std::time(nullptr) + offset * 86400L);
  };
  const auto on_time = e2e::fresh("clock-on-time");
  const auto late = e2e::fresh("clock-late");
  auto schedule = [&](const std::string& assembly_id, int offset) {
    auto r = e2e::send("PUT", "followup", "/v1/assemblies/" + assembly_id + "/report-schedule",
                       {{"first_due_on", day(offset)}, {"every_months", 6}}, staff);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? body_of(r)["reports"][0]["id"].get<std::string>() : std::string();
  };
  const auto due_tomorrow = schedule(on_time, 1);
  const auto due_yesterday = schedule(late, -1);
  ASSERT_FALSE(due_tomorrow.empty());
  ASSERT_FALSE(due_yesterday.empty());
  auto flagged = [](const std::string& report) {
    auto r = e2e::get("followup", "/v1/reports/" + report);
    return r.status == 200 && !body_of(r)["overdue_flagged_at"].is_null();
  };
  ASSERT_TRUE(e2e::eventually([&] { return flagged(due_yesterday); }, 60s))
      << "the report due yesterday flagged on the true clock";

  SkewedClock clock("followup");
  ASSERT_TRUE(e2e::eventually([] { return e2e::get("followup", "/readyz").status == 200; }, 60s));
  const auto expired_before =
      e2e::metric("followup", "followup_auth_failures_total{reason=\"expired\"}");
  const auto from = log_size("followup");
  const auto began = std::time(nullptr);
  clock.set("+2d");
  // The flag of the late report taken away: the worker, on the skewed clock, flags it again.
  ASSERT_EQ(psql_super("UPDATE followup.reports SET overdue_flagged_at = NULL WHERE id = '" +
                       due_yesterday + "'"),
            0);
  EXPECT_TRUE(e2e::eventually([&] { return flagged(due_yesterday); }, 60s))
      << "the overdue worker did not run on the skewed clock";
  bool ahead = false;
  for (const auto t : log_times_after("followup", from)) ahead = ahead || t > began + 86400;
  EXPECT_TRUE(ahead) << "followup's log shows no time two days ahead: the clock was not skewed";

  EXPECT_FALSE(flagged(due_tomorrow)) << "a report due tomorrow flagged on followup's clock";
  auto read = e2e::get("followup", "/v1/reports?assembly_id=" + on_time);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_FALSE(body_of(read)["items"][0]["overdue"].get<bool>())
      << "the public read says overdue by followup's clock: " << read.body;

  auto refused = e2e::post("followup", "/v1/overdue-checks", json::object(), staff);
  EXPECT_EQ(refused.status, 401) << refused.body;
  EXPECT_NE(refused.body.find("token expired"), std::string::npos) << refused.body;
  const auto expired_after =
      e2e::metric("followup", "followup_auth_failures_total{reason=\"expired\"}");
  EXPECT_GE((std::isnan(expired_after) ? 0 : expired_after) -
                (std::isnan(expired_before) ? 0 : expired_before),
            1)
      << "the refusal counted by its reason";
  EXPECT_EQ(e2e::get("followup", "/readyz").status, 200);

  clock.set("+0");
  // libfaketime reads the file again within a second or two.
  assembly::itest::HttpResponse accepted;
  EXPECT_TRUE(e2e::eventually(
      [&] {
        accepted = e2e::post("followup", "/v1/overdue-checks", json::object(),
                             e2e::token("secretariat", "secretariat-clock"));
        return accepted.status == 200;
      },
      20s))
      << "tokens still refused once the clock is right: " << accepted.body;
  EXPECT_EQ(accepted.body.find(due_tomorrow), std::string::npos) << accepted.body;
  EXPECT_FALSE(flagged(due_tomorrow));
}
