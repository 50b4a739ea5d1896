# SPDX-License-Identifier: MIT
# Warnings and sanitizers live on an interface target that every libportal
# target links privately, so they never leak into a consumer's build.
add_library(portal_build_flags INTERFACE)
target_compile_options(portal_build_flags INTERFACE
  -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
  -Wformat=2 -Wno-unused-parameter)
target_compile_definitions(portal_build_flags INTERFACE _POSIX_C_SOURCE=200809L)
if(PORTAL_WERROR)
  target_compile_options(portal_build_flags INTERFACE -Werror)
endif()
if(PORTAL_SANITIZE)
  target_compile_options(portal_build_flags INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(portal_build_flags INTERFACE -fsanitize=address,undefined)
endif()
