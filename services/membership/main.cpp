// membership: assemblies, members and their lifecycle. main only assembles.
#include "wiring.h"

int main(int argc, char** argv) {
  return assembly::service::run(argc, argv, membership::definition());
}
