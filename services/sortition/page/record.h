#pragma once
#include <optional>
// A selection's public record as a page of the site (docs/site.md: `/tirages/{id}`,
// `/en/draws/{id}`), in French or English: the same facts as its JSON record — the seed's
// commitment and the seed, the hashes, the invitation draws behind it (letters sent, answers),
// each seat pool's quotas beside the panel and the volunteers, the fairness of the draw — and how
// anyone re-runs the invitation draws with `sortition-verify`. Before the draw: the commitment and
// the state. No names. Pure: no HTTP, SQL or Kafka.
#include "assembly/site/page.h"
#include "store/selections.h"

namespace sortition::page {

// The site's addresses of a draw's record.
std::string record_href(const std::string& selection_id, assembly::site::Lang lang);

// `signed_record`: the id of the bailiff-signed record kept with the draw, when one is (the page
// says so and links to it).
assembly::site::Page record_page(const store::Selection& selection, assembly::site::Lang lang,
                                 const std::optional<std::string>& signed_record = std::nullopt);

}  // namespace sortition::page
