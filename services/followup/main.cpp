// followup: Council decisions, commitments and the "droit de suite". main only assembles.
#include "wiring.h"

int main(int argc, char** argv) {
  return assembly::service::run(argc, argv, followup::definition());
}
