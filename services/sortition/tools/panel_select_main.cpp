// panel-select: the fair panel selection engine on files (README, "panel-select").
//
//   panel-select --features F --people P --seats K [--algorithm leximin|maximin|legacy]
//                [--household-columns a,b] [--lottery M] [--seed S] [--time-limit SEC] --out DIR
//   panel-select --categories C --respondents R --seats K ...      (the Nature paper's layout)
//
// Writes DIR/probabilities.csv (id,probability), DIR/panels.csv (panel,probability,ids),
// DIR/summary.json, and with --lottery DIR/lottery.csv (number,ids). Exit codes, as every binary
// of the suite: 0 done; 1 failure: infeasible quotas (the message says which) or the solver
// failed; 2 usage: bad arguments or input (the message names the option, or the file and line).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "domain/fair.h"
#include "domain/panel_input.h"
#include "domain/panel_select.h"

namespace {

// The suite's exit codes (as libs/service's): 0 ok, 1 failure, 2 usage.
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

namespace fair = sortition::fair;
namespace domain = sortition::domain;
using nlohmann::json;

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

constexpr const char* kUsage =
    "usage: panel-select (--features F --people P | --categories C --respondents R) --seats K\n"
    "                    [--algorithm leximin|maximin|legacy] [--household-columns a,b]\n"
    "                    [--lottery M] [--seed S] [--time-limit SEC] --out DIR\n"
    "       panel-select --help | --version\n";

constexpr const char* kOptions =
    "Fair panel selection: the probability of each person to sit, and the panels that give it.\n"
    "  --features F           quotas, CSV feature,value,min,max (the Sortition Foundation's "
    "layout)\n"
    "  --people P             respondents, CSV with an id column and one column per feature\n"
    "  --categories C         quotas in the Nature paper's layout (category,name,min,max)\n"
    "  --respondents R        respondents in the paper's layout (no id: the row number is)\n"
    "  --seats K              panel size\n"
    "  --algorithm A          leximin (default), maximin, or legacy (1,000 greedy draws)\n"
    "  --household-columns    columns that together name a household: one seat per household\n"
    "  --lottery M            also round the distribution to a uniform lottery of M panels\n"
    "  --seed S               draw one panel (and one lottery number) from the public seed S\n"
    "  --time-limit SEC       time LEXIMIN may take before MAXIMIN, then legacy, take over\n"
    "  --out DIR              where probabilities.csv, panels.csv, summary.json (lottery.csv) go\n"
    "  --help                 this text;  --version  the suite's version\n"
    "Exit codes: 0 done; 1 infeasible quotas or the solver failed; 2 bad arguments or input.\n";

std::string read_file(const std::string& path, const std::string& option) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError(option + ": cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

int positive_int(const std::string& text, const std::string& option) {
  try {
    std::size_t used = 0;
    long v = std::stol(text, &used);
    if (used == text.size() && v >= 1 && v <= 10'000'000) return static_cast<int>(v);
  } catch (const std::exception&) {
  }
  throw UsageError(option + ": '" + text + "' is not a positive whole number");
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  out.push_back(cur);
  return out;
}

std::string fmt(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.12g", v);
  return b;
}

std::string ids_of(const fair::Instance& in, const std::vector<int>& members) {
  std::string s;
  for (int i : members) {
    if (!s.empty()) s += ' ';
    s += in.ids[i];
  }
  return s;
}

void write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

int run(int argc, char** argv) {
  std::map<std::string, std::string> opt;
  const std::set<std::string> known{
      "--features",          "--people",  "--categories", "--respondents", "--seats", "--algorithm",
      "--household-columns", "--lottery", "--seed",       "--time-limit",  "--out"};
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--help" || a == "-h") {
      std::cout << kUsage << kOptions;
      std::exit(0);
    }
    if (a == "--version") {
      std::cout << "panel-select " << ASSEMBLY_VERSION << "\n";
      std::exit(0);
    }
    if (!known.count(a)) throw UsageError("unknown option " + a);
    if (i + 1 >= argc) throw UsageError(a + " needs a value");
    if (!opt.emplace(a, argv[++i]).second) throw UsageError(a + " is given twice");
  }
  const bool sf = opt.count("--features") || opt.count("--people");
  const bool paper = opt.count("--categories") || opt.count("--respondents");
  if (sf == paper)
    throw UsageError("give either --features and --people, or --categories and --respondents");
  const std::string quotas_opt = sf ? "--features" : "--categories";
  const std::string people_opt = sf ? "--people" : "--respondents";
  for (const auto& need : {quotas_opt, people_opt, std::string("--seats"), std::string("--out")})
    if (!opt.count(need)) throw UsageError("missing " + need);
  auto algorithm = fair::parse_algorithm(opt.count("--algorithm") ? opt["--algorithm"] : "leximin");
  if (!algorithm)
    throw UsageError("--algorithm: '" + opt["--algorithm"] + "' is not leximin, maximin or legacy");
  double time_limit = 0;
  if (opt.count("--time-limit")) {
    try {
      std::size_t used = 0;
      time_limit = std::stod(opt["--time-limit"], &used);
      if (used != opt["--time-limit"].size() || !(time_limit > 0)) throw std::invalid_argument("");
    } catch (const std::exception&) {
      throw UsageError("--time-limit: '" + opt["--time-limit"] +
                       "' is not a positive number of seconds");
    }
  }
  const int seats = positive_int(opt["--seats"], "--seats");
  const int lottery = opt.count("--lottery") ? positive_int(opt["--lottery"], "--lottery") : 0;
  domain::PeopleLayout layout;
  layout.has_id = sf;
  if (opt.count("--household-columns")) {
    layout.household_columns = split(opt["--household-columns"], ',');
    for (const auto& c : layout.household_columns)
      if (c.empty()) throw UsageError("--household-columns: an empty column name");
  }

