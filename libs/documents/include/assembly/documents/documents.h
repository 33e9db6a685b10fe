#pragma once
// The documents a service keeps (docs/documents.md): the bytes in an S3 bucket under a key the
// service makes (<service>/<new uuid>, never from the request), their description in the table
// `documents` of the service's schema (its migration; the same table in each). An upload is
// checked (limits.h), scanned (scan.h), put in the bucket, then described; a download is a link
// the service signed (links.h), answered by the service from the bucket.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "assembly/config/config.h"
#include "assembly/db/pool.h"
#include "assembly/documents/limits.h"
#include "assembly/documents/s3.h"
#include "assembly/documents/scan.h"
#include "assembly/http/http.h"

namespace assembly::documents {

// One row of `documents`.
struct Document {
  std::string id;
  std::string owner_type, owner_id;  // what it belongs to ("draw", "commitment", "session")
  std::string label;                 // what it is, as the uploader named it
  std::string media_type;
  long long size_bytes = 0;
  std::string sha256;       // hex, of the bytes kept
  std::string object_key;   // the bucket's key: never shown
  bool is_public = false;   // its link may be given to anyone (a public record)
  std::string uploaded_by;  // the account's id
  std::string uploaded_at;  // UTC, RFC 3339
};

struct Settings {
  S3Settings s3;
  ScanSettings scan;
  std::chrono::seconds link_lifetime{900};
};

class Store {
 public:
  // `service` prefixes the keys of its objects.
  Store(Settings settings, std::string service);
  // From S3_ENDPOINT, S3_REGION, S3_BUCKET, S3_ACCESS_KEY, S3_SECRET_KEY_FILE,
  // DOCUMENTS_SCAN_COMMAND, DOCUMENTS_SCAN_URL, DOCUMENTS_SCAN_TIMEOUT_MS, DOCUMENTS_LINK_SECONDS;
  // nullptr when S3_ENDPOINT is empty (then uploads answer 503: no store configured).
  static std::shared_ptr<Store> from_env(config::Env& env, const std::string& service);

  // Checks `bytes` under `policy` (422 naming /file, with `faults` of the request's other fields),
  // scans them (422 naming /file when the scanner refuses them, 503 when it cannot say), puts
  // them in the bucket (503 when the store fails) and returns the row to insert (id, key, type,
  // size, digest; the caller fills the owner, label, visibility and uploader). Nothing is kept
  // when it throws.
  Document keep(const Policy& policy, const std::string& bytes, const std::string& declared_type,
                std::vector<http::FieldError> faults = {});
  // Removes an object kept by `keep` whose row could not be written (best effort, logged).
  void discard(const Document& document) noexcept;

  // The bucket itself, for files a service makes and keeps by itself (no upload: no policy, no
  // scan, no `documents` row; the service describes them in its own tables), each under a key of
  // object_key(): the invitation letters, sealed before they are put.
  S3Client& objects() { return s3_; }
  // "<service>/<name>": the key of a service's own object (`name` made by the service, never
  // taken from a request).
  std::string object_key(const std::string& name) const { return service_ + "/" + name; }

  // What an upload belongs to and how it is shown.
  struct Owner {
    std::string type, id, label;
    bool is_public = false;
  };
  // An upload route's work: `keep` of the request's body under `policy` (its Content-Type as the
  // declared type; the owner's label checked with it: 1 to 300 characters, named `label`), then
  // its row written, uploaded by the caller, in one transaction with `also`
  // (the service's own change that goes with it; may be empty); the object is discarded when that
  // transaction fails. The row as written.
  Document upload(db::Pool& db, const http::Request& request, const Policy& policy,
                  const Owner& owner,
                  const std::function<void(pqxx::work&, const Document&)>& also = {});

  // A link to the document valid for the link lifetime:
  // "/v1/documents/<id>?expires=..&signature=.."; `expires_at` gets its expiry (RFC 3339).
  std::string link(const Document& document, std::string* expires_at = nullptr) const;
  // The answer to GET /v1/documents/:id: with a link's `expires` and `signature`, 403 for a forged
  // or expired link (nothing said about the document), 404 when there is no such document, the
  // bytes otherwise (as an attachment). Without them (a document's stable address, what public
  // pages link to): a public document is redirected (302) to a fresh link, any other is 403.
  http::Response download(db::Pool& db, const http::Request& request);

 private:
  Settings settings_;
  std::string service_;
  std::string link_key_;
  S3Client s3_;
};

// The `documents` table.
void insert(pqxx::work& tx, const Document& d);
std::optional<Document> find(pqxx::transaction_base& tx, const std::string& id);
// The documents of one owner, oldest first.
std::vector<Document> of(pqxx::transaction_base& tx, const std::string& owner_type,
                         const std::string& owner_id);

// {"id", "label", "media_type", "size_bytes", "uploaded_at", "url", "url_expires_at"}: what a
// client is shown (never the key); with `uploader`, also "uploaded_by" (the account's id), for
// staff readers only (a public list does not name the staff who uploaded).
nlohmann::json to_json(const Store& store, const Document& d, bool uploader = false);

// The body of an upload request as kept: the route's options (a raw body, not JSON, up to the
// server's limit so that a file over the policy's limit is refused by name, 422 /file).
http::RouteOptions upload_route_options();
// The label of an upload: the query parameter `label`, percent-decoded; `fallback` when absent
// (`upload` checks it).
std::string upload_label(const http::Request& request, const std::string& fallback = {});

// The store of a service, or the 503 a route answers when none is configured.
Store& require(const std::shared_ptr<Store>& store);

// GET /v1/documents/:id (public: the signed link is the permission).
void add_download_route(http::Router& router, db::Pool& db, std::shared_ptr<Store> store);

}  // namespace assembly::documents
