# Every third-party dependency, found once for the whole tree.
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
find_package(Protobuf REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(prometheus-cpp REQUIRED COMPONENTS core)
find_package(GTest REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(CURL REQUIRED)
find_package(ZLIB REQUIRED)

pkg_check_modules(PISTACHE REQUIRED IMPORTED_TARGET libpistache)
pkg_check_modules(PQXX REQUIRED IMPORTED_TARGET libpqxx)
pkg_check_modules(PQ REQUIRED IMPORTED_TARGET libpq)
pkg_check_modules(RDKAFKA REQUIRED IMPORTED_TARGET rdkafka++ rdkafka)
pkg_check_modules(JWT REQUIRED IMPORTED_TARGET libjwt)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(CBC REQUIRED IMPORTED_TARGET cbc)
# The invitation letters (services/notifications/letters): libqrencode through pkg-config;
# libharu ships no pkg-config file in Debian, so its header and library are found directly.
pkg_check_modules(QRENCODE REQUIRED IMPORTED_TARGET libqrencode)
find_path(HPDF_INCLUDE_DIR hpdf.h REQUIRED)
find_library(HPDF_LIBRARY hpdf REQUIRED)
add_library(HPDF::hpdf UNKNOWN IMPORTED)
set_target_properties(HPDF::hpdf PROPERTIES IMPORTED_LOCATION ${HPDF_LIBRARY}
                                            INTERFACE_INCLUDE_DIRECTORIES ${HPDF_INCLUDE_DIR})
