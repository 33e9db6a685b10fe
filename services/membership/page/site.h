#pragma once
// membership's pages of the public site (docs/site.md), in the site's frame (assembly/site): the
// home (every assembly, newest first, with its figures) and an assembly's page (what it is, who
// was drawn in figures, the mandates, the members' evaluation, its other pages). Pure: no HTTP,
// SQL or Kafka. Never a member's name: membership records no consent to publish one.
#include <string>
#include <vector>

#include "app/evaluations.h"
#include "assembly/site/page.h"
#include "store/cohorts.h"
#include "store/site.h"

namespace membership::page {

using assembly::site::Lang;

// `today` ("YYYY-MM-DD") says where each assembly stands (forming, sitting, ended).
assembly::site::Page home(const std::vector<store::Cohort>& cohorts, const std::string& today,
                          Lang lang);

// `evaluations`: the closed evaluations' results (published once closed).
assembly::site::Page assembly(const store::PublicAssembly& a,
                              const std::vector<app::Results>& evaluations,
                              const std::string& today, Lang lang);

// An assembly's address on the site: "/assemblee/{id}", "/en/assembly/{id}".
std::string assembly_href(const std::string& id, Lang lang);

}  // namespace membership::page