  domain::SeatPool pool;
  pool.pool = "roll";
  pool.seats = seats;
  std::vector<domain::Respondent> people;
  try {
    pool.quotas = domain::parse_quotas(read_file(opt[quotas_opt], quotas_opt));
  } catch (const domain::QuotaError& e) {
    throw UsageError(opt[quotas_opt] + ": " + e.what());
  }
  try {
    people = domain::read_people(read_file(opt[people_opt], people_opt), pool.quotas, layout);
  } catch (const domain::QuotaError& e) {
    throw UsageError(opt[people_opt] + ": " + e.what());
  }
  const auto instance = fair::make_instance(pool, people);

  fair::Options options;
  options.algorithm = *algorithm;
  options.time_limit = time_limit;
  options.seed = opt.count("--seed") ? opt["--seed"] : "legacy";
  options.on_progress = [last = fair::Clock::now()](const fair::Progress& p) mutable {
    if (fair::Clock::now() - last < std::chrono::seconds(5)) return;
    last = fair::Clock::now();
    std::fprintf(
        stderr, "panel-select: %s, %d panels priced, %d/%d types settled, minimum %.6f, %.1f s\n",
        p.algorithm.c_str(), p.iteration, p.fixed_types, p.types, p.min_probability, p.seconds);
  };
  const auto d = fair::select(instance, options);

  const std::filesystem::path out = opt["--out"];
  std::filesystem::create_directories(out);
  std::string probs = "id,probability\n";
  for (std::size_t i = 0; i < instance.ids.size(); ++i)
    probs += instance.ids[i] + "," + fmt(d.probability[i]) + "\n";
  write(out / "probabilities.csv", probs);
  std::string panels = "panel,probability,ids\n";
  for (std::size_t p = 0; p < d.panels.size(); ++p)
    panels += std::to_string(p + 1) + "," + fmt(d.panels[p].probability) + "," +
              ids_of(instance, d.panels[p].members) + "\n";
  write(out / "panels.csv", panels);

  json summary = {{"algorithm", d.algorithm},
                  {"requested_algorithm", fair::to_string(*algorithm)},
                  {"fallbacks", d.fallbacks},
                  {"people", instance.ids.size()},
                  {"seats", seats},
                  {"types", d.types},
                  {"panels", d.panels.size()},
                  {"min_probability", d.min_probability},
                  {"iterations", d.iterations},
                  {"stages", d.stages},
                  {"seconds", d.seconds}};
  if (!d.certificate.empty()) {
    json weights = json::object();
    for (std::size_t i = 0; i < d.certificate.size(); ++i)
      if (d.certificate[i] > 0) weights[instance.ids[i]] = d.certificate[i];
    summary["certificate"] = {
        {"statement",
         "weights over people, >= 0, summing to 1: no feasible panel weighs more than bound, so no "
         "distribution gives every person a probability above bound"},
        {"bound", d.certificate_bound},
        {"weights", weights}};
  } else {
    summary["certificate"] = nullptr;
  }
  if (opt.count("--seed")) {
    const auto p = fair::draw_panel(d, opt["--seed"]);
    std::vector<std::string> ids;
    for (int i : d.panels[p].members) ids.push_back(instance.ids[i]);
    summary["draw"] = {{"seed", opt["--seed"]}, {"panel", p + 1}, {"ids", ids}};
  }
  if (lottery > 0) {
    if (d.type_panels.empty())
      throw UsageError("--lottery needs a maximin or leximin distribution (" + d.algorithm +
                       " was computed)");
    const auto lot = fair::round_to_lottery(instance, d, lottery);
    std::string text = "number,ids\n";
    for (std::size_t n = 0; n < lot.panels.size(); ++n)
      text += std::to_string(n + 1) + "," + ids_of(instance, lot.panels[n]) + "\n";
    write(out / "lottery.csv", text);
    double min_lottery = 1;
    for (double q : lot.probability) min_lottery = std::min(min_lottery, q);
    summary["lottery"] = {{"panels", lottery},
                          {"min_probability", min_lottery},
                          {"max_loss", lot.max_loss},
                          {"max_gain", lot.max_gain}};
    if (opt.count("--seed")) {
      const int number = fair::draw_number(lottery, opt["--seed"]);
      std::vector<std::string> ids;
      for (int i : lot.panels[number - 1]) ids.push_back(instance.ids[i]);
      summary["lottery"]["draw"] = {{"seed", opt["--seed"]}, {"number", number}, {"ids", ids}};
    }
  }
  write(out / "summary.json", summary.dump(2) + "\n");
  for (const auto& why : d.fallbacks)
    std::fprintf(stderr, "panel-select: fallback: %s\n", why.c_str());
  std::fprintf(stderr, "panel-select: %s, minimum probability %.6f, %d panels, %.2f s\n",
               d.algorithm.c_str(), d.min_probability, static_cast<int>(d.panels.size()),
               d.seconds);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const UsageError& e) {
    std::fprintf(stderr, "panel-select: %s\n%s", e.what(), kUsage);
    return kExitUsage;
  } catch (const domain::PanelError& e) {
    std::fprintf(stderr, "panel-select: %s\n", e.what());
    return kExitUsage;
  } catch (const fair::Infeasible& e) {
    std::fprintf(stderr, "panel-select: infeasible (%s): %s\n", e.constraint().c_str(), e.what());
    return kExitFailure;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "panel-select: the solver failed: %s\n", e.what());
    return kExitFailure;
  }
}
