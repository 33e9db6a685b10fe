// A job is claimed with a lease (LETTER_LEASE_SECONDS) renewed by its progress. A replica that
// stops, or a sortition or document store that does not answer, leaves the job `running`; once
// the lease has passed another run takes it over from the first letter (the earlier attempt's
// files removed), at most three attempts in all, then it is `failed`. A refusal that trying again
// cannot mend (the draw not made, its pool erased, a mailing list that is not one) fails it at
// once. The letters are only in memory while they are made and in the sealed files.
#include "workers/letters.h"

#include <stdexcept>

#include "assembly/core/ids.h"
#include "assembly/core/time.h"
#include "assembly/documents/sigv4.h"
#include "assembly/logging/log.h"
#include "assembly/site/page.h"
#include "delivery/sortition.h"
#include "domain/letter_jobs.h"
#include "letters/letters.h"
#include "letters/mailing_list.h"
#include "store/letters.h"

namespace notifications::workers {

namespace {

namespace documents = assembly::documents;
namespace log = assembly::log;

constexpr int kMaxAttempts = 3;

struct Settings {
  std::string site_url, locality;
  int keep_hours = 72, lease_seconds = 120;
};

// The job was taken over by another run (its lease had passed): this one stops, changing nothing.
struct ClaimLost {};
// The process is stopping: the job is left to its lease.
struct Stopping {};

// "https://site.example/x" -> "site.example/x": what a letter prints for those who type it.
std::string printed_address(std::string url) {
  for (const char* scheme : {"https://", "http://"})
    if (url.rfind(scheme, 0) == 0) url.erase(0, std::string(scheme).size());
  return url;
}

class LetterRunner {
 public:
  LetterRunner(assembly::service::Context& ctx, Settings s, std::shared_ptr<documents::Store> store,
               std::shared_ptr<delivery::Sortition> mailing)
      : db_(ctx.db),
        keyring_(ctx.keyring),
        stopping_(ctx.stopping),
        s_(std::move(s)),
        store_(std::move(store)),
        mailing_(std::move(mailing)) {}

  void run_once() {
    erase_due();
    const auto claim = assembly::core::new_uuid();
    auto job = db_.transact([&](pqxx::work& tx) {
      return store::claim_letter_job(tx, claim, s_.lease_seconds, kMaxAttempts);
    });
    if (!job) return;
    log::info("letters: job started", {{"job_id", job->id},
                                       {"draw_id", job->draw_id},
                                       {"attempt", std::to_string(job->attempts)}});
    auto earlier =
        db_.transact([&](pqxx::work& tx) { return store::restart_letter_job(tx, job->id, claim); });
    remove_objects(earlier);
    try {
      run(*job, claim);
    } catch (const ClaimLost&) {
      log::warn("letters: job taken over by another run", {{"job_id", job->id}});
    } catch (const Stopping&) {
      log::info("letters: job left to its lease (stopping)", {{"job_id", job->id}});
    } catch (const delivery::SortitionError& e) {
      if (e.retry) {
        log::warn("letters: the mailing list could not be read; tried again after the lease",
                  {{"job_id", job->id}, {"error", e.what()}});
      } else {
        fail(*job, claim, e.what());
      }
    } catch (const documents::S3Error& e) {
      log::warn("letters: the document store failed; tried again after the lease",
                {{"job_id", job->id}, {"error", e.what()}});
    } catch (const std::exception& e) {
      fail(*job, claim, e.what());
    }
  }

 private:
  void fail(const store::LetterJob& job, const std::string& claim, const std::string& why) {
    log::error("letters: job failed", {{"job_id", job.id}, {"error", why}});
    db_.transact([&](pqxx::work& tx) {
      store::finish_letter_job(tx, job.id, claim, false, why, s_.keep_hours);
    });
  }

  void progress(const store::LetterJob& job, const std::string& claim, long total, long done,
                long skipped) {
    if (stopping_->load()) throw Stopping{};
    bool mine = db_.transact([&](pqxx::work& tx) {
      return store::letter_progress(tx, job.id, claim, total, done, skipped);
    });
    if (!mine) throw ClaimLost{};
  }

