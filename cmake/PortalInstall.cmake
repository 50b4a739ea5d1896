# SPDX-License-Identifier: MIT
# What `cmake --install` gives an integrator besides the targets' own
# install() rules: the CMake package (find_package(portal)), libportal.pc
# for pkg-config, the man page, the docs and the example, an RPATH so the
# installed programs find the installed library, and where an installed
# `portal serve` looks for portal.cgi and its static files.
include(CMakePackageConfigHelpers)

set(portal_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/portal)

# The CMake package: portal::portal (shared) and portal::portal_static,
# whose dependencies portalConfig.cmake finds again.
install(EXPORT portalTargets
  NAMESPACE portal::
  FILE portalTargets.cmake
  DESTINATION ${portal_cmake_dir})
configure_package_config_file(cmake/portalConfig.cmake.in
  ${PROJECT_BINARY_DIR}/portalConfig.cmake
  INSTALL_DESTINATION ${portal_cmake_dir})
# The soname stays 0 through the 0.x releases, so any 0.x satisfies a
# request for 0.y as long as it is not older.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/portalConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES
  ${PROJECT_BINARY_DIR}/portalConfig.cmake
  ${PROJECT_BINARY_DIR}/portalConfigVersion.cmake
  DESTINATION ${portal_cmake_dir})

# libportal.pc names its paths from where it lies (${pcfiledir}), so an
# install moved or staged elsewhere (cmake --install --prefix) still
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
# (libpgcommon, libpgport), so a static libportal links the shared libpq.
set(portal_pc_libs_private "")
if(PORTAL_WITH_POSTGRESQL)
  set(portal_pc_libs_private " -lpq")
endif()
if(PORTAL_SANITIZE)
  set(portal_pc_libs " -fsanitize=address,undefined")
endif()
configure_file(cmake/libportal.pc.in ${PROJECT_BINARY_DIR}/libportal.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/libportal.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

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
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs
  FILES_MATCHING PATTERN "*.md" PATTERN "*.png")
install(FILES examples/balance_pdf.c examples/CMakeLists.txt examples/Makefile
  examples/README.md
  DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)
