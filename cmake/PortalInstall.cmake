# SPDX-License-Identifier: MIT
# What `cmake --install` gives an integrator besides the targets' own
# install() rules: the CMake package (find_package(shopportal)),
# shopportal.pc and shopportal-static.pc for pkg-config, the man page, the
# docs and the example, an RPATH so the installed programs find the
# installed library, and where an installed `portal serve` looks for
# portal.cgi and its static files.
#
# The library, its pkg-config modules and its CMake package are named
# shopportal, not portal: Debian's libportal1 and libportal-dev (the
# Flatpak portal library) install libportal.so and libportal.pc.
include(CMakePackageConfigHelpers)

set(portal_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/shopportal)

# The CMake package: shopportal::shopportal (shared) and
# shopportal::shopportal_static, whose dependencies shopportalConfig.cmake
# finds again.
install(EXPORT shopportalTargets
  NAMESPACE shopportal::
  FILE shopportalTargets.cmake
  DESTINATION ${portal_cmake_dir})
configure_package_config_file(cmake/shopportalConfig.cmake.in
  ${PROJECT_BINARY_DIR}/shopportalConfig.cmake
  INSTALL_DESTINATION ${portal_cmake_dir})
# The soname stays 0 through the 0.x releases, so any 0.x satisfies a
# request for 0.y as long as it is not older.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/shopportalConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES
  ${PROJECT_BINARY_DIR}/shopportalConfig.cmake
  ${PROJECT_BINARY_DIR}/shopportalConfigVersion.cmake
  DESTINATION ${portal_cmake_dir})

# The .pc files name their paths from where they lie (${pcfiledir}), so
# an install moved or staged elsewhere (cmake --install --prefix) still
# points at its own headers and libraries.
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}" OR IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
  set(portal_pc_prefix "${CMAKE_INSTALL_PREFIX}")
  set(portal_pc_libdir "${CMAKE_INSTALL_FULL_LIBDIR}")
  set(portal_pc_includedir "${CMAKE_INSTALL_FULL_INCLUDEDIR}")
else()
  file(RELATIVE_PATH portal_pc_up /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
  string(REGEX REPLACE "/$" "" portal_pc_up "${portal_pc_up}")
  set(portal_pc_prefix "\${pcfiledir}/${portal_pc_up}")
  set(portal_pc_libdir "\${prefix}/${CMAKE_INSTALL_LIBDIR}")
  set(portal_pc_includedir "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
endif()
set(portal_pc_libs "")
# libpq is named by its library, not required as a package: Debian's
# libpq.pc lists, for a static link, archives that Debian does not ship
# (libpgcommon, libpgport), so a static libshopportal links the shared libpq.
set(portal_pc_libs_private "")
if(PORTAL_WITH_POSTGRESQL)
  set(portal_pc_libs_private " -lpq")
endif()
if(PORTAL_SANITIZE)
  set(portal_pc_libs " -fsanitize=address,undefined")
endif()
# shopportal.pc links libshopportal.so. `pkg-config --static` cannot make
# -lshopportal mean the archive while a libshopportal.so lies beside it
# (the linker takes the shared library first), so linking libshopportal.a
# is a module of its own: shopportal-static.pc names the archive by its
# path, and what the archive needs, taken shared.
foreach(pc shopportal shopportal-static)
  configure_file(cmake/${pc}.pc.in ${PROJECT_BINARY_DIR}/${pc}.pc @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/${pc}.pc
    DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
endforeach()

# The installed `portal` finds the library installed with it, wherever the
# tree is copied, unless the library goes where the loader looks anyway.
# (portal.cgi links the static library.)
list(FIND CMAKE_C_IMPLICIT_LINK_DIRECTORIES "${CMAKE_INSTALL_FULL_LIBDIR}" portal_libdir_is_system)
if(portal_libdir_is_system EQUAL -1)
  file(RELATIVE_PATH portal_bin_to_lib ${CMAKE_INSTALL_FULL_BINDIR} ${CMAKE_INSTALL_FULL_LIBDIR})
  set_target_properties(portal_cli PROPERTIES INSTALL_RPATH "$ORIGIN/${portal_bin_to_lib}")
endif()

# An installed `portal serve` takes portal.cgi and the static files
# installed with it, found from where the running `portal` is (cli/cmd_serve.c).
file(RELATIVE_PATH portal_bin_to_cgi ${CMAKE_INSTALL_FULL_BINDIR}
  ${CMAKE_INSTALL_FULL_LIBEXECDIR}/portal/portal.cgi)
file(RELATIVE_PATH portal_bin_to_static ${CMAKE_INSTALL_FULL_BINDIR}
  ${CMAKE_INSTALL_FULL_DATADIR}/portal/static)
target_compile_definitions(portal_cli PRIVATE
  PORTAL_CGI_FROM_BIN="${portal_bin_to_cgi}"
  PORTAL_STATIC_FROM_BIN="${portal_bin_to_static}")

# portal(1), and the docs with the README that links them.
install(FILES docs/portal.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES README.md LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs
  FILES_MATCHING PATTERN "*.md" PATTERN "*.png")
install(FILES examples/balance_pdf.c examples/CMakeLists.txt examples/Makefile
  examples/README.md
  DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)
