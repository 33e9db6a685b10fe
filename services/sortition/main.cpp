// sortition: rolls and pools, draws, draw records. main only assembles.
#include "wiring.h"

int main(int argc, char** argv) {
  return assembly::service::run(argc, argv, sortition::definition());
}
