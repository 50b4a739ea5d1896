# Every dependency is a Debian package. scripts/setup-deps installs the
# missing ones; here we only find them, through pkg-config where the package
# ships a .pc file and with find_library() where it does not (libharu).
find_package(PkgConfig REQUIRED)

pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3>=3.35)
pkg_check_modules(CJSON REQUIRED IMPORTED_TARGET libcjson)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)

find_path(HPDF_INCLUDE_DIR hpdf.h)
find_library(HPDF_LIBRARY NAMES hpdf libhpdf)
if(NOT HPDF_INCLUDE_DIR OR NOT HPDF_LIBRARY)
  message(FATAL_ERROR "libharu (hpdf.h, libhpdf) not found: run scripts/setup-deps")
endif()
add_library(portal_hpdf INTERFACE)
target_include_directories(portal_hpdf INTERFACE ${HPDF_INCLUDE_DIR})
target_link_libraries(portal_hpdf INTERFACE ${HPDF_LIBRARY})

if(PORTAL_BUILD_TESTS)
  pkg_check_modules(CMOCKA REQUIRED IMPORTED_TARGET cmocka)
endif()