  void run(const store::LetterJob& job, const std::string& claim) {
    // The whole list first: the letters' count is known before the first file.
    letters::MailingOptions options;
    options.answer_url = s_.site_url + "/repondre";
    options.locality = s_.locality;
    std::vector<letters::Letter> all;
    long erased = 0;
    std::string cursor;
    do {
      auto page = mailing_->page(job.draw_id, cursor);
      auto part = letters::letters_of(page.csv, options);
      erased += static_cast<long>(part.erased);
      for (auto& l : part.letters) all.push_back(std::move(l));
      cursor = page.next_cursor;
      progress(job, claim, static_cast<long>(all.size()), 0, erased);
    } while (!cursor.empty());
    const long total = static_cast<long>(all.size());
    if (total == 0) throw std::runtime_error("no invitee of the draw has an address left");

    letters::Letterhead head;
    head.date_line = "Paris, le " + assembly::site::long_date(assembly::core::utc_today(),
                                                              assembly::site::Lang::fr);
    head.deadline = assembly::site::long_date(job.answer_by, assembly::site::Lang::fr);
    head.answer_address = printed_address(options.answer_url);

    long done = 0;
    for (const auto& plan : domain::plan_files(total, job.batch_size)) {
      std::vector<letters::Letter> batch(all.begin() + (plan.first - 1),
                                         all.begin() + (plan.first - 1 + plan.count));
      const long before = done;
      auto pdf = letters::render(batch, head, [&](std::size_t n) {
        if (n % 500 == 0) progress(job, claim, total, before + static_cast<long>(n), erased);
      });
      done = before + plan.count;
      keep(job, claim, plan, pdf);
      progress(job, claim, total, done, erased);
    }
    bool mine = db_.transact([&](pqxx::work& tx) {
      return store::finish_letter_job(tx, job.id, claim, true, "", s_.keep_hours);
    });
    if (!mine) throw ClaimLost{};
    log::info("letters: job done", {{"job_id", job.id},
                                    {"letters", std::to_string(total)},
                                    {"erased_invitees", std::to_string(erased)}});
  }

  // Sealed, put in the bucket, then described; an object whose row is not written is removed.
  void keep(const store::LetterJob& job, const std::string& claim, const domain::FilePlan& plan,
            const std::string& pdf) {
    store::LetterFile f;
    f.part = plan.part;
    f.first_letter = plan.first;
    f.letters = plan.count;
    f.size_bytes = static_cast<long long>(pdf.size());
    f.sha256 = documents::sigv4::sha256_hex(pdf);
    f.object_key = store_->object_key("letters/" + job.id + "/" + std::to_string(plan.part) + "-" +
                                      assembly::core::new_uuid());
    auto sealed = keyring_->seal_random(pdf, letter_file_context(job.id, plan.part));
    store_->objects().put(f.object_key, sealed, "application/octet-stream");
    bool mine = false;
    try {
      mine = db_.transact(
          [&](pqxx::work& tx) { return store::add_letter_file(tx, job.id, claim, f); });
    } catch (...) {
      remove_objects({f.object_key});
      throw;
    }
    if (!mine) {
      remove_objects({f.object_key});
      throw ClaimLost{};
    }
  }

  void erase_due() {
    auto keys = db_.transact([&](pqxx::work& tx) { return store::erase_letter_files(tx); });
    if (!keys.empty())
      log::info("letters: files erased at their expiry", {{"files", std::to_string(keys.size())}});
    remove_objects(keys);
  }

  void remove_objects(const std::vector<std::string>& keys) {
    remove_letter_objects(*store_, keys);
  }

  assembly::db::Pool& db_;
  std::shared_ptr<const assembly::pii::Keyring> keyring_;
  std::shared_ptr<std::atomic<bool>> stopping_;
  Settings s_;
  std::shared_ptr<documents::Store> store_;
  std::shared_ptr<delivery::Sortition> mailing_;
};

}  // namespace

void remove_letter_objects(documents::Store& store, const std::vector<std::string>& keys) {
  for (const auto& k : keys) {
    try {
      store.objects().remove(k);
    } catch (const std::exception& e) {
      log::error("letters: a file could not be removed from the document store",
                 {{"key", k}, {"error", e.what()}});
    }
  }
}

std::string letter_file_context(const std::string& job_id, long part) {
  return "letter-file:" + job_id + ":" + std::to_string(part);
}

void add_letters(assembly::service::Context& ctx, std::shared_ptr<documents::Store> store,
                 std::shared_ptr<delivery::Sortition> sortition) {
  auto& env = ctx.env;
  Settings s;
  s.site_url = env.str("SITE_URL", "http://127.0.0.1:8080",
                       "the address people open, for the links in messages");
  while (!s.site_url.empty() && s.site_url.back() == '/') s.site_url.pop_back();
  s.locality = env.str("LETTER_LOCALITY", "Paris",
                       "the city printed under the postcode on the invitation letters");
  s.keep_hours = static_cast<int>(
      env.integer("LETTER_FILES_HOURS", 72, 1, 720,
                  "hours the invitation letters' files are kept (sealed) after they are made"));
  s.lease_seconds = static_cast<int>(
      env.integer("LETTER_LEASE_SECONDS", 120, 10, 3600,
                  "after this long without progress, a letters job is taken over"));
  const auto poll = env.integer("LETTERS_POLL_MS", 2000, 50, 600000,
                                "how often letters jobs to run are looked for");
  if (!store || !sortition) {
    log::warn(
        "invitation letters are off: S3_ENDPOINT, SORTITION_URL, OIDC_TOKEN_URL and "
        "NOTIFY_CLIENT_SECRET_FILE are needed",
        {});
    return;
  }
  auto runner = std::make_shared<LetterRunner>(ctx, s, std::move(store), std::move(sortition));
  ctx.every(std::chrono::milliseconds(poll), "make the invitation letters",
            [runner] { runner->run_once(); });
}

}  // namespace notifications::workers
