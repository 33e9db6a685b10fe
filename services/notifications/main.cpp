// notifications: the letters, e-mails and reminders the process depends on. main only assembles.
#include "wiring.h"

int main(int argc, char** argv) {
  return assembly::service::run(argc, argv, notifications::definition());
}
