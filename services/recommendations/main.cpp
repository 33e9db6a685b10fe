// recommendations: recommendations, co-construction, citizen motions and votes. main only
// assembles.
#include "wiring.h"

int main(int argc, char** argv) {
  return assembly::service::run(argc, argv, recommendations::definition());
}
