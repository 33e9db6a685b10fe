#include "assembly/documents/documents.h"

#include <cctype>
#include <ctime>
#include <fstream>
#include <sstream>

#include "assembly/core/ids.h"
#include "assembly/core/time.h"
#include "assembly/db/sql_time.h"
#include "assembly/documents/links.h"
#include "assembly/documents/sigv4.h"
#include "assembly/http/body.h"
#include "assembly/logging/log.h"

namespace assembly::documents {

namespace {

std::string read_secret(const std::string& variable, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw config::ConfigError(variable + ": cannot read " + path);
  std::stringstream s;
  s << in.rdbuf();
  auto text = s.str();
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
    text.pop_back();
  if (text.empty()) throw config::ConfigError(variable + ": " + path + " is empty");
  return text;
}

// The file name's extension of a kept type.
std::string extension(const std::string& media_type) {
  if (media_type == "application/pdf") return ".pdf";
  if (media_type == "image/png") return ".png";
  if (media_type == "image/jpeg") return ".jpg";
  if (media_type == "image/webp") return ".webp";
  return "";
}

const char* kColumns =
    "id, owner_type, owner_id, label, media_type, size_bytes, sha256, object_key, is_public, "
    "uploaded_by, " SQL_UTC("uploaded_at");

Document row_of(const pqxx::row& r) {
  return {r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(),
          r[3].as<std::string>(), r[4].as<std::string>(), r[5].as<long long>(),
          r[6].as<std::string>(), r[7].as<std::string>(), r[8].as<bool>(),
          r[9].as<std::string>(), r[10].as<std::string>()};
}

// The size a route accepts: just under the server's 4 MiB limit, so that every policy's "too
// large" is answered by name (http::ServerOptions::max_request_bytes, docs/stack.md).
constexpr std::size_t kUploadBodyBytes = (4 << 20) - (64 << 10);

}  // namespace

Store::Store(Settings settings, std::string service)
    : settings_(std::move(settings)),
      service_(std::move(service)),
      // The link key is derived from the store's secret (held by the service alone, the same in
      // every replica): no other secret to distribute.
      link_key_(sigv4::hmac_sha256(settings_.s3.credentials.secret_key, "assembly document links")),
      s3_(settings_.s3) {}

std::shared_ptr<Store> Store::from_env(config::Env& env, const std::string& service) {
  Settings s;
  s.s3.endpoint = env.str("S3_ENDPOINT", "",
                          "the S3 endpoint of the documents (http(s)://host:port); empty: no "
                          "documents can be uploaded (503)");
  s.s3.credentials.region = env.str("S3_REGION", "us-east-1", "the S3 region (SigV4 scope)");
  s.s3.bucket = env.str("S3_BUCKET", "assembly-documents", "the bucket of the documents");
  const auto access = env.str("S3_ACCESS_KEY", "", "the S3 access key");
  const auto secret_file = env.str("S3_SECRET_KEY_FILE", "", "the file holding the S3 secret key");
  s.scan.command = env.str("DOCUMENTS_SCAN_COMMAND", "",
                           "a virus-scan command (sh -c; the bytes on stdin; exit 0 clean, 1 "
                           "infected); empty: none");
  s.scan.url = env.str("DOCUMENTS_SCAN_URL", "",
                       "a virus-scan endpoint (the bytes POSTed; 2xx clean, 4xx infected); "
                       "empty: none");
  s.scan.timeout = std::chrono::milliseconds(
      env.integer("DOCUMENTS_SCAN_TIMEOUT_MS", 60000, 100, 600000, "how long a scan may take"));
  s.link_lifetime = std::chrono::seconds(env.integer(
      "DOCUMENTS_LINK_SECONDS", 900, 1, 7 * 24 * 3600, "how long a download link is valid"));
  if (s.s3.endpoint.empty()) return nullptr;
  if (access.empty()) throw config::ConfigError("S3_ACCESS_KEY: required with S3_ENDPOINT");
  if (secret_file.empty())
    throw config::ConfigError("S3_SECRET_KEY_FILE: required with S3_ENDPOINT");
  s.s3.credentials.access_key = access;
  s.s3.credentials.secret_key = read_secret("S3_SECRET_KEY_FILE", secret_file);
  return std::make_shared<Store>(std::move(s), service);
}

Document Store::keep(const Policy& policy, const std::string& bytes,
                     const std::string& declared_type, std::vector<http::FieldError> faults) {
  auto found = check(policy, bytes, declared_type);
  found.insert(found.end(), faults.begin(), faults.end());
  if (!found.empty()) throw http::Problem::invalid(std::move(found));
  Verdict verdict;
  try {
    verdict = scan(settings_.scan, bytes);
  } catch (const ScanUnavailable& e) {
    log::error("documents: the virus scan failed", {{"error", e.what()}});
    throw http::unavailable("the virus scan could not check the file; try again later");
  }
  if (verdict == Verdict::infected)
    throw http::Problem::invalid({{"/file", "the virus scan refused the file"}});
  Document d;
  d.id = core::new_uuid();
  d.object_key = service_ + "/" + d.id;
  d.media_type = std::string(media_type(*sniff(bytes)));
  d.size_bytes = static_cast<long long>(bytes.size());
  d.sha256 = sigv4::sha256_hex(bytes);
  try {
    s3_.put(d.object_key, bytes, d.media_type);
  } catch (const S3Error& e) {
    log::error("documents: the store refused the file", {{"error", e.what()}});
    throw http::unavailable("the document store is unavailable; try again later");
  }
  return d;
}

void Store::discard(const Document& document) noexcept {
  try {
    s3_.remove(document.object_key);
  } catch (const std::exception& e) {
    log::error("documents: an object whose row was not written is left in the store",
               {{"key", document.object_key}, {"error", e.what()}});
  }
}

Document Store::upload(db::Pool& db, const http::Request& request, const Policy& policy,
                       const Owner& owner,
                       const std::function<void(pqxx::work&, const Document&)>& also) {
  std::vector<http::FieldError> faults;
  if (owner.label.empty() || owner.label.size() > 300)
    faults.push_back({"label", "the label is a text of 1 to 300 characters"});
  auto doc = keep(policy, request.body, request.header("content-type").value_or(""), faults);
  doc.owner_type = owner.type;
  doc.owner_id = owner.id;
  doc.label = owner.label;
  doc.is_public = owner.is_public;
  doc.uploaded_by = request.caller().actor();
  try {
    return db.transact([&](pqxx::work& tx) {
      insert(tx, doc);
      if (also) also(tx, doc);
      return *find(tx, doc.id);
    });
  } catch (...) {
    discard(doc);
    throw;
  }
}

std::string Store::link(const Document& document, std::string* expires_at) const {
  const std::int64_t expires =
      static_cast<std::int64_t>(std::time(nullptr)) + settings_.link_lifetime.count();
  if (expires_at) *expires_at = core::utc_time(static_cast<std::time_t>(expires));
  return "/v1/documents/" + document.id + "?expires=" + std::to_string(expires) +
         "&signature=" + link_signature(link_key_, document.id, expires);
}

http::Response Store::download(db::Pool& db, const http::Request& request) {
  const auto id = request.param("id");
  if (!request.query_param("expires") && !request.query_param("signature")) {
    // A document's stable address (the one public pages link to): a public document is
    // redirected to a fresh link; any other needs the link its reader was given.
    auto d = db.transact([&](pqxx::work& tx) { return find(tx, id); });
    if (!d || !d->is_public)
      throw http::forbidden("this document is read through the link given with it");
    auto r = http::Response::text(302, "", "text/plain; charset=utf-8");
    // Relative to the document's own address, so that it holds behind the gateway's prefix too.
    const auto link = this->link(*d);
    r.headers.emplace_back("Location", link.substr(link.rfind('/') + 1));
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  }
  const auto verdict = check_link(link_key_, id, request.query_param("expires").value_or(""),
                                  request.query_param("signature").value_or(""),
                                  static_cast<std::int64_t>(std::time(nullptr)));
  if (verdict == LinkCheck::forged)
    throw http::forbidden("this download link is not valid: ask for the document again");
  if (verdict == LinkCheck::expired)
    throw http::forbidden("this download link has expired: ask for the document again");
  auto d = db.transact([&](pqxx::work& tx) { return find(tx, id); });
  if (!d) throw http::not_found("no document " + id);
  std::optional<std::string> bytes;
  try {
    bytes = s3_.get(d->object_key);
  } catch (const S3Error& e) {
    log::error("documents: the store did not give a document", {{"error", e.what()}});
    throw http::unavailable("the document store is unavailable; try again later");
  }
  if (!bytes) throw http::not_found("document " + id + " is no longer kept");
  auto response = http::Response::text(200, std::move(*bytes), d->media_type);
  // Saved, never shown inside the site's origin; not kept by caches past the link's life.
  response.headers.emplace_back(
      "Content-Disposition", "attachment; filename=\"" + d->id + extension(d->media_type) + "\"");
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("Cache-Control", "private, no-store");
  return response;
}

void insert(pqxx::work& tx, const Document& d) {
  tx.exec_params(
      "INSERT INTO documents (id, owner_type, owner_id, label, media_type, size_bytes, sha256, "
      "object_key, is_public, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
      d.id, d.owner_type, d.owner_id, d.label, d.media_type, d.size_bytes, d.sha256, d.object_key,
      d.is_public, d.uploaded_by);
}

std::optional<Document> find(pqxx::transaction_base& tx, const std::string& id) {
  auto r = tx.exec_params(std::string("SELECT ") + kColumns + " FROM documents WHERE id = $1", id);
  if (r.empty()) return std::nullopt;
  return row_of(r[0]);
}

std::vector<Document> of(pqxx::transaction_base& tx, const std::string& owner_type,
                         const std::string& owner_id) {
  auto r = tx.exec_params(std::string("SELECT ") + kColumns +
                              " FROM documents WHERE owner_type = $1 AND owner_id = $2"
                              " ORDER BY uploaded_at, id",
                          owner_type, owner_id);
  std::vector<Document> out;
  for (const auto& row : r) out.push_back(row_of(row));
  return out;
}

nlohmann::json to_json(const Store& store, const Document& d, bool uploader) {
  std::string expires_at;
  auto url = store.link(d, &expires_at);
  nlohmann::json out = {{"id", d.id},
                        {"label", d.label},
                        {"media_type", d.media_type},
                        {"size_bytes", d.size_bytes},
                        {"uploaded_at", d.uploaded_at},
                        {"url", url},
                        {"url_expires_at", expires_at}};
  if (uploader) out["uploaded_by"] = d.uploaded_by;
  return out;
}

http::RouteOptions upload_route_options() {
  http::RouteOptions o;
  o.max_body_bytes = kUploadBodyBytes;
  o.json_body = false;
  return o;
}

std::string upload_label(const http::Request& request, const std::string& fallback) {
  // Percent-decoded by the server, as every query parameter is.
  return request.query_param("label").value_or(fallback);
}

Store& require(const std::shared_ptr<Store>& store) {
  if (!store) throw http::unavailable("no document store is configured (S3_ENDPOINT)");
  return *store;
}

void add_download_route(http::Router& router, db::Pool& db, std::shared_ptr<Store> store) {
  router.add(http::Method::Get, "/v1/documents/:id", http::Access::anyone(),
             [&db, store](http::Request& req) { return require(store).download(db, req); });
}

}  // namespace assembly::documents
