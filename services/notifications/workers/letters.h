#pragma once
// The invitation letters' jobs, run in the background: every LETTERS_POLL_MS a replica claims the
// oldest job to run, reads the draw's mailing list from sortition page by page, renders the
// letters (letters/), seals each file and puts it in the document store, its progress recorded
// as it goes; and the files whose time is up (LETTER_FILES_HOURS) are erased.
#include <memory>
#include <string>
#include <vector>

#include "assembly/documents/documents.h"
#include "assembly/service/service.h"
#include "delivery/sortition.h"

namespace notifications::workers {

// `store` or `sortition` null (not configured): no job runs (starting one is refused, 503).
void add_letters(assembly::service::Context& ctx, std::shared_ptr<assembly::documents::Store> store,
                 std::shared_ptr<delivery::Sortition> sortition);

// Removes the letters' objects of these keys from the store (best effort: a failure is logged with
// the key, which names no one).
void remove_letter_objects(assembly::documents::Store& store, const std::vector<std::string>& keys);

// The context a letter file's sealing is bound to: a sealed file moved under another job or part
// does not open.
std::string letter_file_context(const std::string& job_id, long part);

}  // namespace notifications::workers
