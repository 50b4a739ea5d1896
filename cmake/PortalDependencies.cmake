# SPDX-License-Identifier: MIT
# Every dependency is a Debian package. scripts/setup-deps installs the
# missing ones; here we only find them, through pkg-config where the package
# ships a .pc file and with find_library() where it does not (libharu).
find_package(PkgConfig REQUIRED)

pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3>=3.35)
pkg_check_modules(CJSON REQUIRED IMPORTED_TARGET libcjson)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)

# PostgreSQL is a second engine, built when libpq is there (AUTO), or
# required (ON), or left out (OFF).
set(PORTAL_POSTGRESQL AUTO CACHE STRING "Build the PostgreSQL driver: AUTO, ON or OFF")
set_property(CACHE PORTAL_POSTGRESQL PROPERTY STRINGS AUTO ON OFF)
set(PORTAL_WITH_POSTGRESQL OFF)
if(PORTAL_POSTGRESQL STREQUAL "ON")
  pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq)
  set(PORTAL_WITH_POSTGRESQL ON)
elseif(PORTAL_POSTGRESQL STREQUAL "AUTO")
  pkg_check_modules(LIBPQ IMPORTED_TARGET libpq)
  if(LIBPQ_FOUND)
    set(PORTAL_WITH_POSTGRESQL ON)
  endif()
endif()
message(STATUS "PostgreSQL driver: ${PORTAL_WITH_POSTGRESQL}")

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
