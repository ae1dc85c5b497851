# Locates the LLVM/Clang development files the checker is built against.
#
# REFCYCLE_LLVM_VERSION picks a supported major version; when it is empty the
# newest supported one installed is used. Debian installs each version under
# /usr/lib/llvm-N, so that is where we look unless Clang_DIR is given.

set(REFCYCLE_SUPPORTED_LLVM_VERSIONS 22 19)
set(REFCYCLE_LLVM_VERSION "" CACHE STRING
    "LLVM/Clang major version to build against (one of: ${REFCYCLE_SUPPORTED_LLVM_VERSIONS})")

function(_refcycle_packages_for version out)
  set(${out} "clang-tidy-${version} libclang-${version}-dev llvm-${version}-dev llvm-${version}-tools clang-${version}" PARENT_SCOPE)
endfunction()

if(REFCYCLE_LLVM_VERSION)
  if(NOT REFCYCLE_LLVM_VERSION IN_LIST REFCYCLE_SUPPORTED_LLVM_VERSIONS)
    message(FATAL_ERROR
      "REFCYCLE_LLVM_VERSION=${REFCYCLE_LLVM_VERSION} is not supported; "
      "use one of: ${REFCYCLE_SUPPORTED_LLVM_VERSIONS}")
  endif()
  set(_refcycle_candidates ${REFCYCLE_LLVM_VERSION})
else()
  set(_refcycle_candidates ${REFCYCLE_SUPPORTED_LLVM_VERSIONS})
endif()

set(_refcycle_found "")
if(Clang_DIR AND EXISTS "${Clang_DIR}/ClangConfig.cmake")
  set(_refcycle_clang_dir "${Clang_DIR}")
  set(_refcycle_found "custom")
else()
  foreach(_v IN LISTS _refcycle_candidates)
    set(_dir "/usr/lib/llvm-${_v}/lib/cmake/clang")
    if(EXISTS "${_dir}/ClangConfig.cmake"
       AND EXISTS "/usr/lib/llvm-${_v}/include/clang-tidy/ClangTidyModule.h")
      set(_refcycle_clang_dir "${_dir}")
      set(_refcycle_found "${_v}")
      break()
    endif()
  endforeach()
endif()

if(NOT _refcycle_found)
  set(_hint "")
  foreach(_v IN LISTS _refcycle_candidates)
    _refcycle_packages_for(${_v} _pkgs)
    string(APPEND _hint "\n    apt-get install ${_pkgs}")
  endforeach()
  message(FATAL_ERROR
    "refcycle: no supported LLVM/Clang development files found "
    "(looked for LLVM ${_refcycle_candidates} under /usr/lib/llvm-N).\n"
    "  On Debian bookworm install one of:${_hint}\n"
    "  or configure with -DREFCYCLE_BUILD_CHECKER=OFF to build only the runtime library.")
endif()

find_package(Clang CONFIG REQUIRED PATHS "${_refcycle_clang_dir}" NO_DEFAULT_PATH)
string(REGEX MATCH "^[0-9]+" REFCYCLE_LLVM_MAJOR "${LLVM_PACKAGE_VERSION}")
if(NOT REFCYCLE_LLVM_MAJOR IN_LIST REFCYCLE_SUPPORTED_LLVM_VERSIONS)
  message(FATAL_ERROR "refcycle: found LLVM ${LLVM_PACKAGE_VERSION} at ${_refcycle_clang_dir}, "
                      "but only LLVM ${REFCYCLE_SUPPORTED_LLVM_VERSIONS} are supported")
endif()
set(REFCYCLE_LLVM_MAJOR "${REFCYCLE_LLVM_MAJOR}" CACHE INTERNAL "")
get_filename_component(REFCYCLE_LLVM_ROOT "${LLVM_TOOLS_BINARY_DIR}" DIRECTORY)
message(STATUS "refcycle: building the checker against LLVM ${LLVM_PACKAGE_VERSION} (${REFCYCLE_LLVM_ROOT})")

# Tools used by the tests; Debian names them with a version suffix in PATH and
# without one inside /usr/lib/llvm-N/bin.
find_program(REFCYCLE_CLANG_TIDY NAMES clang-tidy HINTS "${LLVM_TOOLS_BINARY_DIR}" NO_DEFAULT_PATH)
find_program(REFCYCLE_CLANGXX NAMES clang++ HINTS "${LLVM_TOOLS_BINARY_DIR}" NO_DEFAULT_PATH)
find_program(REFCYCLE_FILECHECK NAMES FileCheck HINTS "${LLVM_TOOLS_BINARY_DIR}" NO_DEFAULT_PATH)
find_program(REFCYCLE_LIT NAMES lit lit.py llvm-lit
             HINTS "${LLVM_TOOLS_BINARY_DIR}" "${REFCYCLE_LLVM_ROOT}/build/utils/lit" NO_DEFAULT_PATH)
