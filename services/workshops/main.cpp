// workshops: thematic workshops, sessions, attendance, notebooks, mandates. main only assembles.
#include "wiring.h"

int main(int argc, char** argv) {
  return assembly::service::run(argc, argv, workshops::definition());
}
