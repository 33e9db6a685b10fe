#pragma once
// The public page of an assembly's recommendations and motions (docs/site.md: `/voeux/{assembly}`,
// `/en/motions/{assembly}`), in French or English: each workshop's motion (its text, when the
// workshop approved it, the assembly adopted it and it went to the Council), the recommendations
// it carries, the debate's public summaries, the results of the closed ballots (the counts: never
// who voted what), then every recommendation by workshop. Pure: no HTTP, SQL or Kafka.
#include <optional>
#include <string>
#include <vector>

#include "assembly/site/page.h"
#include "store/ballots.h"
#include "store/debates.h"
#include "store/recommendations.h"
#include "store/site.h"

namespace recommendations::page {

struct MotionView {
  store::PublicMotion motion;
  std::optional<store::StoredDebate> debate;
};

struct AssemblyMotions {
  std::string assembly_id;
  std::vector<MotionView> motions;
  std::vector<store::Recommendation> recommendations;
  std::vector<store::Ballot> ballots;  // closed ones only are shown
};

std::string motions_href(const std::string& assembly_id, assembly::site::Lang lang);

assembly::site::Page motions_page(const AssemblyMotions& assembly, assembly::site::Lang lang);

}  // namespace recommendations::page
